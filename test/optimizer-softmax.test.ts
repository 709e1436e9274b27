// Cost preamble, softmax weights and barycentric projection (spec §4, §5.1–5.2, §15 items 8–15 and 21).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import type { ScaleCost } from '../src/optimizer/config.js';
import { sanitizeCosts, scaleCosts } from '../src/optimizer/cost-prep.js';
import { softmaxRows } from '../src/optimizer/softmax.js';
import { barycentricStep } from '../src/optimizer/barycenter.js';
import { polytopeTemplate } from '../src/optimizer/geometry.js';
import { randomRotation, rotateTemplate } from '../src/optimizer/rotation.js';

function randomCosts(rng: Rng, n: number, scale: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.uniform() * scale);
}

function allFinite(x: Float64Array): boolean {
  return x.every((v) => Number.isFinite(v));
}

function rowSums(x: Float64Array, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, i) => x.subarray(i * cols, (i + 1) * cols).reduce((s, v) => s + v, 0));
}

test('sanitising replaces NaN and ±∞ by max(2·max|finite| + 1, 1e6) and leaves finite entries alone', () => {
  const small = Float64Array.of(1, Infinity, -3, NaN, -Infinity);
  sanitizeCosts(small);
  assert.deepEqual(Array.from(small), [1, 1e6, -3, 1e6, 1e6]);
  const large = Float64Array.of(-2e7, Infinity, 5);
  sanitizeCosts(large);
  assert.deepEqual(Array.from(large), [-2e7, 4e7 + 1, 5]);
  const none = Float64Array.of(NaN, NaN);
  sanitizeCosts(none);
  assert.deepEqual(Array.from(none), [1e6, 1e6]);
  const clean = Float64Array.of(-1, 2);
  sanitizeCosts(clean);
  assert.deepEqual(Array.from(clean), [-1, 2]);
});

test('sanitising stays finite even next to the largest doubles', () => {
  const c = Float64Array.of(1e308, Infinity);
  sanitizeCosts(c);
  assert.ok(allFinite(c));
});

test('scaling by null is the identity, a float divides, mean and max_cost divide by mean|C| and max|C|', () => {
  const base = [1, -2, 3, 8, -4, 6];
  const scaled = (s: ScaleCost): number[] => {
    const c = Float64Array.from(base);
    scaleCosts(c, s);
    return Array.from(c);
  };
  assert.deepEqual(scaled(null), base);
  assert.deepEqual(scaled(1), base);
  assert.deepEqual(scaled(4), base.map((x) => x / 4));
  assert.deepEqual(scaled('mean'), base.map((x) => x / 4));
  assert.deepEqual(scaled('max_cost'), base.map((x) => x / 8));
});

test('a zero, negative or non-finite float scale raises and an all-zero matrix stays finite', () => {
  for (const s of [0, -1, NaN, Infinity]) assert.throws(() => scaleCosts(new Float64Array(3), s), RangeError);
  for (const s of ['mean', 'max_cost'] as const) {
    const c = new Float64Array(4);
    scaleCosts(c, s);
    assert.deepEqual(Array.from(c), [0, 0, 0, 0]);
  }
});

test('softmax weights stay finite over costs ×{1, 10, 100, 1000} and ε {0.01, 0.1, 1, 10}', () => {
  const rng = new Rng(1);
  const [rows, cols] = [16, 32];
  const out = new Float64Array(rows * cols);
  for (const scale of [1, 10, 100, 1000]) {
    for (const eps of [0.01, 0.1, 1, 10]) {
      softmaxRows(randomCosts(rng, rows * cols, scale), rows, cols, eps, out);
      assert.ok(allFinite(out), `scale ${scale} ε ${eps}`);
      for (const s of rowSums(out, rows, cols)) assert.ok(Math.abs(s / rows - 1 / rows) < 1e-6);
    }
  }
});

test('identical rows give every plan entry 1/(P·V)', () => {
  const [P, V] = [4, 8];
  const out = new Float64Array(P * V);
  softmaxRows(new Float64Array(P * V).fill(5), P, V, 0.1, out);
  for (const w of out) assert.ok(Math.abs(w / P - 1 / (P * V)) < 1e-6);
});

test('softmax puts more weight on cheaper vertices and matches the closed form', () => {
  const out = new Float64Array(3);
  softmaxRows(Float64Array.of(0, 1, 2), 1, 3, 1, out);
  const z = 1 + Math.exp(-1) + Math.exp(-2);
  assert.ok(Math.abs(out[0] - 1 / z) < 1e-15 && Math.abs(out[2] - Math.exp(-2) / z) < 1e-15);
});

test('ε ≤ 0 or non-finite raises and the caller’s cost matrix is not mutated', () => {
  const c = Float64Array.of(3, 1, 2, 7);
  const copy = Float64Array.from(c);
  const out = new Float64Array(4);
  for (const eps of [0, -1, NaN, Infinity]) assert.throws(() => softmaxRows(c, 2, 2, eps, out), RangeError);
  softmaxRows(c, 2, 2, 0.5, out);
  assert.deepEqual(c, copy);
  assert.throws(() => softmaxRows(c, 3, 2, 0.5, out), RangeError);
});

test('a single +∞ cost, once sanitised, keeps everything finite and gets under a tenth of the smallest other weight', () => {
  const rng = new Rng(2);
  const [rows, cols] = [4, 8];
  const c = randomCosts(rng, rows * cols, 1);
  c[13] = Infinity;
  sanitizeCosts(c);
  const out = new Float64Array(rows * cols);
  softmaxRows(c, rows, cols, 0.1, out);
  assert.ok(allFinite(out));
  let minOther = Infinity;
  for (let k = 0; k < out.length; k++) if (k !== 13) minOther = Math.min(minOther, out[k]);
  assert.ok(out[13] < minOther / 10);
});

test('C = [[−1e20, 0]] at ε = 1e-20 gives weights [1, 0]', () => {
  const out = new Float64Array(2);
  softmaxRows(Float64Array.of(-1e20, 0), 1, 2, 1e-20, out);
  assert.ok(Math.abs(out[0] - 1) < 1e-5 && Math.abs(out[1]) < 1e-5);
});

test('softmax stays finite for ε down to 1e-30 and costs up to ±1e20', () => {
  const out = new Float64Array(4);
  for (const eps of [1e-30, 1e-20, 1e-10, 1e20]) {
    softmaxRows(Float64Array.of(1e20, -1e20, 30, -30), 1, 4, eps, out);
    assert.ok(allFinite(out), `ε ${eps}`);
    assert.ok(Math.abs(rowSums(out, 1, 4)[0] - 1) < 1e-12);
  }
  softmaxRows(Float64Array.of(30, 29, -30, 0), 1, 4, 1e-30, out);
  assert.deepEqual(Array.from(out), [0, 0, 1, 0]);
  softmaxRows(Float64Array.of(1, 1, 2, 3), 1, 4, Number.MIN_VALUE, out);
  assert.deepEqual(Array.from(out), [0.5, 0.5, 0, 0]);
});

test('softmax may write over its input', () => {
  const c = Float64Array.of(0, 1, 5, 5);
  const expected = new Float64Array(4);
  softmaxRows(c, 2, 2, 1, expected);
  softmaxRows(c, 2, 2, 1, c);
  assert.deepEqual(c, expected);
});

/** x_i + ρ·R_i·u_v for every particle and vertex, plus the rotations used. */
function stepVertices(x: Float64Array, P: number, p: number, rho: number, template: Float64Array, rng: Rng) {
  const V = template.length / p;
  const rotations = new Float64Array(P * p * p);
  const vertices = new Float64Array(P * V * p);
  const work = new Float64Array(2 * p * p);
  const dirs = new Float64Array(V * p);
  for (let i = 0; i < P; i++) {
    const r = rotations.subarray(i * p * p, (i + 1) * p * p);
    randomRotation(p, rng, r, work);
    rotateTemplate(r, template, V, p, dirs);
    for (let k = 0; k < V * p; k++) vertices[i * V * p + k] = x[i * p + (k % p)] + rho * dirs[k];
  }
  return { rotations, vertices, V };
}

test('the fused x + ρ·R·Σ_v W_v u_v equals the barycentric step for every scale_cost mode, +∞ included', () => {
  const rng = new Rng(4);
  const [P, p, rho, eps] = [6, 3, 0.7, 0.2];
  const template = polytopeTemplate('orthoplex', p);
  const x = randomCosts(rng, P * p, 4);
  const { rotations, vertices, V } = stepVertices(x, P, p, rho, template, rng);
  for (const mode of [null, 1, 2.5, 'mean', 'max_cost'] as ScaleCost[]) {
    const c = randomCosts(rng, P * V, 3);
    c[5] = Infinity;
    sanitizeCosts(c);
    scaleCosts(c, mode);
    const w = new Float64Array(P * V);
    softmaxRows(c, P, V, eps, w);
    const viaVertices = new Float64Array(P * p);
    barycentricStep(w, vertices, P, V, p, viaVertices);
    for (let i = 0; i < P; i++) {
      for (let a = 0; a < p; a++) {
        let fused = 0;
        for (let b = 0; b < p; b++) {
          let mix = 0;
          for (let v = 0; v < V; v++) mix += w[i * V + v] * template[v * p + b];
          fused += rotations[i * p * p + a * p + b] * mix;
        }
        assert.ok(Math.abs(x[i * p + a] + rho * fused - viaVertices[i * p + a]) < 1e-12, `mode ${mode}`);
      }
    }
  }
});

test('for a softmax plan, dividing by the realised row sum equals dividing by a = 1/P', () => {
  const rng = new Rng(5);
  const [P, V, p] = [5, 4, 2];
  const w = new Float64Array(P * V);
  softmaxRows(randomCosts(rng, P * V, 1), P, V, 0.3, w);
  const plan = w.map((t) => t / P);
  const vertices = randomCosts(rng, P * V * p, 10);
  const out = new Float64Array(P * p);
  barycentricStep(plan, vertices, P, V, p, out);
  for (let i = 0; i < P; i++) {
    for (let d = 0; d < p; d++) {
      let byA = 0;
      for (let v = 0; v < V; v++) byA += (plan[i * V + v] * P) * vertices[(i * V + v) * p + d];
      assert.ok(Math.abs(out[i * p + d] - byA) < 1e-6);
    }
  }
});

test('shifting every vertex by c shifts the step of an arbitrary unnormalised plan by exactly c', () => {
  const rng = new Rng(6);
  const [P, V, p] = [7, 6, 3];
  const plan = randomCosts(rng, P * V, 1e-3);
  const vertices = randomCosts(rng, P * V * p, 5);
  const shift = [3.5, -12, 0.25];
  const shifted = vertices.map((y, k) => y + shift[k % p]);
  const a = new Float64Array(P * p);
  const b = new Float64Array(P * p);
  barycentricStep(plan, vertices, P, V, p, a);
  barycentricStep(plan, shifted, P, V, p, b);
  for (let k = 0; k < P * p; k++) assert.ok(Math.abs(b[k] - a[k] - shift[k % p]) < 1e-5);
});

test('tiny plan masses still give an exact convex combination and a zero-mass row stays at the vertex mean', () => {
  const vertices = Float64Array.of(1, 0, -1, 0, 0, 1, 0, -1, 2, 2, 4, 2, 2, 4, 2, 0);
  const out = new Float64Array(4);
  barycentricStep(Float64Array.of(1e-320, 1e-320, 0, 0, 0, 0, 0, 0), vertices, 2, 4, 2, out);
  assert.deepEqual(Array.from(out), [0, 0, 2.5, 2]);
});
