// Log-domain Sinkhorn (spec §5.3, §15 items 16–20).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { DEFAULT_SINKHORN, type SinkhornConfig } from '../src/optimizer/config.js';
import { sinkhorn, type SinkhornResult } from '../src/optimizer/sinkhorn.js';

function randomCosts(rng: Rng, n: number, scale: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.uniform() * scale);
}

function options(overrides: Partial<SinkhornConfig> = {}, warnings?: string[]) {
  return { ...DEFAULT_SINKHORN, ...overrides, onWarning: (m: string) => warnings?.push(m) };
}

/** Largest deviation of the plan's row and column sums from uniform 1/rows and 1/cols. */
function marginalErrors(r: SinkhornResult, rows: number, cols: number): { row: number; col: number } {
  let row = 0;
  let col = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += r.plan[i * cols + j];
    row = Math.max(row, Math.abs(s - 1 / rows));
  }
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += r.plan[i * cols + j];
    col = Math.max(col, Math.abs(s - 1 / cols));
  }
  return { row, col };
}

function allFinite(x: Float64Array): boolean {
  return x.every((v) => Number.isFinite(v));
}

test('at least 90 % of 100 random 12×18 problems converge and their plans meet both marginals to 2e-4', () => {
  const rng = new Rng(16);
  let converged = 0;
  for (let t = 0; t < 100; t++) {
    const r = sinkhorn(randomCosts(rng, 12 * 18, 1), 12, 18, 0.1, options({ threshold: 1e-4 }));
    if (!r.converged) continue;
    converged++;
    const e = marginalErrors(r, 12, 18);
    assert.ok(e.row < 2e-4 && e.col < 2e-4, `problem ${t}: ${JSON.stringify(e)}`);
  }
  assert.ok(converged >= 90, `${converged} converged`);
});

test('identical cost rows give identical plan rows', () => {
  const rng = new Rng(17);
  const [rows, cols] = [5, 7];
  const first = randomCosts(rng, cols, 2);
  const c = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) c.set(first, i * cols);
  const r = sinkhorn(c, rows, cols, 0.1, options());
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < cols; j++) assert.ok(Math.abs(r.plan[i * cols + j] - r.plan[j]) < 1e-5);
  }
});

test('a constant cost of 1e6 gives the uniform plan 0.25 on 2×2 at ε = 1', () => {
  const r = sinkhorn(new Float64Array(4).fill(1e6), 2, 2, 1, options());
  assert.ok(r.converged);
  for (const t of r.plan) assert.ok(Math.abs(t - 0.25) < 1e-4);
  // ⟨f,a⟩ + ⟨g,b⟩ = log 0.25 at the fixed point, ε·ΣT = 1, and the recentring shift comes back.
  assert.ok(Math.abs(r.cost - (1e6 + Math.log(0.25) - 1)) < 1e-6, `cost ${r.cost}`);
});

test('duals stay finite over ε {0.01, 0.1, 1} × cost scale {10, 100, 1000}', () => {
  const rng = new Rng(19);
  for (const eps of [0.01, 0.1, 1]) {
    for (const scale of [10, 100, 1000]) {
      const r = sinkhorn(randomCosts(rng, 8 * 6, scale), 8, 6, eps, options({ maxIterations: 300 }));
      assert.ok(allFinite(r.duals.f) && allFinite(r.duals.g) && allFinite(r.plan), `ε ${eps} scale ${scale}`);
    }
  }
});

test('duals stay finite for ω across [0.5, 1.95] and ω outside that range raises', () => {
  const rng = new Rng(20);
  const c = randomCosts(rng, 10 * 10, 50);
  for (const omega of [0.5, 0.8, 1, 1.3, 1.5, 1.7, 1.95]) {
    const r = sinkhorn(c, 10, 10, 0.1, options({ omega }));
    assert.ok(allFinite(r.duals.f) && allFinite(r.duals.g), `ω ${omega}`);
  }
  for (const omega of [0.49, 1.96, NaN]) assert.throws(() => sinkhorn(c, 10, 10, 0.1, options({ omega })), RangeError);
});

test('ω = 1.95 on a scale-200 cost at ε = 0.05 backs off to ω = 1 with one warning and keeps finite duals', () => {
  const rng = new Rng(21);
  const warnings: string[] = [];
  const r = sinkhorn(randomCosts(rng, 10 * 10, 200), 10, 10, 0.05, options({ omega: 1.95 }, warnings));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /dual norm/);
  assert.ok(allFinite(r.duals.f) && allFinite(r.duals.g));
});

test('the default ω never warns on benign input', () => {
  const rng = new Rng(22);
  const warnings: string[] = [];
  for (let t = 0; t < 20; t++) sinkhorn(randomCosts(rng, 9 * 4, 1 + 100 * t), 9, 4, 0.1, options({}, warnings));
  assert.deepEqual(warnings, []);
});

test('a warm start from a converged solution at the same ε with ω = 1.5 still meets the row marginals', () => {
  const rng = new Rng(23);
  const c = randomCosts(rng, 12 * 18, 1);
  const cold = sinkhorn(c, 12, 18, 0.1, options({ omega: 1.5 }));
  assert.ok(cold.converged);
  const warm = sinkhorn(c, 12, 18, 0.1, options({ omega: 1.5 }), cold.duals);
  assert.ok(warm.converged);
  assert.ok(warm.iterations <= cold.iterations);
  assert.ok(marginalErrors(warm, 12, 18).row < 1e-4);
});

test('warm duals computed at ε 1e-9 or 1e-40 are rescaled and clamped into finite values', () => {
  const rng = new Rng(24);
  const c = randomCosts(rng, 6 * 5, 10);
  const first = sinkhorn(c, 6, 5, 0.5, options());
  for (const epsilon of [1e-9, 1e-40]) {
    const stale = { f: first.duals.f, g: first.duals.g, epsilon };
    const r = sinkhorn(c, 6, 5, 0.5, options(), stale);
    assert.ok(allFinite(r.duals.f) && allFinite(r.duals.g) && allFinite(r.plan));
    assert.ok(r.converged);
  }
});

test('warm duals of the wrong shape or with non-finite entries are ignored', () => {
  const rng = new Rng(25);
  const c = randomCosts(rng, 4 * 3, 1);
  const cold = sinkhorn(c, 4, 3, 0.2, options());
  const wrongShape = sinkhorn(c, 4, 3, 0.2, options(), { f: new Float64Array(3), g: new Float64Array(4), epsilon: 0.2 });
  const nonFinite = sinkhorn(c, 4, 3, 0.2, options(), { f: new Float64Array(4).fill(NaN), g: new Float64Array(3), epsilon: 0.2 });
  assert.deepEqual(wrongShape.plan, cold.plan);
  assert.deepEqual(nonFinite.plan, cold.plan);
});

test('an empty matrix, a size mismatch, maxIterations < 1, checkEvery < 1 and ε ≤ 0 raise', () => {
  const c = new Float64Array(4);
  assert.throws(() => sinkhorn(new Float64Array(0), 0, 3, 0.1, options()), RangeError);
  assert.throws(() => sinkhorn(c, 2, 3, 0.1, options()), RangeError);
  assert.throws(() => sinkhorn(c, 2, 2, 0.1, options({ maxIterations: 0 })), RangeError);
  assert.throws(() => sinkhorn(c, 2, 2, 0.1, options({ checkEvery: 0 })), RangeError);
  for (const eps of [0, -1, NaN]) assert.throws(() => sinkhorn(c, 2, 2, eps, options()), RangeError);
  assert.throws(() => sinkhorn(c, 2, 2, 0.1, options(), null, new Float64Array(3)), RangeError);
});

test('unequal marginal masses warn', () => {
  const warnings: string[] = [];
  sinkhorn(new Float64Array(4), 2, 2, 0.1, options({}, warnings), null, Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.25));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /marginal masses/);
});

test('custom marginals are met by the converged plan', () => {
  const rng = new Rng(26);
  const a = Float64Array.of(0.1, 0.2, 0.3, 0.4);
  const b = Float64Array.of(0.5, 0.25, 0.25);
  const r = sinkhorn(randomCosts(rng, 12, 1), 4, 3, 0.1, options({ threshold: 1e-9 }), null, a, b);
  assert.ok(r.converged);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(r.plan[i * 3] + r.plan[i * 3 + 1] + r.plan[i * 3 + 2] - a[i]) < 1e-8);
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(r.plan[j] + r.plan[3 + j] + r.plan[6 + j] + r.plan[9 + j] - b[j]) < 1e-8);
});

test('threshold ≤ 0 runs exactly maxIterations updates and counts a finite result as converged', () => {
  const rng = new Rng(27);
  const r = sinkhorn(randomCosts(rng, 5 * 5, 1), 5, 5, 0.1, options({ threshold: 0, maxIterations: 37 }));
  assert.equal(r.iterations, 37);
  assert.ok(r.converged);
});

test('the cost matrix is not mutated and a constant shift of C moves only the reported cost', () => {
  const rng = new Rng(28);
  const c = randomCosts(rng, 6 * 4, 3);
  const copy = Float64Array.from(c);
  const r = sinkhorn(c, 6, 4, 0.2, options());
  assert.deepEqual(c, copy);
  const shifted = sinkhorn(c.map((x) => x + 1000), 6, 4, 0.2, options());
  for (let k = 0; k < c.length; k++) assert.ok(Math.abs(shifted.plan[k] - r.plan[k]) < 1e-12);
  assert.ok(Math.abs(shifted.cost - r.cost - 1000) < 1e-9);
});

test('a lower ε concentrates the plan on cheaper cells', () => {
  const c = Float64Array.of(0, 1, 1, 0);
  const soft = sinkhorn(c, 2, 2, 1, options());
  const sharp = sinkhorn(c, 2, 2, 0.05, options());
  assert.ok(sharp.plan[0] > soft.plan[0] && sharp.plan[1] < soft.plan[1]);
  assert.ok(Math.abs(sharp.plan[0] - 0.5) < 1e-6);
});
