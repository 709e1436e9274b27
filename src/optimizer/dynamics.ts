// Particle dynamics around the OT move (spec §6): heavy-ball momentum, adaptive radius, amortised coasting.

import type { AdaptiveRadiusConfig } from './config.js';

/**
 * Momentum coefficient ramped linearly from `init` to `final` over `maxIterations − 1` steps.
 * The ramp length is the configured max_iterations, not the run length (spec §16 item 5).
 */
export function momentumCoefficient(t: number, maxIterations: number, init = 0.5, final = 0.95): number {
  return init + Math.min(1, t / Math.max(1, maxIterations - 1)) * (final - init);
}

/**
 * Heavy-ball update: `velocity ← β·velocity + (xbar − x)` in place, then `out = x + lr·velocity`.
 * `out` may alias `x`; each element is read before it is written.
 */
export function momentumStep(
  x: Float64Array,
  xbar: Float64Array,
  velocity: Float64Array,
  beta: number,
  lr: number,
  out: Float64Array,
): void {
  const n = x.length;
  if (xbar.length !== n || velocity.length !== n || out.length !== n) {
    throw new RangeError(`momentumStep: length mismatch (x ${n}, xbar ${xbar.length}, velocity ${velocity.length}, out ${out.length})`);
  }
  for (let i = 0; i < n; i++) {
    const v = beta * velocity[i] + (xbar[i] - x[i]);
    velocity[i] = v;
    out[i] = x[i] + lr * v;
  }
}

/** Radius multiplier bookkeeping of spec §6.2; plain data so optimizer state stays serializable. */
export interface AdaptiveRadiusState {
  readonly multiplier: number;
  readonly counter: number;
  readonly prevLoss: number;
}

export const INITIAL_ADAPTIVE_RADIUS: AdaptiveRadiusState = Object.freeze({
  multiplier: 1,
  counter: 0,
  prevLoss: Number.POSITIVE_INFINITY,
});

/**
 * One adaptive-radius update from the step's mean cost. A stall (relative change below the
 * threshold for `patience` steps) widens the radius to escape; any improvement shrinks it.
 */
export function adaptRadius(state: AdaptiveRadiusState, loss: number, cfg: AdaptiveRadiusConfig): AdaptiveRadiusState {
  // The first step (prevLoss = ∞) and non-finite losses carry no usable trend.
  if (!Number.isFinite(loss) || !Number.isFinite(state.prevLoss)) {
    return { multiplier: state.multiplier, counter: state.counter, prevLoss: loss };
  }
  const rel = Math.abs(loss - state.prevLoss) / (Math.abs(state.prevLoss) + 1e-10);
  let counter = rel < cfg.threshold ? state.counter + 1 : 0;
  let multiplier = state.multiplier;
  if (counter >= cfg.patience) {
    multiplier = Math.min(multiplier * cfg.increase, cfg.max);
    counter = 0;
  } else if (loss < state.prevLoss) {
    multiplier = Math.max(multiplier * cfg.decrease, cfg.min);
  }
  return { multiplier, counter, prevLoss: loss };
}

/**
 * Gain of coast step `j` (1 ≤ j < A) between OT solves: (A−j)/A, i.e. ⅔ then ⅓ for A = 3.
 * The reference docstring promises full strength first; the code does this (spec §16 item 6).
 */
export function coastFraction(j: number, amortizeSteps: number): number {
  return 1 - j / amortizeSteps;
}

/**
 * EMA of the pure OT displacement used for coasting: `raw` the first time, then
 * `ema·previous + (1 − ema)·raw`. `out` may alias `previous` or `raw`; returns `out`.
 */
export function amortizeDirection(
  previous: Float64Array | null,
  raw: Float64Array,
  ema: number,
  out: Float64Array,
): Float64Array {
  if (out.length !== raw.length || (previous !== null && previous.length !== raw.length)) {
    throw new RangeError('amortizeDirection: length mismatch');
  }
  if (previous === null) {
    if (out !== raw) out.set(raw);
    return out;
  }
  const keep = 1 - ema;
  for (let i = 0; i < raw.length; i++) out[i] = ema * previous[i] + keep * raw[i];
  return out;
}
