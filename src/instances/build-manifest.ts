// `npm run instances:manifest`: rebuilds instances/manifest.json from the files and their known values.

import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeDimacsFile } from '../problems/maxsat/dimacs-writer.js';
import { parseDimacsFile } from '../problems/maxsat/parse-dimacs.js';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { INSTANCES_DIR, MANIFEST_PATH, type Manifest, type ManifestEntry } from './manifest.js';
import { coloringEntries } from './coloring-entries.js';
import { gsetEntries, quboEntries } from './quadratic-entries.js';
import { readRegressionCsv, type RegressionRow } from './regression-csv.js';

const SATLIB_SOURCE = 'SATLIB (Hoos & Stützle), via sergedurand/SatSolver data/benchmark';
const REGRESSION_SOURCE = 'MaxSAT Evaluation 2024 regression suite (Paxian & Biere fuzzer), MaxSATRegressionSuiteWCNFs.zip';
export const PAPER_INSTANCE = 'paper/random-3sat-n1000-s42.cnf';

type Known = Pick<ManifestEntry, 'optimum' | 'bestKnown' | 'lowerBound' | 'feasible' | 'valueSource'>;

async function maxsatEntry(path: string, family: string, tags: string[], source: string, known: Known): Promise<ManifestEntry> {
  const parsed = await parseDimacsFile(join(INSTANCES_DIR, path));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.issues[0].message}`);
  const inst = parsed.value;
  return {
    path,
    problem: 'maxsat',
    family,
    tags,
    format: inst.format,
    sense: 'min',
    variables: inst.numVars,
    terms: inst.numClauses,
    hardClauses: inst.stats.hardClauses,
    softClauses: inst.stats.softClauses,
    source,
    ...known,
  };
}

async function satlibEntries(): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const family of readdirSync(join(INSTANCES_DIR, 'satlib')).sort()) {
    const unsat = family.startsWith('uuf');
    const known: Known = unsat
      ? { optimum: null, bestKnown: null, lowerBound: '1', feasible: true, valueSource: 'SATLIB: unsatisfiable' }
      : { optimum: '0', bestKnown: '0', lowerBound: '0', feasible: true, valueSource: 'SATLIB: satisfiable' };
    for (const file of readdirSync(join(INSTANCES_DIR, 'satlib', family)).sort()) {
      entries.push(await maxsatEntry(`satlib/${family}/${file}`, `satlib-${family}`, ['satlib-small'], SATLIB_SOURCE, known));
    }
  }
  return entries;
}

const UNKNOWN: Known = { optimum: null, bestKnown: null, lowerBound: null, feasible: null, valueSource: null };

function regressionKnown(row: RegressionRow | undefined, csv: string): Known {
  if (row === undefined) return UNKNOWN;
  const best = row.bestCost?.toString() ?? null;
  return {
    optimum: row.certified ? best : null,
    bestKnown: best,
    lowerBound: row.certified ? best : null,
    feasible: row.satisfiable,
    valueSource: `${relative(INSTANCES_DIR, csv)} (CertifiedResult ${row.certified ? 'YES' : 'NO'})`,
  };
}

/** Every file of the regression folders; values from the suite's CSV where it has a row. */
async function regressionEntries(): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const suite of ['baseWCNFs', 'MSE22Unique']) {
    const csv = join(INSTANCES_DIR, 'maxsat-regression', `${suite}.csv`);
    const rows = new Map(readRegressionCsv(csv).map((row) => [row.file, row]));
    for (const file of readdirSync(join(INSTANCES_DIR, 'maxsat-regression', suite)).sort()) {
      const known = regressionKnown(rows.get(`${suite}/${file}`), csv);
      const path = `maxsat-regression/${suite}/${file}`;
      entries.push(await maxsatEntry(path, `maxsat-regression-${suite}`, ['maxsat-regression'], REGRESSION_SOURCE, known));
    }
  }
  return entries;
}

async function paperEntries(): Promise<ManifestEntry[]> {
  const file = join(INSTANCES_DIR, PAPER_INSTANCE);
  if (!existsSync(file)) {
    mkdirSync(join(INSTANCES_DIR, 'paper'), { recursive: true });
    await writeDimacsFile(generateRandomKSat({ numVars: 1000, seed: 42 }), 'cnf', file);
  }
  const source = 'PolyStep paper random 3-SAT (ratio 4.27, CPython random.Random(42)); `polystep gen --vars 1000`';
  return [await maxsatEntry(PAPER_INSTANCE, 'paper-random', ['paper-random'], source, { ...UNKNOWN, feasible: true })];
}

export async function buildManifest(): Promise<Manifest> {
  const entries = [...(await satlibEntries()), ...(await regressionEntries()), ...gsetEntries(), ...quboEntries(), ...coloringEntries(), ...(await paperEntries())];
  return {
    description:
      'Bundled instances. Known values are exact decimal strings in each entry\'s sense: MaxSAT least costs (min), Max-Cut largest cuts (max), QUBO as its file states (OR-Library max, Biq Mac min), graph colouring colours used (min).',
    entries,
  };
}

if (process.argv[1]?.endsWith('build-manifest.js')) {
  const manifest = await buildManifest();
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 1)}\n`);
  console.log(`wrote ${relative(process.cwd(), MANIFEST_PATH)}: ${manifest.entries.length} entries`);
}
