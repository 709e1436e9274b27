// Our JSON syntax scan agrees with JSON.parse on what is valid, and points where V8 points when it says.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { syntaxErrorOffset } from '../src/problems/qubo/json-syntax.js';

/** Valid JSON, then a few characters inserted or deleted: mostly invalid, sometimes not. */
const mutated = fc
  .tuple(fc.json(), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ',', ']', '}', '[', '{', '"', ':', '-', '0', 'e', '\\', ' ', 'tru', 'x'), fc.boolean()), { maxLength: 3 }))
  .map(([text, edits]) => {
    let s = text;
    for (const [at, piece, remove] of edits) {
      const k = s.length === 0 ? 0 : at % (s.length + 1);
      s = remove ? s.slice(0, k) + s.slice(k + 1) : s.slice(0, k) + piece + s.slice(k);
    }
    return s;
  });

function v8Offset(text: string): number | null | 'unknown' {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    const m = / at position (\d+)/.exec((err as Error).message);
    return m === null ? 'unknown' : Number(m[1]);
  }
}

test('valid JSON scans clean, invalid JSON gets an offset, the same one V8 names when it names one', () => {
  fc.assert(
    fc.property(mutated, (text) => {
      const ours = syntaxErrorOffset(text);
      const v8 = v8Offset(text);
      if (v8 === null) assert.equal(ours, null, text);
      else assert.ok(ours !== null && ours >= 0 && ours <= text.length, text);
      if (typeof v8 === 'number') assert.equal(ours, v8, text);
    }),
    { numRuns: 3000, seed: 11 },
  );
});

test('deep nesting is scanned without recursion', () => {
  assert.equal(syntaxErrorOffset('['.repeat(200_000) + ']'.repeat(200_000)), null);
  assert.equal(syntaxErrorOffset('['.repeat(200_000)), 200_000);
});
