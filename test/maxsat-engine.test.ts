import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { totalSoftWeight, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { PolyStepBinary } from '../src/solvers/binary/polystep-binary.js';
import { BinaryRelaxation } from '../src/solvers/binary/relaxation.js';
import { MAX_BLOCK } from '../src/solvers/binary/relaxation.js';
import { openClausePoint } from '../src/solvers/maxsat/clause-point.js';
import { runSolver } from '../src/solvers/run-loop.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';

test('the paper preset reaches the published 1,000-variable sat ratio for three seeds (spec §15 item 42)', async () => {
  const inst = generateRandomKSat({ numVars: 1000, seed: 42 });
  for (const seed of [42, 123, 456]) {
    const session = new PolyStepBinary({ kind: 'clauses', inst: inst }, { preset: 'paper', seed });
    const result = await runSolver(session, { maxSteps: 1000 }, { progressEvery: 0 });
    assert.equal(result.evaluations, 668_000, 'ceil(1000 / 3) OT steps × 2n candidates, as the reference counts');
    assert.ok(result.best.metrics.satRatio >= 0.975, `seed ${seed}: ${result.best.metrics.satRatio}`);
  }
});

/** Normalised steering cost by a full recount, as the relaxation defines it. */
function recount(inst: MaxSatInstance, bits: Uint8Array): number {
  const soft = Number(totalSoftWeight(inst));
  const v = verifyAssignment(inst, bits);
  return (Number(v.cost) + (soft + 1) * v.falsifiedHard) / (soft > 0 ? soft : 1);
}

for (const kind of ['unweighted', 'weighted', 'partial'] as InstanceKind[]) {
  test(`block candidate costs equal a full recount on random ${kind} instances`, () => {
    const rng = new Rng(11);
    for (let seed = 1; seed <= 20; seed++) {
      const n = 4 + (seed % 7);
      const inst = randomInstance(seed, { numVars: n, numClauses: 5 * n, kind, maxClauseLength: 5 });
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const point = openClausePoint(inst, Uint8Array.from(x, (v) => (v > 0 ? 1 : 0)), { maxBlock: MAX_BLOCK, costScale: 'fraction' });
      const relaxation = new BinaryRelaxation(point.evaluator, point.normalizer);
      relaxation.setPoint(x);
      for (let round = 0; round < 10; round++) {
        const len = 1 + rng.below(Math.min(4, n));
        const start = rng.below(n - len + 1);
        const count = 1 + rng.below(6);
        const points = Float64Array.from({ length: count * len }, () => rng.normal());
        const out = new Float64Array(count);
        relaxation.evaluateBlock(start, len, points, count, out);
        for (let j = 0; j < count; j++) {
          const bits = Uint8Array.from(x, (v) => (v > 0 ? 1 : 0));
          for (let d = 0; d < len; d++) bits[start + d] = points[j * len + d] > 0 ? 1 : 0;
          assert.ok(Math.abs(out[j] - recount(inst, bits)) < 1e-12, `seed ${seed} candidate ${j}`);
        }
      }
    }
  });
}

test('the best solution carries its exact cost, also beyond 2^53', async () => {
  const text = 'h 1 2 0\n9007199254740993 -1 0\n9007199254740995 -2 0\n3 1 -3 0\n5 3 4 0\n7 -4 0\n';
  const parsed = parseDimacs(text, { format: 'wcnf' });
  assert.ok(parsed.ok);
  const session = new PolyStepBinary({ kind: 'clauses', inst: parsed.value }, { seed: 5 });
  const result = await runSolver(session, { maxSteps: 200 }, { progressEvery: 0 });
  const check = verifyAssignment(parsed.value, result.best.assignment);
  assert.equal(result.best.feasible, check.hardSatisfied);
  assert.equal(result.best.cost, check.cost);
  assert.ok(result.best.feasible);
  assert.ok(result.best.cost > 2n ** 53n);
});

test('best solutions of random weighted and partial runs verify exactly', async () => {
  for (const kind of ['weighted', 'partial'] as InstanceKind[]) {
    const inst = randomInstance(3, { numVars: 40, numClauses: 160, kind, maxClauseLength: 4 });
    const result = await runSolver(new PolyStepBinary({ kind: 'clauses', inst: inst }, { seed: 9 }), { maxSteps: 300 }, { progressEvery: 0 });
    const check = verifyAssignment(inst, result.best.assignment);
    assert.equal(result.best.cost, check.cost, kind);
    assert.equal(result.best.feasible, check.hardSatisfied, kind);
    assert.equal(result.best.metrics.falsifiedClauses, check.falsified.length, kind);
  }
});

test('a run is reproducible from its seed', async () => {
  const inst = generateRandomKSat({ numVars: 300, seed: 7 });
  const once = async (seed: number) => (await runSolver(new PolyStepBinary({ kind: 'clauses', inst: inst }, { seed }), { maxSteps: 120 }, { progressEvery: 0 })).best;
  const [a, b, c] = [await once(1), await once(1), await once(2)];
  assert.deepEqual(a.assignment, b.assignment);
  assert.equal(a.step, b.step);
  assert.notDeepEqual(a.assignment, c.assignment);
});

test('an instance without variables runs and reports its empty soft clauses', async () => {
  const parsed = parseDimacs('3 0\n4 0\n', { format: 'wcnf' });
  assert.ok(parsed.ok);
  const result = await runSolver(new PolyStepBinary({ kind: 'clauses', inst: parsed.value }), { maxSteps: 5 }, { progressEvery: 0 });
  assert.equal(result.best.cost, 7n);
  assert.equal(result.reason, 'optimal');
});
