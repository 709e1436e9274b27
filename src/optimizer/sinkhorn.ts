// Log-domain entropic OT (Sinkhorn) with warm start, gauge re-centering and ω over-relaxation (spec §5.3).

import type { SinkhornConfig } from './config.js';

export interface SinkhornDuals {
  readonly f: Float64Array;
  readonly g: Float64Array;
  /** The ε the duals were computed under; a warm start at another ε rescales them. */
  readonly epsilon: number;
}

export interface SinkhornResult {
  readonly plan: Float64Array;
  readonly duals: SinkhornDuals;
  readonly converged: boolean;
  readonly iterations: number;
  /** ⟨f,a⟩ + ⟨g,b⟩ − ε·ΣT + shift·Σa: the entropic dual objective in the caller's cost units. */
  readonly cost: number;
}

export type SinkhornOptions = SinkhornConfig & { onWarning?: (message: string) => void };

const LOG_FLOOR = 1e-30;
const EPS_RESCALE_TOLERANCE = 1e-6;
const MASS_TOLERANCE = 1e-6;
const OMEGA_MIN = 0.5;
const OMEGA_MAX = 1.95;
/** Over-relaxation beyond this can diverge, so the dual norm is watched. */
const OMEGA_WATCHED = 1.5;
const GROWTH_LIMIT = 1.05;
const GROWTH_CHECKS = 3;

/** Problem data shared by the iteration helpers: logK = −(C − min C)/ε, log-marginals, sizes. */
interface Problem {
  readonly rows: number;
  readonly cols: number;
  readonly epsilon: number;
  readonly logK: Float64Array;
  readonly la: Float64Array;
  readonly lb: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** Per-call scratch: the duals divided by ε, and column maxima / sums for the column LSE. */
interface Scratch {
  readonly fs: Float64Array;
  readonly gs: Float64Array;
  readonly colMax: Float64Array;
  readonly colSum: Float64Array;
}

/**
 * Solves min ⟨C,T⟩ + ε·KL(T‖a⊗b) subject to T1 = a, Tᵀ1 = b for an already sanitised and scaled
 * cost `c` (not mutated). Uniform marginals by default. `threshold ≤ 0` runs exactly
 * `maxIterations` updates.
 */
export function sinkhorn(
  c: Float64Array,
  rows: number,
  cols: number,
  epsilon: number,
  options: SinkhornOptions,
  warm?: SinkhornDuals | null,
  a?: Float64Array,
  b?: Float64Array,
): SinkhornResult {
  validate(c, rows, cols, epsilon, options, a, b);
  const warn = options.onWarning;
  const ma = a ?? uniform(rows);
  const mb = b ?? uniform(cols);
  const massA = total(ma);
  const massB = total(mb);
  if (Math.abs(massA - massB) > MASS_TOLERANCE * Math.max(massA, massB)) {
    warn?.(`sinkhorn: marginal masses differ (${massA} vs ${massB}); the plan cannot meet both`);
  }
  const [shift, top] = range(c);
  const prob = makeProblem(c, shift, rows, cols, epsilon, ma, mb);
  const f = new Float64Array(rows);
  const g = new Float64Array(cols);
  initDuals(f, g, warm, epsilon, top - shift);
  const run = iterate(prob, f, g, options);
  const plan = buildPlan(prob, f, g, c, shift);
  const cost = dot(f, ma) + dot(g, mb) - epsilon * total(plan) + shift * massA;
  return { plan, duals: { f, g, epsilon }, converged: run.converged, iterations: run.iterations, cost };
}

function validate(c: Float64Array, rows: number, cols: number, epsilon: number, o: SinkhornOptions, a?: Float64Array, b?: Float64Array): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`sinkhorn needs a non-empty cost matrix, got ${rows}×${cols}`);
  }
  if (c.length !== rows * cols) throw new RangeError(`sinkhorn cost has ${c.length} entries, expected ${rows}×${cols}`);
  if (!(epsilon > 0 && epsilon < Infinity)) throw new RangeError(`sinkhorn epsilon must be positive and finite, got ${epsilon}`);
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) {
    throw new RangeError(`sinkhorn maxIterations must be an integer ≥ 1, got ${o.maxIterations}`);
  }
  if (!Number.isInteger(o.checkEvery) || o.checkEvery < 1) {
    throw new RangeError(`sinkhorn checkEvery must be an integer ≥ 1, got ${o.checkEvery}`);
  }
  if (!(o.omega >= OMEGA_MIN && o.omega <= OMEGA_MAX)) {
    throw new RangeError(`sinkhorn omega must lie in [${OMEGA_MIN}, ${OMEGA_MAX}], got ${o.omega}`);
  }
  if (Number.isNaN(o.threshold)) throw new RangeError('sinkhorn threshold must be a number, got NaN');
  if (a !== undefined && a.length !== rows) throw new RangeError(`sinkhorn a has ${a.length} entries, expected ${rows}`);
  if (b !== undefined && b.length !== cols) throw new RangeError(`sinkhorn b has ${b.length} entries, expected ${cols}`);
}

function makeProblem(c: Float64Array, shift: number, rows: number, cols: number, epsilon: number, a: Float64Array, b: Float64Array): Problem {
  // Recentring to min C = 0 keeps logK ≤ 0 without changing the plan.
  const logK = new Float64Array(c.length);
  for (let k = 0; k < c.length; k++) logK[k] = -(c[k] - shift) / epsilon;
  const la = a.map((x) => Math.log(Math.max(x, LOG_FLOOR)));
  const lb = b.map((x) => Math.log(Math.max(x, LOG_FLOOR)));
  return { rows, cols, epsilon, logK, la, lb, a, b };
}

/** Warm duals (rescaled to the new ε), sanitised, clamped and gauge-centred; zeros otherwise. */
function initDuals(f: Float64Array, g: Float64Array, warm: SinkhornDuals | null | undefined, epsilon: number, maxCost: number): void {
  if (!warm || warm.f.length !== f.length || warm.g.length !== g.length) return;
  f.set(warm.f);
  g.set(warm.g);
  const prev = warm.epsilon;
  if (prev > 0 && prev < Infinity && Math.abs(prev - epsilon) / epsilon > EPS_RESCALE_TOLERANCE) {
    scaleInPlace(f, epsilon / prev);
    scaleInPlace(g, epsilon / prev);
  }
  if (!allFinite(f) || !allFinite(g)) {
    f.fill(0);
    g.fill(0);
    return;
  }
  const bound = 10 * Math.max(maxCost, 1e-6);
  clampInPlace(f, bound);
  clampInPlace(g, bound);
  // f + c, g − c leaves every f_i + g_j (hence the plan) unchanged; centring keeps both sides balanced.
  const centre = (total(g) / g.length - total(f) / f.length) / 2;
  for (let i = 0; i < f.length; i++) f[i] += centre;
  for (let j = 0; j < g.length; j++) g[j] -= centre;
}

interface RunOutcome { readonly converged: boolean; readonly iterations: number }

function iterate(prob: Problem, f: Float64Array, g: Float64Array, options: SinkhornOptions): RunOutcome {
  const { maxIterations, threshold, checkEvery } = options;
  const s: Scratch = {
    fs: new Float64Array(prob.rows),
    gs: new Float64Array(prob.cols),
    colMax: new Float64Array(prob.cols),
    colSum: new Float64Array(prob.cols),
  };
  let omega = options.omega;
  let watch = omega > OMEGA_WATCHED;
  let lastNorm = -1;
  let growth = 0;
  for (let it = 1; it <= maxIterations; it++) {
    updateF(prob, f, g, s, omega);
    updateG(prob, f, g, s, omega);
    if (it % checkEvery !== 0) continue;
    if (!allFinite(f) || !allFinite(g)) return reset(f, g, it);
    if (threshold > 0 && marginalError(prob, f, g, s) < threshold) return { converged: true, iterations: it };
    if (!watch) continue;
    const norm = Math.sqrt(dot(f, f) + dot(g, g));
    growth = lastNorm >= 0 && norm > GROWTH_LIMIT * lastNorm ? growth + 1 : 0;
    lastNorm = norm;
    if (growth >= GROWTH_CHECKS) {
      omega = 1;
      watch = false;
      options.onWarning?.(
        `sinkhorn: dual norm grew more than 5 % for ${GROWTH_CHECKS} consecutive checks with omega ${options.omega}; continuing with omega 1`,
      );
    }
  }
  if (!allFinite(f) || !allFinite(g)) return reset(f, g, maxIterations);
  return { converged: threshold <= 0, iterations: maxIterations };
}

function reset(f: Float64Array, g: Float64Array, iterations: number): RunOutcome {
  f.fill(0);
  g.fill(0);
  return { converged: false, iterations };
}

/** f ← (1−ω)f + ω·ε·(la − LSE_j(logK_ij + g_j/ε)). */
function updateF(prob: Problem, f: Float64Array, g: Float64Array, s: Scratch, omega: number): void {
  const { rows, cols, epsilon, logK, la } = prob;
  const gs = s.gs;
  for (let j = 0; j < cols; j++) gs[j] = g[j] / epsilon;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) {
      const t = logK[base + j] + gs[j];
      if (t > max) max = t;
    }
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(logK[base + j] + gs[j] - max);
    const next = epsilon * (la[i] - max - Math.log(sum));
    f[i] = omega === 1 ? next : (1 - omega) * f[i] + omega * next;
  }
}

/** g ← (1−ω)g + ω·ε·(lb − LSE_i(logK_ij + f_i/ε)), with the f just updated; row-major passes for cache locality. */
function updateG(prob: Problem, f: Float64Array, g: Float64Array, s: Scratch, omega: number): void {
  const { rows, cols, epsilon, logK, lb } = prob;
  const { fs, colMax, colSum } = s;
  for (let i = 0; i < rows; i++) fs[i] = f[i] / epsilon;
  colMax.fill(-Infinity);
  colSum.fill(0);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const t = logK[base + j] + fs[i];
      if (t > colMax[j]) colMax[j] = t;
    }
  }
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) colSum[j] += Math.exp(logK[base + j] + fs[i] - colMax[j]);
  }
  for (let j = 0; j < cols; j++) {
    const next = epsilon * (lb[j] - colMax[j] - Math.log(colSum[j]));
    g[j] = omega === 1 ? next : (1 - omega) * g[j] + omega * next;
  }
}

/** max over rows and columns of |marginal of exp(f/ε + logK + g/ε) − target|. */
function marginalError(prob: Problem, f: Float64Array, g: Float64Array, s: Scratch): number {
  const { rows, cols, epsilon, logK, a, b } = prob;
  const { fs, gs, colSum } = s;
  for (let i = 0; i < rows; i++) fs[i] = f[i] / epsilon;
  for (let j = 0; j < cols; j++) gs[j] = g[j] / epsilon;
  colSum.fill(0);
  let err = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let rowSum = 0;
    for (let j = 0; j < cols; j++) {
      const pm = Math.exp(fs[i] + logK[base + j] + gs[j]);
      rowSum += pm;
      colSum[j] += pm;
    }
    err = Math.max(err, Math.abs(rowSum - a[i]));
  }
  for (let j = 0; j < cols; j++) err = Math.max(err, Math.abs(colSum[j] - b[j]));
  return err;
}

/** T_ij = exp((f_i + g_j − (C_ij − shift))/ε). */
function buildPlan(prob: Problem, f: Float64Array, g: Float64Array, c: Float64Array, shift: number): Float64Array {
  const { rows, cols, epsilon } = prob;
  const plan = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) plan[base + j] = Math.exp((f[i] + g[j] - (c[base + j] - shift)) / epsilon);
  }
  return plan;
}

function uniform(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

function total(x: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k];
  return s;
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * y[k];
  return s;
}

/** [min, max] of x. */
function range(x: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < x.length; k++) {
    if (x[k] < lo) lo = x[k];
    if (x[k] > hi) hi = x[k];
  }
  return [lo, hi];
}

function allFinite(x: Float64Array): boolean {
  for (let k = 0; k < x.length; k++) if (x[k] - x[k] !== 0) return false;
  return true;
}

function scaleInPlace(x: Float64Array, factor: number): void {
  for (let k = 0; k < x.length; k++) x[k] *= factor;
}

function clampInPlace(x: Float64Array, bound: number): void {
  for (let k = 0; k < x.length; k++) x[k] = Math.min(bound, Math.max(-bound, x[k]));
}
