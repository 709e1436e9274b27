import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { newSoftKey } from '../src/problems/maxsat/exact-soft-sum.js';
import { FlipState } from '../src/problems/maxsat/flip-state.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { steering } from '../src/problems/maxsat/steering.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';

/**
 * The slow checker: the break of every variable from scratch, as what flipping it falsifies
 * (Σ steering weight of the clauses true now and false after the flip), by two full verifications.
 */
function recountBreaks(inst: MaxSatInstance, weight: Float64Array, bits: Uint8Array): number[] {
  const now = new Set(verifyAssignment(inst, bits).falsified);
  return Array.from({ length: inst.numVars }, (_, v) => {
    const flipped = Uint8Array.from(bits);
    flipped[v] ^= 1;
    let broken = 0;
    for (const c of verifyAssignment(inst, flipped).falsified) if (!now.has(c)) broken += weight[c];
    return broken;
  });
}

/** Cross-checks everything the state keeps against a recount of its current assignment. */
function check(inst: MaxSatInstance, weight: Float64Array, state: FlipState, label: string): void {
  const bits = state.assignment;
  const truth = verifyAssignment(inst, bits);
  const breaks = recountBreaks(inst, weight, bits);
  for (let v = 0; v < inst.numVars; v++) {
    assert.equal(state.breakWeight(v), breaks[v], `${label}: break of ${v}`);
    if (state.mode === 'count') assert.equal(state.breakCount[v] * state.unitWeight, breaks[v], `${label}: count of ${v}`);
    if (state.mode === 'sum') assert.equal(state.breakSum[v], breaks[v], `${label}: sum of ${v}`);
    assert.equal(state.scanBreak(v), breaks[v], `${label}: scanned break of ${v}`);
  }
  assert.equal(state.exactSoftCost, truth.cost, `${label}: exact soft cost`);
  assert.equal(state.hardFalsified, truth.falsifiedHard, `${label}: hard falsified`);
  assert.equal(state.clausesFalsified, truth.falsified.length, `${label}: falsified`);
  let steer = 0;
  let hardListed = 0;
  let softListed = 0;
  for (const c of truth.falsified) {
    steer += weight[c];
    if (inst.clauseStart[c] === inst.clauseStart[c + 1] || weight[c] === 0) continue;
    if (inst.hard[c] === 1) hardListed++;
    else softListed++;
  }
  // The steering cost is a float running sum: exact while all weights total below 2^53; past
  // that it only steers, and drifts by roundings of the largest weights it ever added.
  const total = weight.reduce((a, b) => a + b, 0);
  if (total < 2 ** 53) assert.equal(state.cost, steer, `${label}: steering cost`);
  else assert.ok(Math.abs(state.cost - steer) <= total * 2 ** -40, `${label}: steering cost ${state.cost} vs ${steer}`);
  assert.equal(state.listedHard, hardListed, `${label}: listed hard`);
  assert.equal(state.listedSoft, softListed, `${label}: listed soft`);
}

/** Hard 3-clauses only: every clause weighs the penalty, 1, so breaks are counts. */
function allHard(seed: number, n: number): MaxSatInstance {
  const rng = new Rng(seed);
  const b = new InstanceBuilder();
  for (let c = 0; c < 4 * n; c++) {
    for (let k = 0; k < 3; k++) b.addLiteral((1 + rng.below(n)) * (rng.below(2) === 0 ? 1 : -1));
    b.endClause(true, 0);
  }
  return b.seal({ format: 'wcnf', numVars: n });
}

const seen = new Set<string>();

function exercise(inst: MaxSatInstance, seed: number, label: string): void {
  const rng = new Rng(seed);
  const { weight } = steering(inst, 'count');
  const state = new FlipState(inst, weight, Uint8Array.from({ length: inst.numVars }, () => rng.below(2)));
  seen.add(state.mode);
  const key = newSoftKey();
  state.saveSoft(key);
  let saved = state.exactSoftCost;
  check(inst, weight, state, `${label} start`);
  for (let round = 1; round <= 400; round++) {
    state.flip(rng.below(inst.numVars));
    assert.equal(state.softBelow(key), state.exactSoftCost < saved, `${label} flip ${round}: softBelow`);
    if (round % 7 === 0) {
      state.saveSoft(key);
      saved = state.exactSoftCost;
    }
    if (round % 20 === 0) check(inst, weight, state, `${label} flip ${round}`);
  }
  const picked = state.pickFalsified(rng);
  const falsified = verifyAssignment(inst, state.assignment).falsified;
  if (state.listedHard + state.listedSoft === 0) assert.equal(picked, -1);
  else assert.ok(falsified.includes(picked), `${label}: picked clause ${picked} is falsified`);
  if (state.listedHard > 0) assert.equal(inst.hard[picked], 1, `${label}: hard clauses are repaired first`);
}

for (const kind of ['unweighted', 'weighted', 'partial'] as InstanceKind[]) {
  test(`FlipState's break values match a from-scratch recount after many random flips on ${kind} instances`, () => {
    for (let seed = 1; seed <= 16; seed++) {
      const n = 3 + (seed % 11);
      const inst = randomInstance(seed, { numVars: n, numClauses: 5 * n, kind, maxClauseLength: 6, hugeWeights: seed % 4 === 0 });
      exercise(inst, seed, `${kind} seed ${seed}`);
    }
  });
}

test('FlipState keeps exact break counts on random 3-SAT and on all-hard instances', () => {
  exercise(generateRandomKSat({ numVars: 40, seed: 3 }), 1, 'random 3-SAT');
  exercise(generateRandomKSat({ numVars: 30, seed: 4, weighted: { maxWeight: 50 } }), 2, 'weighted 3-SAT');
  for (let seed = 1; seed <= 4; seed++) exercise(allHard(seed, 12), seed, `all hard ${seed}`);
});

test('every way of keeping breaks was exercised: Int32 counts, exact float sums and rescans', () => {
  assert.deepEqual([...seen].sort(), ['count', 'scan', 'sum']);
});
