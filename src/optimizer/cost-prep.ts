// Cost-matrix preamble shared by the weight solvers: sanitise non-finite costs, then scale (spec §5.1).

import type { ScaleCost } from './config.js';

const FLOOR_PENALTY = 1e6;
const MIN_DIVISOR = 1e-10;

/**
 * In place: every non-finite entry becomes max(2·max|finite| + 1, 1e6), so +∞ (an infeasible
 * probe) turns into a cost no softmax or plan will pick, and NaN cannot poison a whole row.
 */
export function sanitizeCosts(c: Float64Array): void {
  let maxAbs = 0;
  let bad = false;
  for (let k = 0; k < c.length; k++) {
    const x = c[k];
    if (x - x !== 0) bad = true; // only NaN and ±∞ fail this
    else if (Math.abs(x) > maxAbs) maxAbs = Math.abs(x);
  }
  if (!bad) return;
  // Capped at the largest double so that the result is finite even for costs near 1e308.
  const penalty = Math.min(Math.max(2 * maxAbs + 1, FLOOR_PENALTY), Number.MAX_VALUE);
  for (let k = 0; k < c.length; k++) if (c[k] - c[k] !== 0) c[k] = penalty;
}

/** In place: null leaves C alone, s > 0 gives C/s, 'mean' and 'max_cost' divide by mean|C| or max|C| (≥ 1e-10). */
export function scaleCosts(c: Float64Array, scale: ScaleCost): void {
  if (scale === null) return;
  divide(c, divisorFor(c, scale));
}

function divisorFor(c: Float64Array, scale: Exclude<ScaleCost, null>): number {
  if (typeof scale === 'number') {
    if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale_cost must be a positive finite number, got ${scale}`);
    return scale;
  }
  if (scale === 'mean') return Math.max(meanAbs(c), MIN_DIVISOR);
  if (scale === 'max_cost') return Math.max(maxAbs(c), MIN_DIVISOR);
  throw new RangeError(`unknown scale_cost ${String(scale satisfies never)}`);
}

function divide(c: Float64Array, s: number): void {
  if (s === 1) return;
  for (let k = 0; k < c.length; k++) c[k] /= s;
}

function meanAbs(c: Float64Array): number {
  if (c.length === 0) return 0;
  let sum = 0;
  for (let k = 0; k < c.length; k++) sum += Math.abs(c[k]);
  return sum / c.length;
}

function maxAbs(c: Float64Array): number {
  let m = 0;
  for (let k = 0; k < c.length; k++) if (Math.abs(c[k]) > m) m = Math.abs(c[k]);
  return m;
}
