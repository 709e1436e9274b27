import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';

test('builder removes duplicate literals and flags tautologies', () => {
  const b = new InstanceBuilder();
  for (const l of [1, 2, 1, -2, 2, -2]) b.addLiteral(l);
  b.endClause(false, 1);
  const long = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1, -1, 1, -1, 14];
  for (const l of long) b.addLiteral(l);
  b.endClause(false, 2n ** 60n);
  const inst = b.seal({ format: 'wcnf', numVars: 14 });
  assert.deepEqual(Array.from(inst.literals.subarray(0, 3)), [1, 2, -2]);
  assert.equal(inst.clauseStart[2] - inst.clauseStart[1], 15);
  assert.equal(inst.stats.tautologies, 2);
  assert.equal(inst.stats.duplicateLiteralsRemoved, 3 + 3);
  assert.equal(inst.exactWeights?.[1], 2n ** 60n);
  assert.equal(inst.exactWeights?.[0], 1n);
});
