// `npm run bench:anytime`: runs `polystep solve` as a black box on the regression files and fuzz
// instances, and checks its MaxSAT Evaluation answers: v model cost = last o, UNSAT, exit codes.

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toJson } from '../common/json.js';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { BEYOND_64, BIG_WEIGHTS, loadRegressionSample, selectSample, writeFuzzSample, type SampleInstance } from './anytime-sample.js';
import { formatSummary, summarizeSolver, type AnytimeRun } from './anytime-summary.js';
import { runChild, runPool } from './child-runs.js';
import { judgeRun } from './run-verdict.js';

const ALL_SOLVERS = ['polystep', 'polystep-es', 'openai-es', 'walksat', 'probsat', 'hybrid'];

const { values } = parseArgs({
  options: {
    'time-limit': { type: 'string', default: '1' },
    solvers: { type: 'string', default: ALL_SOLVERS.join(',') },
    /** A count (3 = seeds 1, 2, 3) or a list (1,7,42). */
    seeds: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: String(availableParallelism()) },
    limit: { type: 'string' },
    /** Comma list of all, regression, fuzz, big (≥ 2^50), beyond64, certified, unsat, or name substrings. */
    sample: { type: 'string', default: 'all' },
    fuzz: { type: 'string', default: '160' },
    'fuzz-seed': { type: 'string', default: '1' },
    'fuzz-out': { type: 'string' },
    bin: { type: 'string', default: resolve(INSTANCES_DIR, '../bin/polystep.js') },
    json: { type: 'string' },
    /** Seconds past the time limit before the harness stops a run (SIGTERM, then SIGKILL). */
    grace: { type: 'string', default: '20' },
    /** Passed to every solve, e.g. --solver-arg=--quiet. */
    'solver-arg': { type: 'string', multiple: true, default: [] },
    /** Describe the sample and the number of runs, run nothing. */
    'dry-run': { type: 'boolean', default: false },
  },
});

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} takes a whole number, got "${text}"`);
  return n;
}

const solvers = values.solvers.split(',').map((s) => s.trim()).filter((s) => s !== '');
const seeds = values.seeds.includes(',')
  ? values.seeds.split(',').map((s) => positiveInt(s.trim(), 'seeds'))
  : Array.from({ length: positiveInt(values.seeds, 'seeds') }, (_, i) => i + 1);
const timeLimitS = Number(values['time-limit']);
if (!(timeLimitS > 0)) throw new Error(`--time-limit takes seconds > 0, got "${values['time-limit']}"`);
const concurrency = Math.max(1, positiveInt(values.concurrency, 'concurrency'));
const bin = resolve(values.bin);
if (!existsSync(bin)) throw new Error(`--bin: ${bin} does not exist`);

const regression = await loadRegressionSample();
const fuzzDir = values['fuzz-out'] ?? mkdtempSync(join(tmpdir(), 'polystep-fuzz-'));
const fuzz = writeFuzzSample(positiveInt(values.fuzz, 'fuzz'), positiveInt(values['fuzz-seed'], 'fuzz-seed'), fuzzDir);
const limit = values.limit === undefined ? undefined : positiveInt(values.limit, 'limit');
const sample = selectSample([...regression.instances, ...fuzz], values.sample.split(','), limit);

interface Cell {
  readonly instance: SampleInstance;
  readonly solver: string;
  readonly seed: number;
}
const cells: Cell[] = sample.flatMap((instance) => seeds.flatMap((seed) => solvers.map((solver) => ({ instance, solver, seed }))));

function describeSample(list: readonly SampleInstance[]): string {
  const count = (p: (s: SampleInstance) => boolean) => list.filter(p).length;
  return `${list.length} instances (${count((s) => s.origin === 'regression')} regression, ${count((s) => s.origin === 'fuzz')} fuzz), `
    + `${count((s) => s.softTotal >= BIG_WEIGHTS)} with soft totals ≥ 2^50 (${count((s) => s.softTotal >= BEYOND_64)} ≥ 2^64), `
    + `${count((s) => s.truth.optimum !== null)} certified optima, ${count((s) => s.truth.feasible === false)} UNSAT`;
}

const header = [
  `anytime bench: ${describeSample(sample)}`,
  `solvers ${solvers.join(', ')}; seeds ${seeds.join(', ')}; --time-limit ${timeLimitS}; concurrency ${concurrency}; bin ${bin}`,
  `fuzz instances in ${fuzzDir}`,
  ...regression.skipped.map((s) => `skipped (does not parse): ${s.reason}`),
];
console.log(header.join('\n'));
if (values['dry-run']) {
  console.log(`${cells.length} runs; nothing run (--dry-run)`);
  process.exit(0);
}
const started = performance.now();
process.stderr.write(`${cells.length} runs, about ${((cells.length * (timeLimitS + 0.5)) / concurrency / 60).toFixed(0)} min\n`);

function progress(done: number): void {
  if (done % Math.max(1, Math.floor(cells.length / 40)) !== 0 && done !== cells.length) return;
  const elapsed = (performance.now() - started) / 1000;
  const eta = (elapsed / done) * (cells.length - done);
  process.stderr.write(`${done}/${cells.length} runs, ${(elapsed / 60).toFixed(1)} min, ~${(eta / 60).toFixed(1)} min left\n`);
}

const killAfterMs = (timeLimitS + Number(values.grace)) * 1000;
const runs = await runPool(cells, concurrency, async (cell): Promise<AnytimeRun> => {
  const args = [bin, 'solve', cell.instance.path, '--solver', cell.solver, '--time-limit', String(timeLimitS), '--seed', String(cell.seed), ...values['solver-arg']];
  const child = await runChild(process.execPath, args, { killAfterMs });
  const verdict = judgeRun(cell.instance.inst, cell.instance.truth, child);
  return { instance: cell.instance, solver: cell.solver, seed: cell.seed, exitCode: child.exitCode, wallMs: child.wallMs, verdict };
}, progress);

const summaries = solvers.map((solver) => summarizeSolver(solver, runs, seeds.length));
console.log(`\n${formatSummary(summaries)}`);
console.log(`\n${runs.length} runs in ${((performance.now() - started) / 60000).toFixed(1)} min`);

if (values.json !== undefined) {
  const report = {
    bench: 'anytime',
    config: { bin, solvers, seeds, timeLimitS, concurrency, sample: values.sample, limit: limit ?? null, fuzz: fuzz.length, fuzzSeed: Number(values['fuzz-seed']), fuzzDir, solverArgs: values['solver-arg'] },
    sample: describeSample(sample),
    skipped: regression.skipped,
    summaries,
    runs: runs.map((r) => ({
      instance: r.instance.name, origin: r.instance.origin, softTotal: r.instance.softTotal, truth: r.instance.truth,
      solver: r.solver, seed: r.seed, exitCode: r.exitCode, wallMs: Math.round(r.wallMs), ...r.verdict,
    })),
  };
  writeFileSync(values.json, `${toJson(report, 1)}\n`);
  console.log(`JSON written to ${values.json}`);
}
