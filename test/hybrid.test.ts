import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { Hybrid, type HybridOptions } from '../src/solvers/hybrid.js';
import { isBetter } from '../src/solvers/solver.js';
import { PolyStepBinary } from '../src/solvers/binary/polystep-binary.js';
import { WalkSat } from '../src/solvers/maxsat/walksat.js';
import { runSolver } from '../src/solvers/run-loop.js';

const inst = generateRandomKSat({ numVars: 2000, seed: 42 });

/** The MAX-SAT hybrid as the solver registry builds it: PolyStep, then WalkSAT from its best. */
function hybridMaxSat(seed: number, options: HybridOptions): Hybrid {
  return new Hybrid(new PolyStepBinary({ kind: 'clauses', inst }, { seed }), (initial) => new WalkSat(inst, { seed, initial }), options);
}

test('the hybrid hands over after its PolyStep budget and polishes from PolyStep’s best', async () => {
  const hybrid = hybridMaxSat(3, { maxPolyStepSteps: 300 });
  for (let s = 0; s < 300; s++) hybrid.step();
  assert.equal(hybrid.phase, 'polish');
  const handedOver = hybrid.best();
  const alone = await runSolver(new PolyStepBinary({ kind: 'clauses', inst }, { seed: 3 }), { maxSteps: 300 }, { progressEvery: 0 });
  assert.equal(handedOver.cost, alone.best.cost, 'phase one is exactly PolyStep with the same seed');
  const result = await runSolver(hybrid, { maxSteps: 300 + 200 }, { progressEvery: 0 });
  assert.ok(result.best.cost < handedOver.cost, `${handedOver.cost} → ${result.best.cost}`);
  assert.equal(verifyAssignment(inst, result.best.assignment).cost, result.best.cost);
});

test('the hybrid switches on a stall', () => {
  const stalled = hybridMaxSat(1, { stallSteps: 1, maxPolyStepSteps: 10_000 });
  for (let s = 0; s < 400 && stalled.phase === 'polystep'; s++) stalled.step();
  assert.equal(stalled.phase, 'polish');
});

test('fewer falsified hard clauses (feasible first) beat more, then the lower exact cost', () => {
  const base = { metrics: { satRatio: 0.5, falsifiedClauses: 1 }, assignment: new Uint8Array(0), step: 0 };
  const feasible = { ...base, feasible: true, hardFalsified: 0 };
  const broken = (hardFalsified: number) => ({ ...base, feasible: false, hardFalsified });
  assert.ok(isBetter({ ...feasible, cost: 9n }, { ...broken(1), cost: 1n }));
  assert.ok(isBetter({ ...broken(1), cost: 9n }, { ...broken(2), cost: 1n }));
  assert.ok(isBetter({ ...feasible, cost: 1n }, { ...feasible, cost: 2n }));
  assert.ok(isBetter({ ...feasible, cost: 2n ** 64n }, { ...feasible, cost: 2n ** 64n + 1n }));
  assert.ok(!isBetter({ ...feasible, cost: 2n }, { ...feasible, cost: 2n }));
});
