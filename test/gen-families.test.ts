// `polystep gen` for Max-Cut and QUBO: seeded, well-formed files whose terms are distinct and in range.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './support/run-cli.js';
import { Rng } from '../src/common/rng.js';
import { pairCapacity, randomPairs } from '../src/problems/quadratic/random-pairs.js';

/** Header numbers and `i j w` rows of a triplet file. */
function rows(text: string): { header: number[][]; terms: number[][] } {
  const lines = text.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const headerLines = lines[0].length === 1 ? 2 : 1;
  return { header: lines.slice(0, headerLines), terms: lines.slice(headerLines) };
}

function assertDistinctPairs(terms: number[][], n: number, diagonal: boolean): void {
  const keys = new Set(terms.map(([i, j]) => `${i} ${j}`));
  assert.equal(keys.size, terms.length, 'no pair twice');
  for (const [i, j, w] of terms) {
    assert.ok(i >= 1 && j <= n && (diagonal ? i <= j : i < j), `${i} ${j} in range and ordered`);
    assert.ok(Number.isInteger(w) && w !== 0, `weight ${w}`);
  }
}

test('gen --family maxcut writes a rudy graph of distinct edges, the same for the same seed', async () => {
  const a = await cli('gen', '--family', 'maxcut', '--vars', '40', '--edges', '300', '--seed', '7');
  const b = await cli('gen', '--family', 'maxcut', '--vars', '40', '--edges', '300', '--seed', '7');
  const c = await cli('gen', '--family', 'maxcut', '--vars', '40', '--edges', '300', '--seed', '8');
  assert.equal(a.code, 0);
  assert.equal(a.stdout, b.stdout);
  assert.notEqual(a.stdout, c.stdout);
  const { header, terms } = rows(a.stdout);
  assert.deepEqual(header, [[40, 300]]);
  assert.equal(terms.length, 300);
  assertDistinctPairs(terms, 40, false);
  assert.ok(terms.every(([, , w]) => w === 1), 'unit weights by default');
  const signed = rows((await cli('gen', '--family', 'maxcut', '--vars', '30', '--density', '0.5', '--weights', 'pm1')).stdout);
  assert.equal(signed.terms.length, Math.round(0.5 * pairCapacity(30, false)));
  assert.deepEqual(new Set(signed.terms.map(([, , w]) => w)), new Set([1, -1]));
});

test('gen --family qubo writes Biq Mac, OR-Library and JSON forms of one matrix', async () => {
  const flags = ['gen', '--family', 'qubo', '--vars', '25', '--edges', '60', '--seed', '3', '--weights=-5..9'];
  const biqmac = rows((await cli(...flags)).stdout);
  assert.deepEqual(biqmac.header, [[25, 60]]);
  assertDistinctPairs(biqmac.terms, 25, true);
  assert.ok(biqmac.terms.every(([, , q]) => q >= -5 && q <= 9));
  const orlib = rows((await cli(...flags, '--format', 'orlib')).stdout);
  assert.deepEqual(orlib.header, [[1], [25, 60]]);
  assert.deepEqual(orlib.terms, biqmac.terms);
  const spaced = await cli('gen', '--family', 'qubo', '--vars', '25', '--edges', '60', '--seed', '3', '--weights', '-5..9');
  assert.deepEqual(rows(spaced.stdout).terms, biqmac.terms, 'a value that starts with a dash may follow its flag');
  const json = JSON.parse((await cli(...flags, '--format', 'qubo-json', '--sense', 'max')).stdout) as { n: number; sense: string; terms: number[][] };
  assert.deepEqual([json.n, json.sense, json.terms.length], [25, 'max', 60]);
  // JSON terms count once, so the off-diagonal entries of x'Qx are doubled there
  assert.deepEqual(
    json.terms,
    biqmac.terms.map(([i, j, q]) => [i - 1, j - 1, i === j ? q : 2 * q]),
  );
});

test('gen refuses flags of another family, impossible sizes and bad weights with exit 2', async () => {
  for (const argv of [
    ['gen', '--family', 'qubo', '--vars', '10', '--ratio', '3'],
    ['gen', '--family', 'maxsat', '--vars', '10', '--edges', '3'],
    ['gen', '--family', 'maxcut', '--vars', '4', '--edges', '7'],
    ['gen', '--family', 'maxcut', '--vars', '4', '--density', '1.5'],
    ['gen', '--family', 'maxcut', '--vars', '4', '--edges', '2', '--density', '0.5'],
    ['gen', '--family', 'maxcut', '--vars', '9', '--weights', '3..1'],
    ['gen', '--family', 'qubo', '--vars', '9', '--format', 'rudy'],
    ['gen', '--family', 'qubo', '--vars', '9', '--sense', 'max'],
    ['gen', '--family', 'potato', '--vars', '9'],
  ]) {
    const bad = await cli(...argv);
    assert.equal(bad.code, 2, argv.join(' '));
    assert.ok(bad.stderr.length > 0, argv.join(' '));
  }
});

test('randomPairs draws distinct sorted pairs on both sides of half the capacity', () => {
  for (const [n, count, diagonal] of [[12, 10, false], [12, 60, false], [12, 78, true], [1, 1, true]] as const) {
    const { i, j } = randomPairs(n, count, new Rng(count), diagonal);
    const keys = Array.from(i, (a, k) => a * n + j[k]);
    assert.equal(new Set(keys).size, count);
    assert.deepEqual(keys, [...keys].sort((x, y) => x - y));
    for (let k = 0; k < count; k++) assert.ok(diagonal ? i[k] <= j[k] : i[k] < j[k]);
  }
  assert.throws(() => randomPairs(4, 7, new Rng(1), false), RangeError);
});
