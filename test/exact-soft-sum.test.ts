import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { ExactSoftSum, newSoftKey, softKeyValue } from '../src/problems/maxsat/exact-soft-sum.js';
import { IncrementalCost } from '../src/problems/maxsat/incremental-cost.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { steering } from '../src/problems/maxsat/steering.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { randomInstance } from './support/random-instance.js';

/** Unit soft clauses with the given weights (clause c is `c+1`), plus `hard` hard clauses. */
function weightedUnits(weights: bigint[], hard = 0): MaxSatInstance {
  const b = new InstanceBuilder();
  weights.forEach((w, c) => {
    b.addLiteral(c + 1);
    b.endClause(false, w);
  });
  for (let h = 0; h < hard; h++) {
    b.addLiteral(-(h + 1));
    b.endClause(true, 0);
  }
  return b.seal({ format: 'wcnf', numVars: weights.length });
}

function randomWeight(rng: Rng): bigint {
  const kind = rng.below(4);
  if (kind === 0) return BigInt(1 + rng.below(1000));
  if (kind === 1) return (1n << 63n) + BigInt(rng.below(1 << 30)) * BigInt(rng.below(1 << 30));
  if (kind === 2) return (1n << 64n) - 1n - BigInt(rng.below(1 << 20));
  return BigInt(rng.below(1 << 30)) << BigInt(rng.below(34));
}

test('the sum stays exact over many additions and removals of weights up to 2^64 - 1, where a float drifts', () => {
  const rng = new Rng(5);
  const weights = Array.from({ length: 64 }, () => randomWeight(rng));
  const inst = weightedUnits(weights);
  const sum = new ExactSoftSum(inst);
  const on = new Uint8Array(weights.length);
  let reference = 0n;
  let float = 0;
  let drifted = false;
  for (let i = 0; i < 20_000; i++) {
    const c = rng.below(weights.length);
    const sign = on[c] === 1 ? -1 : 1;
    on[c] ^= 1;
    sum.add(c, sign);
    reference += BigInt(sign) * weights[c];
    float += sign * Number(weights[c]);
    if (BigInt(Math.round(float)) !== reference) drifted = true;
    assert.equal(sum.value, reference);
  }
  assert.ok(drifted, 'the float running sum should have drifted: the test would prove nothing');
});

test('keys compare exactly like the bigints they hold, including differences of 1 next to 2^64', () => {
  const rng = new Rng(9);
  const weights = [1n, 2n, 18_000_000_000_000_000_000n, (1n << 64n) - 1n, (1n << 64n) - 2n, 3n << 60n, 1n << 22n, (1n << 44n) - 1n];
  const inst = weightedUnits(weights);
  const totals: bigint[] = [];
  const keys: Float64Array[] = [];
  const sum = new ExactSoftSum(inst);
  const on = new Uint8Array(weights.length);
  for (let i = 0; i < 300; i++) {
    const c = rng.below(weights.length);
    sum.add(c, on[c] === 1 ? -1 : 1);
    on[c] ^= 1;
    const key = newSoftKey();
    sum.save(key);
    assert.equal(softKeyValue(key), sum.value);
    for (let j = 0; j < keys.length; j++) assert.equal(sum.below(keys[j]), sum.value < totals[j], `${sum.value} vs ${totals[j]}`);
    totals.push(sum.value);
    keys.push(key);
  }
});

test('small weights use one exact float limb and compare the same way', () => {
  const inst = weightedUnits([3n, 5n, 7n]);
  const sum = new ExactSoftSum(inst);
  const key = newSoftKey();
  sum.add(1, 1);
  sum.save(key);
  sum.add(0, 1);
  assert.equal(sum.value, 8n);
  assert.ok(!sum.below(key));
  sum.add(1, -1);
  assert.ok(sum.below(key));
  assert.equal(softKeyValue(key), 5n);
});

test('IncrementalCost reports the exact soft cost after random flips on instances with weights above 2^53', () => {
  const rng = new Rng(3);
  for (let seed = 1; seed <= 4; seed++) {
    const inst = randomInstance(seed, { numVars: 20, numClauses: 120, kind: 'partial', hugeWeights: true });
    const bits = Uint8Array.from({ length: 20 }, () => rng.below(2));
    const ic = new IncrementalCost(inst, steering(inst, 'count').weight, bits);
    for (let i = 0; i < 2000; i++) {
      ic.flip(rng.below(20));
      if (i % 50 !== 0) continue;
      const check = verifyAssignment(inst, ic.assignment);
      assert.equal(ic.exactSoftCost, check.cost);
      assert.equal(ic.hardFalsified, check.falsifiedHard);
    }
  }
});
