import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { steering } from '../src/problems/maxsat/steering.js';

function weights(text: string) {
  const parsed = parseDimacs(text, { format: 'wcnf' });
  assert.ok(parsed.ok);
  return steering(parsed.value, 'fraction');
}

test('a hard clause outweighs every soft clause together, also when the soft total reaches 2^53', () => {
  for (const text of ['h 1 0\n3 -1 0\n4 2 0\n', `h 1 0\n${2n ** 62n} -1 0\n3 2 0\n`]) {
    const { weight, normalizer } = weights(text);
    assert.ok(weight[0] > weight[1] + weight[2], text);
    assert.equal(normalizer, weight[1] + weight[2]);
  }
  assert.deepEqual(Array.from(weights('h 1 0\n3 -1 0\n4 2 0\n').weight), [8, 3, 4]);
});
