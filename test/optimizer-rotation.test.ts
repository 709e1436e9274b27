// Random rotations and rotated templates (spec §2.2, §15 items 4–6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { polytopeTemplate } from '../src/optimizer/geometry.js';
import { determinant, randomRotation, rotateTemplate } from '../src/optimizer/rotation.js';

function draw(p: number, rng: Rng, count: number): Float64Array[] {
  const work = new Float64Array(2 * p * p);
  return Array.from({ length: count }, () => {
    const out = new Float64Array(p * p);
    randomRotation(p, rng, out, work);
    return out;
  });
}

/** max |RᵀR − I| entry. */
function orthogonalityError(r: Float64Array, p: number): number {
  let worst = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += r[k * p + i] * r[k * p + j];
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

test('rotations are orthogonal with determinant 1 for p = 3, 5 and 8', () => {
  const rng = new Rng(7);
  for (const p of [3, 5, 8]) {
    const work = new Float64Array(p * p);
    for (const r of draw(p, rng, 4)) {
      assert.ok(orthogonalityError(r, p) < 1e-5);
      assert.ok(Math.abs(determinant(r, p, work) - 1) < 1e-4);
    }
  }
});

test('p = 2 rotations are [[cos, −sin], [sin, cos]] with determinant 1 to 1e-6', () => {
  const rng = new Rng(3);
  const work = new Float64Array(4);
  for (const r of draw(2, rng, 100)) {
    assert.ok(orthogonalityError(r, 2) < 1e-6);
    assert.ok(Math.abs(determinant(r, 2, work) - 1) < 1e-6);
    assert.equal(r[0], r[3]);
    assert.equal(r[1], -r[2]);
  }
});

test('the p = 2 angle is 2π times one uniform32 draw', () => {
  const a = new Rng(11);
  const b = new Rng(11);
  const [r] = draw(2, a, 1);
  const phi = 2 * Math.PI * b.uniform32();
  assert.deepEqual(Array.from(r), [Math.cos(phi), -Math.sin(phi), Math.sin(phi), Math.cos(phi)]);
  assert.deepEqual(a.serialize(), b.serialize());
});

test('rotations on SO(8) look Haar: entry means near 0 and second moments near 1/p over 8000 draws', () => {
  const p = 8;
  const n = 8000;
  const rng = new Rng(42);
  const out = new Float64Array(p * p);
  const work = new Float64Array(2 * p * p);
  const sum = new Float64Array(p * p);
  const sumSq = new Float64Array(p * p);
  for (let s = 0; s < n; s++) {
    randomRotation(p, rng, out, work);
    for (let k = 0; k < p * p; k++) {
      sum[k] += out[k];
      sumSq[k] += out[k] * out[k];
    }
  }
  let maxMean = 0;
  let maxRel = 0;
  for (let k = 0; k < p * p; k++) {
    maxMean = Math.max(maxMean, Math.abs(sum[k] / n));
    maxRel = Math.max(maxRel, Math.abs(sumSq[k] / n - 1 / p) * p);
  }
  assert.ok(maxMean < 0.02, `max |E[R_ij]| = ${maxMean}`);
  assert.ok(maxRel < 0.05, `max relative error of E[R_ij²] = ${maxRel}`);
});

test('the same seed gives identical rotations and rotated vertices', () => {
  for (const p of [2, 3, 8]) {
    const a = draw(p, new Rng(123), 5);
    const b = draw(p, new Rng(123), 5);
    assert.deepEqual(a, b);
    const c = draw(p, new Rng(124), 5);
    assert.notDeepEqual(a, c);
    const template = polytopeTemplate('orthoplex', p);
    const va = new Float64Array(2 * p * p);
    const vb = new Float64Array(2 * p * p);
    rotateTemplate(a[4], template, 2 * p, p, va);
    rotateTemplate(b[4], template, 2 * p, p, vb);
    assert.deepEqual(va, vb);
  }
});

test('a restored generator continues with the same rotations', () => {
  const rng = new Rng(5);
  draw(5, rng, 3);
  const copy = Rng.restore(rng.serialize());
  assert.deepEqual(draw(5, rng, 2), draw(5, copy, 2));
});

test('rotated vertex v is R·u_v, so the orthoplex rows become the columns of R and their negatives', () => {
  for (const p of [2, 4]) {
    const [r] = draw(p, new Rng(9), 1);
    const out = new Float64Array(2 * p * p);
    rotateTemplate(r, polytopeTemplate('orthoplex', p), 2 * p, p, out);
    for (let v = 0; v < p; v++) {
      for (let i = 0; i < p; i++) {
        assert.equal(out[v * p + i], r[i * p + v]);
        assert.equal(out[(p + v) * p + i], -r[i * p + v]);
      }
    }
  }
});

test('rotating a general template matches the matrix–vector product and keeps unit norms', () => {
  const p = 5;
  const [r] = draw(p, new Rng(10), 1);
  const template = polytopeTemplate('simplex', p);
  const out = new Float64Array(template.length);
  rotateTemplate(r, template, p + 1, p, out);
  for (let v = 0; v <= p; v++) {
    let norm = 0;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += r[i * p + j] * template[v * p + j];
      assert.ok(Math.abs(out[v * p + i] - s) < 1e-15);
      norm += out[v * p + i] ** 2;
    }
    assert.ok(Math.abs(norm - 1) < 1e-12);
  }
});

test('the determinant handles pivoting, singular matrices and a sign flip', () => {
  const work = new Float64Array(9);
  assert.equal(determinant(Float64Array.of(0, 1, 1, 0), 2, work), -1);
  assert.equal(determinant(Float64Array.of(1, 2, 3, 2, 4, 6, 0, 1, 5), 3, work), 0);
  assert.ok(Math.abs(determinant(Float64Array.of(2, 0, 1, 1, 3, 0, 0, 1, 4), 3, work) - 25) < 1e-12);
});

test('the p = 1 rotation is the identity and a bad dimension or short buffer is rejected', () => {
  const out = new Float64Array(1);
  randomRotation(1, new Rng(1), out, new Float64Array(2));
  assert.equal(out[0], 1);
  assert.throws(() => randomRotation(0, new Rng(1), out, out), RangeError);
  assert.throws(() => randomRotation(3, new Rng(1), new Float64Array(9), new Float64Array(17)), RangeError);
  assert.throws(() => randomRotation(3, new Rng(1), new Float64Array(8), new Float64Array(18)), RangeError);
});
