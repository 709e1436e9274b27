import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIG_WEIGHTS, loadRegressionSample, REGRESSION_DIR, selectSample, writeFuzzSample, type SampleInstance } from '../src/bench/anytime-sample.js';
import { formatSummary, summarizeSolver, type AnytimeRun } from '../src/bench/anytime-summary.js';
import { runPool } from '../src/bench/child-runs.js';
import { judgeRun } from '../src/bench/run-verdict.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';

const regression = await loadRegressionSample();

test('the regression sample holds every bundled file with the truth its CSV states', () => {
  assert.equal(regression.instances.length, 169);
  assert.deepEqual(regression.skipped, []);
  const unsat = regression.instances.filter((s) => s.truth.feasible === false);
  assert.equal(unsat.length, 11);
  assert.ok(unsat.some((s) => s.name === 'baseWCNFs/MinimalUnsat.wcnf'));
  const drift = regression.instances.find((s) => s.name.startsWith('MSE22Unique/d9923588'));
  assert.ok(drift !== undefined && drift.softTotal >= BIG_WEIGHTS && drift.truth.optimum !== null);
  const noRow = regression.instances.find((s) => s.name === 'baseWCNFs/emptySoftClauseWithNormalSoftClauseWithHardClauses.wcnf');
  assert.equal(noRow?.truth.source, 'enumeration');
});

test('certified optima from the CSV are reached by the CSV models, checked with the verifier', () => {
  const withModel = regression.instances.filter((s) => s.truth.optimum !== null && s.inst.numVars > 0);
  assert.ok(withModel.length > 100);
  const csv = readFileSync(join(REGRESSION_DIR, 'MSE22Unique.csv'), 'utf8');
  for (const s of withModel.filter((x) => x.origin === 'regression' && x.name.startsWith('MSE22Unique/')).slice(0, 40)) {
    const row = csv.split('\n').find((l) => l.startsWith(`${s.name},`));
    const model = row?.split(',')[4].trim() ?? '';
    const check = verifyAssignment(s.inst, Uint8Array.from(model, (ch) => ch.charCodeAt(0) - 48));
    assert.deepEqual([check.hardSatisfied, check.cost], [true, s.truth.optimum], s.name);
  }
});

test('fuzz instances are written to the folder and certified by enumeration up to 20 variables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-fuzz-test-'));
  const fuzz = writeFuzzSample(30, 5, dir);
  assert.equal(readdirSync(dir).length, 30);
  for (const s of fuzz) {
    assert.equal(s.truth.source, s.inst.numVars <= 20 ? 'enumeration' : 'construction', s.name);
    assert.equal(s.truth.optimum !== null, s.inst.numVars <= 20 && s.truth.feasible === true, s.name);
  }
  assert.ok(fuzz.some((s) => s.truth.feasible === false));
});

function fake(name: string, softTotal: bigint): SampleInstance {
  return { ...regression.instances[0], name, softTotal };
}

test('a limit keeps every instance with soft totals ≥ 2^50 and thins the rest evenly', () => {
  const all = Array.from({ length: 20 }, (_, i) => fake(`i${i}`, i % 5 === 0 ? BIG_WEIGHTS : 1n));
  const chosen = selectSample(all, ['all'], 8);
  assert.deepEqual(chosen.map((s) => s.name), ['i0', 'i1', 'i5', 'i6', 'i10', 'i11', 'i15', 'i16']);
  assert.equal(selectSample(all, ['big'], 2).length, 2);
  assert.deepEqual(selectSample(all, ['i1']).map((s) => s.name), ['i1', 'i10', 'i11', 'i12', 'i13', 'i14', 'i15', 'i16', 'i17', 'i18', 'i19']);
  assert.equal(selectSample(regression.instances, ['unsat', 'certified']).length, 11 + regression.instances.filter((s) => s.truth.optimum !== null).length);
});

test('the summary counts violations, optima and UNSAT answers per solver and names the instances', () => {
  const drift = regression.instances.find((s) => s.name.startsWith('MSE22Unique/d9923588')) as SampleInstance;
  const unsat = regression.instances.find((s) => s.name === 'baseWCNFs/MinimalUnsat.wcnf') as SampleInstance;
  const bad = '0'.repeat(drift.inst.numVars);
  const judge = (instance: SampleInstance, solver: string, stdout: string, exitCode: number): AnytimeRun => ({
    instance, solver, seed: 1, exitCode, wallMs: 1000,
    verdict: judgeRun(instance.inst, instance.truth, { stdout, stderr: 'c progress\n', exitCode, signal: null, killed: false }),
  });
  const runs = [
    judge(drift, 'a', `o ${drift.truth.optimum}\ns SATISFIABLE\nv ${bad}\n`, 10),
    judge(unsat, 'a', 's UNSATISFIABLE\n', 20),
    judge(unsat, 'b', 's UNKNOWN\n', 0),
  ];
  const a = summarizeSolver('a', runs, 1);
  assert.deepEqual([a.runs, a.violations, a.bigViolations, a.reachedOptimum, a.certifiedRuns, a.answeredUnsat, a.unsatRuns, a.stderrNonEmpty], [2, 1, 1, 1, 1, 1, 1, 2]);
  assert.deepEqual(a.violationInstances, [drift.name]);
  const b = summarizeSolver('b', runs, 1);
  assert.deepEqual([b.runs, b.violations, b.answeredUnsat, b.unsatRuns], [1, 0, 0, 1]);
  const text = formatSummary([a, b]);
  assert.match(text, /^a\s+2\s+1\s+50\.0%/m);
  assert.match(text, /MSE22Unique\/d9923588…\.wcnf/);
});

test('runPool keeps the order of its items and never runs more than the concurrency at once', async () => {
  let inFlight = 0;
  let most = 0;
  const done: number[] = [];
  const results = await runPool([5, 1, 4, 2, 3], 2, async (n) => {
    most = Math.max(most, ++inFlight);
    for (let i = 0; i < n; i++) await Promise.resolve();
    inFlight--;
    return n * 10;
  }, (count) => done.push(count));
  assert.deepEqual(results, [50, 10, 40, 20, 30]);
  assert.equal(most, 2);
  assert.deepEqual(done, [1, 2, 3, 4, 5]);
});
