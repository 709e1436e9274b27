import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { IncrementalCost } from '../src/problems/maxsat/incremental-cost.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { steering } from '../src/problems/maxsat/steering.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';

/** Falsified clauses a flip can usefully repair, from scratch: non-empty, nonzero steering weight. */
function expectedListed(inst: MaxSatInstance, weight: Float64Array, bits: Uint8Array): { hard: number[]; soft: number[] } {
  const hard: number[] = [];
  const soft: number[] = [];
  for (const c of verifyAssignment(inst, bits).falsified) {
    if (inst.clauseStart[c] === inst.clauseStart[c + 1] || weight[c] === 0) continue;
    (inst.hard[c] === 1 ? hard : soft).push(c);
  }
  return { hard, soft };
}

/** The steering cost of an assignment, recounted clause by clause. */
function steeringCost(inst: MaxSatInstance, weight: Float64Array, bits: Uint8Array): number {
  let cost = 0;
  for (const c of verifyAssignment(inst, bits).falsified) cost += weight[c];
  return cost;
}

for (const kind of ['unweighted', 'weighted', 'partial'] as InstanceKind[]) {
  test(`the falsified sets match a full recount after random flips on ${kind} instances`, () => {
    const rng = new Rng(11);
    for (let seed = 1; seed <= 20; seed++) {
      const n = 3 + (seed % 12);
      const inst = randomInstance(seed, { numVars: n, numClauses: 5 * n, kind, maxClauseLength: 5 });
      const { weight } = steering(inst, 'count');
      const start = Uint8Array.from({ length: n }, () => rng.below(2));
      const ic = new IncrementalCost(inst, weight, start, 8, undefined, { trackFalsified: true });
      for (let round = 0; round < 60; round++) {
        const want = expectedListed(inst, weight, ic.assignment);
        assert.equal(ic.listedHard, want.hard.length, `seed ${seed} round ${round}: hard count`);
        assert.equal(ic.listedSoft, want.soft.length, `seed ${seed} round ${round}: soft count`);
        const listed = Array.from({ length: ic.listedHard + ic.listedSoft }, (_, i) => ic.falsifiedAt(i));
        assert.deepEqual(listed.slice(0, ic.listedHard).sort((a, b) => a - b), want.hard);
        assert.deepEqual(listed.slice(ic.listedHard).sort((a, b) => a - b), want.soft);
        const picked = ic.pickFalsified(rng);
        if (want.hard.length > 0) assert.ok(want.hard.includes(picked), 'hard clauses are repaired first');
        else if (want.soft.length > 0) assert.ok(want.soft.includes(picked));
        else assert.equal(picked, -1);
        const any = ic.randomFalsified(rng);
        assert.ok(any === -1 ? listed.length === 0 : listed.includes(any));
        ic.flip(rng.below(n));
      }
    }
  });

  test(`breakWeight and makeWeight equal the brute-force cost changes on ${kind} instances`, () => {
    const rng = new Rng(5);
    for (let seed = 1; seed <= 20; seed++) {
      const n = 2 + (seed % 10);
      const inst = randomInstance(seed, { numVars: n, numClauses: 4 * n + seed, kind, maxClauseLength: 6 });
      const { weight } = steering(inst, 'count');
      const ic = new IncrementalCost(inst, weight, Uint8Array.from({ length: n }, () => rng.below(2)));
      for (let round = 0; round < 30; round++) {
        const bits = Uint8Array.from(ic.assignment);
        const before = verifyAssignment(inst, bits).falsified;
        const v = rng.below(n);
        bits[v] ^= 1;
        const after = new Set(verifyAssignment(inst, bits).falsified);
        const was = new Set(before);
        let broken = 0;
        let made = 0;
        for (const c of after) if (!was.has(c)) broken += weight[c];
        for (const c of was) if (!after.has(c)) made += weight[c];
        assert.equal(ic.breakWeight(v), broken, `seed ${seed}: break of ${v}`);
        assert.equal(ic.makeWeight(v), made, `seed ${seed}: make of ${v}`);
        assert.equal(ic.breakWeight(v) - ic.makeWeight(v), ic.flipDelta(v));
        assert.equal(ic.cost + ic.flipDelta(v), steeringCost(inst, weight, bits));
        ic.flip(rng.below(n));
      }
    }
  });
}

test('with or without trackFalsified the costs match a full recount, and untracked set queries refuse', () => {
  const inst = randomInstance(3, { numVars: 12, numClauses: 60, kind: 'partial' });
  const { weight } = steering(inst, 'count');
  const start = new Uint8Array(12).fill(1);
  const plain = new IncrementalCost(inst, weight, start);
  const tracked = new IncrementalCost(inst, weight, start, 8, undefined, { trackFalsified: true });
  const rng = new Rng(2);
  for (let i = 0; i < 50; i++) {
    const v = rng.below(12);
    plain.flip(v);
    tracked.flip(v);
    const check = verifyAssignment(inst, plain.assignment);
    for (const ic of [plain, tracked]) {
      assert.equal(ic.exactSoftCost, check.cost);
      assert.equal(ic.hardFalsified, check.falsifiedHard);
      assert.equal(ic.clausesFalsified, check.falsified.length);
    }
  }
  assert.equal(plain.tracksFalsified, false);
  assert.equal(plain.listedHard + plain.listedSoft, 0);
  assert.throws(() => plain.pickFalsified(rng), /trackFalsified/);
  assert.throws(() => plain.falsifiedAt(0), /trackFalsified/);
});
