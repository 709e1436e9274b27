// Polytope templates (spec §2.1, §15 items 1–3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { polytopeTemplate, vertexCount } from '../src/optimizer/geometry.js';
import type { PolytopeType } from '../src/optimizer/config.js';

function row(t: Float64Array, v: number, p: number): number[] {
  return Array.from(t.subarray(v * p, (v + 1) * p));
}

function distance(t: Float64Array, v: number, w: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += (t[v * p + j] - t[w * p + j]) ** 2;
  return Math.sqrt(s);
}

function assertCentredUnitRows(t: Float64Array, V: number, p: number, tol: number): void {
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let v = 0; v < V; v++) mean += t[v * p + j] / V;
    assert.ok(Math.abs(mean) < tol, `column ${j} mean ${mean}`);
  }
  for (let v = 0; v < V; v++) {
    const norm = Math.hypot(...row(t, v, p));
    assert.ok(Math.abs(norm - 1) < 1e-12, `row ${v} norm ${norm}`);
  }
}

test('the vertex count is 2p for the orthoplex, p+1 for the simplex and 2^p for the cube', () => {
  for (const p of [1, 2, 3, 4, 7]) {
    assert.equal(vertexCount('orthoplex', p), 2 * p);
    assert.equal(vertexCount('simplex', p), p + 1);
    assert.equal(vertexCount('cube', p), 2 ** p);
  }
});

test('an orthoplex has 2p×p unit vertices e_1…e_p then −e_1…−e_p and mean zero', () => {
  for (const p of [2, 3, 5, 10]) {
    const t = polytopeTemplate('orthoplex', p);
    assert.equal(t.length, 2 * p * p);
    assertCentredUnitRows(t, 2 * p, p, 1e-6);
    for (let j = 0; j < p; j++) {
      const plus = new Array<number>(p).fill(0);
      plus[j] = 1;
      assert.deepEqual(row(t, j, p), plus);
      assert.deepEqual(row(t, p + j, p), plus.map((x) => (x === 0 ? 0 : -x)));
    }
  }
});

test('a simplex has (p+1)×p centred unit vertices at equal pairwise distances', () => {
  for (const p of [1, 2, 4, 9]) {
    const t = polytopeTemplate('simplex', p);
    assert.equal(t.length, (p + 1) * p);
    assertCentredUnitRows(t, p + 1, p, 1e-12);
    const d0 = distance(t, 0, 1, p);
    for (let v = 0; v <= p; v++) {
      for (let w = v + 1; w <= p; w++) assert.ok(Math.abs(distance(t, v, w, p) - d0) < 1e-5, `${v}-${w}`);
    }
    // A regular simplex inscribed in the unit sphere has edge √(2(p+1)/p).
    assert.ok(Math.abs(d0 - Math.sqrt((2 * (p + 1)) / p)) < 1e-12);
  }
});

test('the last simplex vertex is the all-equal direction 1/√p, as in the reference row order', () => {
  const p = 4;
  const t = polytopeTemplate('simplex', p);
  for (const x of row(t, p, p)) assert.ok(Math.abs(x - 0.5) < 1e-12);
});

test('cube vertex k has coordinate j equal to (1 − 2·bit_j(k))/√p with bit 0 least significant', () => {
  for (const p of [2, 3, 4]) {
    const t = polytopeTemplate('cube', p);
    assert.equal(t.length, 2 ** p * p);
    assertCentredUnitRows(t, 2 ** p, p, 1e-12);
  }
  const h = 1 / Math.sqrt(3);
  const t = polytopeTemplate('cube', 3);
  assert.deepEqual(row(t, 0, 3), [h, h, h]);
  assert.deepEqual(row(t, 1, 3), [-h, h, h]);
  assert.deepEqual(row(t, 6, 3), [h, -h, -h]);
});

test('a non-integer or non-positive dimension and an unknown type are rejected', () => {
  assert.throws(() => vertexCount('orthoplex', 0), RangeError);
  assert.throws(() => polytopeTemplate('simplex', 2.5), RangeError);
  assert.throws(() => vertexCount('dodecahedron' as PolytopeType, 3), RangeError);
});
