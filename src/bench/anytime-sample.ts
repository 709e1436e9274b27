// The anytime bench's instances: the bundled regression files with the truth their CSVs state,
// plus fuzz instances written to a folder, certified by enumeration when small.

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatIssue } from '../common/parse-result.js';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { readRegressionCsv, type RegressionRow } from '../instances/regression-csv.js';
import { totalSoftWeight, type MaxSatInstance } from '../problems/maxsat/instance.js';
import { parseDimacs, parseDimacsFile } from '../problems/maxsat/parse-dimacs.js';
import { bruteForceMaxSat } from './brute-force-maxsat.js';
import { FUZZ_SMALL_VARS, generateFuzzSet } from './fuzz-wcnf.js';
import type { InstanceTruth } from './run-verdict.js';

export const BIG_WEIGHTS = 1n << 50n;
export const BEYOND_64 = 1n << 64n;

export interface SampleInstance {
  /** `MSE22Unique/….wcnf`, `baseWCNFs/….wcnf` or `fuzz/….wcnf`. */
  readonly name: string;
  readonly path: string;
  readonly origin: 'regression' | 'fuzz';
  readonly inst: MaxSatInstance;
  readonly truth: InstanceTruth;
  readonly softTotal: bigint;
}

export interface LoadedSample {
  readonly instances: SampleInstance[];
  /** Files that did not parse, with the reason; they are left out. */
  readonly skipped: { readonly name: string; readonly reason: string }[];
}

export const REGRESSION_DIR = join(INSTANCES_DIR, 'maxsat-regression');

function regressionTruth(row: RegressionRow | undefined, inst: MaxSatInstance): InstanceTruth {
  if (row === undefined) return enumeratedTruth(inst, 'no CSV row');
  return {
    feasible: row.satisfiable,
    optimum: row.certified && row.satisfiable ? row.bestCost : null,
    source: `CSV (CertifiedResult ${row.certified ? 'YES' : 'NO'})`,
  };
}

/** Truth by enumeration for small instances; `fallback` names what is known otherwise. */
function enumeratedTruth(inst: MaxSatInstance, fallback: string, feasible: boolean | null = null): InstanceTruth {
  const exact = bruteForceMaxSat(inst, FUZZ_SMALL_VARS);
  if (exact === null) return { feasible, optimum: null, source: fallback };
  return { feasible: exact.feasible, optimum: exact.optimum, source: 'enumeration' };
}

/** Every `.wcnf` of every suite folder that has a CSV beside it (`X.csv` describes `X/`). */
export async function loadRegressionSample(dir = REGRESSION_DIR): Promise<LoadedSample> {
  const instances: SampleInstance[] = [];
  const skipped: LoadedSample['skipped'] = [];
  const suites = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => f.slice(0, -4));
  for (const suite of suites) {
    const rows = new Map(readRegressionCsv(join(dir, `${suite}.csv`)).map((r) => [r.file, r]));
    for (const file of readdirSync(join(dir, suite)).filter((f) => /\.wcnf(\.gz)?$/.test(f)).sort()) {
      const name = `${suite}/${file}`;
      const path = join(dir, suite, file);
      const parsed = await parseDimacsFile(path);
      if (!parsed.ok) {
        skipped.push({ name, reason: formatIssue(parsed.issues[0], name) });
        continue;
      }
      const inst = parsed.value;
      instances.push({ name, path, origin: 'regression', inst, truth: regressionTruth(rows.get(name), inst), softTotal: totalSoftWeight(inst) });
    }
  }
  return { instances, skipped };
}

/**
 * Writes `count` fuzz instances into `outDir` and reads them back with the project's parser.
 * Small ones (≤ 20 variables) are solved by enumeration; larger ones know only whether their
 * hard clauses were built satisfiable.
 */
export function writeFuzzSample(count: number, baseSeed: number, outDir: string): SampleInstance[] {
  mkdirSync(outDir, { recursive: true });
  return generateFuzzSet(count, baseSeed).map((fuzz) => {
    const path = join(outDir, fuzz.name);
    writeFileSync(path, fuzz.text);
    const parsed = parseDimacs(fuzz.text, { fileName: fuzz.name });
    if (!parsed.ok) throw new Error(`generated ${fuzz.name} does not parse: ${formatIssue(parsed.issues[0], fuzz.name)}`);
    const inst = parsed.value;
    const truth = enumeratedTruth(inst, 'construction', fuzz.contradiction === null);
    if (truth.feasible !== (fuzz.contradiction === null)) throw new Error(`${fuzz.name}: enumeration contradicts its construction`);
    return { name: `fuzz/${basename(path)}`, path, origin: 'fuzz' as const, inst, truth, softTotal: totalSoftWeight(inst) };
  });
}

export const SAMPLE_FILTERS = ['all', 'regression', 'fuzz', 'big', 'beyond64', 'certified', 'unsat'] as const;

function matches(s: SampleInstance, filter: string): boolean {
  switch (filter) {
    case 'all': return true;
    case 'regression': case 'fuzz': return s.origin === filter;
    case 'big': return s.softTotal >= BIG_WEIGHTS;
    case 'beyond64': return s.softTotal >= BEYOND_64;
    case 'certified': return s.truth.optimum !== null;
    case 'unsat': return s.truth.feasible === false;
    default: return s.name.includes(filter);
  }
}

/**
 * The instances any of `filters` accepts (a filter name from SAMPLE_FILTERS, else a substring of
 * the name). With a limit, instances whose soft weights total ≥ 2^50 are kept first and the rest
 * is thinned evenly, so a shorter run still covers the float-drift cases.
 */
export function selectSample(all: readonly SampleInstance[], filters: readonly string[], limit?: number): SampleInstance[] {
  const chosen = all.filter((s) => filters.some((f) => matches(s, f)));
  if (limit === undefined || limit >= chosen.length) return chosen;
  const big = chosen.filter((s) => s.softTotal >= BIG_WEIGHTS);
  const rest = chosen.filter((s) => s.softTotal < BIG_WEIGHTS);
  const room = Math.max(0, limit - big.length);
  const thinned = Array.from({ length: Math.min(room, rest.length) }, (_, i) => rest[Math.floor((i * rest.length) / room)]);
  const keep = new Set([...big.slice(0, limit), ...thinned]);
  return chosen.filter((s) => keep.has(s));
}
