// `polystep gen`: seeded random instances of every family (MAX-SAT: the paper's k-SAT, CPython-exact).

import { writeFile } from 'node:fs/promises';
import { writeDimacs, writeDimacsFile } from '../../problems/maxsat/dimacs-writer.js';
import { generateRandomKSat } from '../../problems/maxsat/random-ksat.js';
import { randomGraph, rudyChunks } from '../../problems/maxcut/random-graph.js';
import { pairCapacity, MAX_GENERATED_PAIRS, MAX_GENERATED_VARS, type WeightRule } from '../../problems/quadratic/random-pairs.js';
import { quboChunks, randomQubo, type QuboWriteFormat } from '../../problems/qubo/random-qubo.js';
import { colChunks, randomCol } from '../../problems/coloring/random-col.js';
import { intFlag, numberFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { GEN_USAGE } from '../usage.js';

const OPTIONS = {
  family: { type: 'string' },
  vars: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string', short: 'o' },
  // MAX-SAT
  ratio: { type: 'string' },
  k: { type: 'string' },
  weighted: { type: 'string' },
  // Max-Cut and QUBO
  edges: { type: 'string' },
  density: { type: 'string' },
  weights: { type: 'string' },
  format: { type: 'string' },
  sense: { type: 'string' },
  // graph colouring
  planted: { type: 'string' },
} as const;

const FAMILY_FLAGS: Record<string, readonly string[]> = {
  maxsat: ['ratio', 'k', 'weighted'],
  maxcut: ['edges', 'density', 'weights'],
  qubo: ['edges', 'density', 'weights', 'format', 'sense'],
  coloring: ['edges', 'density', 'planted'],
};

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

export async function genCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, GEN_USAGE);
  const family = values.family ?? 'maxsat';
  if (positionals.length > 0 || values.vars === undefined || FAMILY_FLAGS[family] === undefined) throw new CliError(GEN_USAGE, EXIT_USAGE);
  const foreign = Object.keys(FAMILY_FLAGS).flatMap((f) => FAMILY_FLAGS[f]).filter((flag) => !FAMILY_FLAGS[family].includes(flag) && (values as Record<string, unknown>)[flag] !== undefined);
  if (foreign.length > 0) throw new CliError(`--${foreign[0]} does not apply to --family ${family}\n\n${GEN_USAGE}`, EXIT_USAGE);
  const seed = intFlag(values.seed, 'seed', 42, 0);
  if (family === 'maxsat') return genMaxSat(values, seed, io);
  if (family === 'coloring') return genColoring(values, seed, io);
  const n = intFlag(values.vars, 'vars', 0, family === 'maxcut' ? 2 : 1, MAX_GENERATED_VARS);
  const terms = termCount(values, n, family === 'qubo');
  const weights = weightRule(values.weights, family === 'maxcut' ? { kind: 'unit' } : { kind: 'range', lo: -100, hi: 100 });
  if (family === 'maxcut') {
    const graph = randomGraph({ nodes: n, edges: terms, weights, seed });
    await emit(rudyChunks(graph), values.out, io);
    if (values.out !== undefined) io.stderr(`wrote ${values.out}: ${n} nodes, ${terms} edges (rudy)\n`);
    return 0;
  }
  const format = quboFormat(values.format);
  if (values.sense !== undefined && (format !== 'qubo-json' || !['min', 'max'].includes(values.sense))) {
    throw new CliError(`--sense takes min or max, and only with --format qubo-json (Biq Mac files minimise, OR-Library files maximise)`, EXIT_USAGE);
  }
  const qubo = randomQubo({ n, entries: terms, weights, seed });
  await emit(quboChunks(qubo, format, values.sense as 'min' | 'max' | undefined), values.out, io);
  if (values.out !== undefined) io.stderr(`wrote ${values.out}: ${n} variables, ${terms} upper-triangle entries (${format})\n`);
  return 0;
}

async function genMaxSat(values: Values, seed: number, io: CliIo): Promise<number> {
  const k = intFlag(values.k, 'k', 3, 1, 64);
  const numVars = intFlag(values.vars, 'vars', 0, k, 2 ** 27);
  const ratio = numberFlag(values.ratio, 'ratio', 4.27);
  const maxWeight = values.weighted === undefined ? undefined : intFlag(values.weighted, 'weighted', 1, 1);
  const inst = generateRandomKSat({ numVars, ratio, k, seed, weighted: maxWeight === undefined ? undefined : { maxWeight } });
  const format = maxWeight === undefined ? 'cnf' : 'wcnf';
  if (values.out !== undefined) {
    const out = values.out;
    await writeOut(out, () => writeDimacsFile(inst, format, out));
    io.stderr(`wrote ${values.out}: ${inst.numVars} variables, ${inst.numClauses} clauses\n`);
  } else {
    writeDimacs(inst, format, (chunk) => io.stdout(chunk.toString('latin1')));
  }
  return 0;
}

/** A G(n, m) graph, or one with a planted k-colouring (edges only across its classes), as .col. */
async function genColoring(values: Values, seed: number, io: CliIo): Promise<number> {
  const n = intFlag(values.vars, 'vars', 0, 1, 2 ** 20);
  const edges = termCount(values, n, false);
  const planted = values.planted === undefined ? undefined : intFlag(values.planted, 'planted', 2, 2, n);
  let graph;
  try {
    graph = randomCol({ vertices: n, edges, seed, planted });
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`${err.message}: ask for fewer edges (--edges or --density)`, EXIT_USAGE);
    throw err;
  }
  const what = planted === undefined ? `uniform random graph, seed ${seed}` : `random graph with a planted ${planted}-colouring (at most ${planted} colours needed), seed ${seed}`;
  await emit(colChunks(graph, `polystep gen: ${what}`), values.out, io);
  if (values.out !== undefined) io.stderr(`wrote ${values.out}: ${n} vertices, ${edges} edges (col)\n`);
  return 0;
}

/** Edges (Max-Cut, colouring) or upper-triangle entries (QUBO): --edges, or --density of all pairs (default 0.1). */
function termCount(values: Values, n: number, diagonal: boolean): number {
  const capacity = Math.min(pairCapacity(n, diagonal), MAX_GENERATED_PAIRS);
  if (values.edges !== undefined && values.density !== undefined) throw new CliError('give --edges or --density, not both', EXIT_USAGE);
  if (values.edges !== undefined) return intFlag(values.edges, 'edges', 0, 0, capacity);
  const density = numberFlag(values.density, 'density', 0.1);
  if (density > 1) throw new CliError(`--density is a fraction of all pairs, in (0, 1], got ${density}`, EXIT_USAGE);
  const count = Math.round(density * pairCapacity(n, diagonal));
  if (count > capacity) throw new CliError(`--density ${density} asks for ${count} terms; at most ${capacity}`, EXIT_USAGE);
  return count;
}

function weightRule(value: string | undefined, fallback: WeightRule): WeightRule {
  if (value === undefined) return fallback;
  if (value === 'unit' || value === 'pm1') return { kind: value };
  const range = /^(-?\d{1,15})\.\.(-?\d{1,15})$/.exec(value);
  if (range !== null && Number(range[1]) <= Number(range[2]) && !(range[1] === '0' && range[2] === '0')) return { kind: 'range', lo: Number(range[1]), hi: Number(range[2]) };
  throw new CliError(`--weights takes unit, pm1 or LO..HI (integers, e.g. -100..100), got "${value}"`, EXIT_USAGE);
}

function quboFormat(value: string | undefined): QuboWriteFormat {
  if (value === undefined) return 'biqmac';
  if (value === 'biqmac' || value === 'orlib' || value === 'qubo-json') return value;
  throw new CliError(`--format for qubo is biqmac, orlib or qubo-json, got "${value}"`, EXIT_USAGE);
}

async function emit(chunks: Iterable<string>, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined) {
    for (const chunk of chunks) io.stdout(chunk);
    return;
  }
  await writeOut(out, () => writeFile(out, chunks));
}

/** A file that cannot be written is bad input (exit 1) with the system's reason, not an internal error. */
async function writeOut(out: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new CliError(`cannot write ${out}: ${code} (${(err as Error).message.replace(/^[A-Z]+: /, '')})`);
  }
}
