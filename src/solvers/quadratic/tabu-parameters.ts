// The tabu search's tuning knobs: defaults sized to the model, validated, and clamped so small models still move.

import type { QuadraticModel } from '../../problems/quadratic/model.js';

export interface TabuTuning {
  /** Moves per `step()`; by default sized so a step stays well under a millisecond. */
  readonly movesPerStep?: number;
  /** A moved variable stays tabu for tenureBase + U{0..tenureSpread} moves. */
  readonly tenureBase?: number;
  readonly tenureSpread?: number;
  /** Moves without improving on the best point since the last perturbation before the next one. */
  readonly stagnation?: number;
  /** Share of the variables a perturbation flips (default 0.2, scaled down like the tenure on sparse graphs). */
  readonly perturbFraction?: number;
}

export interface TabuParameters {
  readonly movesPerStep: number;
  readonly tenureBase: number;
  readonly tenureSpread: number;
  readonly stagnation: number;
  /** Variables a perturbation flips: perturbFraction · n, at least 1 (0 when n = 0). */
  readonly perturbFlips: number;
}

/** What a step should cost by the move-cost estimate: 0.3 ms, so steps stay under ~1 ms on a busy core. */
export const STEP_NS = 300_000;
const MAX_MOVES_PER_STEP = 20_000;

/**
 * Defaults, tuned on Gset (3 s runs, seeds 1–4 unless noted; gaps are means over G1/G14/G22/G43):
 * - tenure n/40 + U{0..n/10}: 0.09% without perturbations, against 0.13% for n/20 + U{0..n/10},
 *   0.17% for n/40 + U{0..n/20}, and ~0.6% for the UBQP habit n/100 + U{0..10}, which cycles
 *   near its first local optimum;
 * - a perturbation after 5n moves that did not improve on the point's epoch: 0.04% against 0.05%
 *   (10n), 0.06% (2n) and 0.06% (100n);
 * - perturbations of 20% of the variables: 0.09% on G14/G22 (seeds 1–6) against 0.13% (10%),
 *   0.17% (5%) and 0.12% (30%);
 * - on graphs sparser than mean degree 5, tenure and perturbation shrink in proportion: G70
 *   (degree 2, 8 s, seeds 1–2) reached 9461–9511 cut with both scaled, 9318–9320 with the dense
 *   tenure and 9393–9395 with 20% perturbations; G55/G60 (degree 5) did not care about 10% or 20%.
 * With these defaults every OR-Library bqp and gka a–f instance reaches its best-known in < 0.1 s.
 */
export function tabuParameters(model: QuadraticModel, tuning: TabuTuning, moveCostNs: number): TabuParameters {
  const n = model.n;
  const movesPerStep = tuning.movesPerStep ?? Math.max(1, Math.min(MAX_MOVES_PER_STEP, Math.round(STEP_NS / moveCostNs)));
  check(movesPerStep, 'movesPerStep', 1);
  const sparse = n === 0 ? 1 : Math.min(1, model.adjStart[n] / n / 5);
  // A tenure near n would leave no free move; a quarter of the variables keeps the walk moving.
  const cap = Math.max(1, Math.floor(n / 4));
  const tenureBase = Math.min(cap, check(tuning.tenureBase ?? Math.max(1, Math.round((sparse * n) / 40)), 'tenureBase', 1));
  const tenureSpread = Math.min(cap - tenureBase, check(tuning.tenureSpread ?? Math.round((sparse * n) / 10), 'tenureSpread', 0));
  const stagnation = check(tuning.stagnation ?? Math.max(1000, 5 * n), 'stagnation', 1);
  const perturbFraction = tuning.perturbFraction ?? 0.2 * sparse;
  if (!(perturbFraction >= 0 && perturbFraction <= 1)) throw new RangeError(`perturbFraction must lie in [0, 1], got ${perturbFraction}`);
  const perturbFlips = Math.min(n, Math.max(1, Math.round(perturbFraction * n)));
  return { movesPerStep, tenureBase, tenureSpread, stagnation, perturbFlips };
}

function check(value: number, name: string, least: number): number {
  if (!Number.isSafeInteger(value) || value < least) throw new RangeError(`${name} must be an integer ≥ ${least}, got ${value}`);
  return value;
}
