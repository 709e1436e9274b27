import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { IncrementalCost } from '../src/problems/maxsat/incremental-cost.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';

const PENALTY = 1000;

function steeringWeights(inst: MaxSatInstance): Float64Array {
  return Float64Array.from(inst.weights, (w, c) => (inst.hard[c] === 1 ? PENALTY : w));
}

/** The slow, obviously correct cost: a full recount through the exact verifier. */
function fullCost(inst: MaxSatInstance, bits: Uint8Array): number {
  const v = verifyAssignment(inst, bits);
  return Number(v.cost) + PENALTY * v.falsifiedHard;
}

function flipped(bits: Uint8Array, vars: number[]): Uint8Array {
  const out = Uint8Array.from(bits);
  for (const v of vars) out[v] ^= 1;
  return out;
}

for (const kind of ['unweighted', 'weighted', 'partial'] as InstanceKind[]) {
  test(`every delta equals a full recount on random ${kind} instances`, () => {
    const rng = new Rng(7);
    const out = new Float64Array(3);
    for (let seed = 1; seed <= 25; seed++) {
      const n = 2 + (seed % 9);
      const inst = randomInstance(seed, { numVars: n, numClauses: 4 * n + seed, kind, maxClauseLength: 6 });
      const start = Uint8Array.from({ length: n }, () => rng.below(2));
      const ic = new IncrementalCost(inst, steeringWeights(inst), start);
      for (let round = 0; round < 40; round++) {
        const bits = ic.assignment;
        const base = fullCost(inst, bits);
        assert.equal(ic.cost, base, `seed ${seed}: tracked cost`);
        const u = rng.below(n);
        let v = rng.below(n - 1);
        if (v >= u) v++;
        assert.equal(ic.flipDelta(u), fullCost(inst, flipped(bits, [u])) - base);
        ic.pairDeltas(u, v, out);
        assert.deepEqual(Array.from(out), [u, v, [u, v]].map((s) => fullCost(inst, flipped(bits, ([] as number[]).concat(s))) - base));
        const set = [...new Set(Array.from({ length: 1 + rng.below(4) }, () => rng.below(n)))];
        assert.equal(ic.multiFlipDelta(set, set.length), fullCost(inst, flipped(bits, set)) - base, `set ${set}`);
        ic.flip(u);
        if (round % 3 === 0) ic.flip(v);
      }
      const check = verifyAssignment(inst, ic.assignment);
      assert.equal(ic.exactSoftCost, check.cost);
      assert.equal(ic.hardFalsified, check.falsifiedHard);
      assert.equal(ic.clausesFalsified, check.falsified.length);
    }
  });
}

test('clauses longer than 255 literals are counted exactly', () => {
  const b = new InstanceBuilder();
  for (let v = 1; v <= 300; v++) b.addLiteral(v);
  b.endClause(false, 1);
  b.addLiteral(-1);
  b.endClause(false, 2);
  const inst = b.seal({ format: 'wcnf', numVars: 300 });
  const ic = new IncrementalCost(inst, steeringWeights(inst), new Uint8Array(300).fill(1));
  assert.equal(ic.cost, 2);
  for (let v = 0; v < 299; v++) ic.flip(v);
  assert.equal(ic.cost, 0);
  assert.equal(ic.flipDelta(299), 1);
  ic.flip(299);
  assert.equal(ic.cost, fullCost(inst, ic.assignment));
});
