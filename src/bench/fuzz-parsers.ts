// `npm run fuzz:parsers [-- --quick] [--runs N] [--seed S]`: property-based fuzzing of the DIMACS
// (cnf, old wcnf, 2022 wcnf) and rudy parsers with fast-check, then adversarial bodies at 1 MB and
// 10 MB for every parser (DIMACS, rudy, OR-Library, Biq Mac, JSON QUBO, .col). Prints the figures; exits with 1 on any throw, badly formed rejection or slow 1 MB body.

import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { ParseResult } from '../common/parse-result.js';
import { parseCol } from '../problems/coloring/col-parser.js';
import { parseRudy } from '../problems/maxcut/rudy-parser.js';
import type { DimacsFormat } from '../problems/maxsat/instance.js';
import { parseDimacs } from '../problems/maxsat/parse-dimacs.js';
import { parseBiqMac } from '../problems/qubo/biqmac-parser.js';
import { parseQuboJson } from '../problems/qubo/json-parser.js';
import { parseOrLib } from '../problems/qubo/orlib-parser.js';
import { ADVERSARIAL_BODIES, type AdversarialBody } from './adversarial-bodies.js';
import { dimacsOptions, parserInput, type DimacsFuzzOptions, type FuzzFormat } from './parser-arbitraries.js';
import { outcomeProblem } from './parse-outcome-check.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' }, seed: { type: 'string', default: '20261201' } },
});
const quick = values.quick === true;
const runs = Number(values.runs ?? (quick ? 5_000 : 100_000));
const seed = Number(values.seed);
const MB = 1 << 20;
const BUDGET_MS = 1000;

interface Tally {
  accepted: number;
  rejected: number;
  maxMs: number;
  readonly codes: Map<string, number>;
}

/** Parses one body the way the service or the library would, with the options fast-check drew. */
function parseDimacsBody(text: Uint8Array, o: DimacsFuzzOptions): { result: ParseResult<unknown>; positionsIn: Uint8Array | null } {
  let bytes: Uint8Array = text;
  if (o.gzip !== 'no') {
    const gz = gzipSync(text);
    if (o.gzip === 'damaged' && gz.length > 12) gz[gz.length - 6] ^= 0x5a;
    bytes = gz;
  }
  const result = parseDimacs(bytes, { format: o.format, mode: o.mode, fileName: o.fileName, limits: { maxBytes: 1 << 16 } });
  return { result, positionsIn: o.gzip === 'damaged' ? null : text };
}

function record(tally: Tally, result: ParseResult<unknown>, ms: number): void {
  if (ms > tally.maxMs) tally.maxMs = ms;
  if (result.ok) tally.accepted++;
  else {
    tally.rejected++;
    const code = result.issues[0].code;
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
  }
}

function fuzz(format: FuzzFormat): Tally {
  const tally: Tally = { accepted: 0, rejected: 0, maxMs: 0, codes: new Map() };
  const options = format === 'rudy' ? fc.constant(null) : dimacsOptions(format as DimacsFormat);
  const property = fc.property(parserInput(format), options, (text, o) => {
    const t0 = performance.now();
    const { result, positionsIn } = o === null ? { result: parseRudy(text), positionsIn: text } : parseDimacsBody(text, o);
    record(tally, result, performance.now() - t0);
    const problem = outcomeProblem(result, positionsIn);
    if (problem !== null) throw new Error(problem);
  });
  fc.assert(property, { numRuns: runs, seed });
  return tally;
}

function parseBody(body: AdversarialBody, bytes: Buffer): ParseResult<unknown> {
  switch (body.parser) {
    case 'rudy':
      return parseRudy(bytes);
    case 'orlib':
      return parseOrLib(bytes, { select: body.select });
    case 'biqmac':
      return parseBiqMac(bytes);
    case 'qubo-json':
      return parseQuboJson(bytes);
    case 'col':
      return parseCol(bytes);
    default:
      return parseDimacs(bytes, body.options);
  }
}

function timeParse(body: AdversarialBody, bytes: Buffer): { ms: number; outcome: string } {
  const t0 = performance.now();
  const result = parseBody(body, bytes);
  const ms = performance.now() - t0;
  const problem = outcomeProblem(result, bytes);
  if (problem !== null) throw new Error(`${body.name}: ${problem}`);
  return { ms, outcome: result.ok ? 'parsed' : `${result.issues[0].code} ${result.issues[0].line}:${result.issues[0].column}` };
}

let failed = false;
console.log(`fuzz:parsers — ${runs} bodies per parser, seed ${seed}${quick ? ' (quick)' : ''}`);
for (const format of ['cnf', 'wcnf-old', 'wcnf', 'rudy'] as const) {
  const t0 = performance.now();
  try {
    const t = fuzz(format);
    const codes = [...t.codes.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ');
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`${format.padEnd(8)} ${runs} bodies in ${seconds} s: 0 crashes, ${t.accepted} accepted, ${t.rejected} rejected (all coded and positioned), max ${t.maxMs.toFixed(2)} ms per body; ${codes}`);
  } catch (err) {
    failed = true;
    console.log(`${format.padEnd(8)} FAILED: ${(err as Error).message}`);
  }
}

console.log(`\nadversarial bodies: 1 MB (budget ${BUDGET_MS} ms)${quick ? '' : ', and 10 MB to check the time grows linearly'}`);
let worst = 0;
for (const body of ADVERSARIAL_BODIES) {
  const small = body.make(MB);
  timeParse(body, small); // warm-up
  const one = timeParse(body, small);
  worst = Math.max(worst, one.ms);
  if (one.ms >= BUDGET_MS) failed = true;
  let line = `${body.name.padEnd(52)} 1 MB ${one.ms.toFixed(1).padStart(7)} ms  ${one.outcome}`;
  if (!quick) {
    const ten = timeParse(body, body.make(10 * MB));
    line += `  | 10 MB ${ten.ms.toFixed(1).padStart(7)} ms (×${(ten.ms / Math.max(one.ms, 0.05)).toFixed(1)})`;
  }
  console.log(line);
}
console.log(`\nslowest 1 MB adversarial body: ${worst.toFixed(1)} ms${failed ? '\nFAILED' : ''}`);
process.exitCode = failed ? 1 : 0;
