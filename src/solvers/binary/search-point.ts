// A search over 0/1 variables as the engines offer it: an evaluator, an exact best mark, snapshots.

import type { Rng } from '../../common/rng.js';
import type { BinaryEvaluator } from '../../problems/binary-evaluator.js';
import type { CostScale } from '../../problems/maxsat/steering.js';
import type { BinaryEngine } from '../engine.js';
import { openClausePoint } from '../maxsat/clause-point.js';
import { clauseFocus } from './clause-focus.js';
import { quadraticFocus } from './quadratic-focus.js';
import { openQuadraticPoint } from '../quadratic/quadratic-point.js';
import type { BestSolution, Metrics } from '../solver.js';

export type { CostScale } from '../../problems/maxsat/steering.js';

/**
 * The current point of a search and what it needs to keep its best exactly. Floats steer
 * (`evaluator.cost` / `normalizer`); `markIfBetter` decides, exactly, whether the current point
 * beats the marked best (and marks it), and `snapshot` copies the current point as a best.
 */
export interface SearchPoint {
  readonly evaluator: BinaryEvaluator;
  /** 'fraction' steering costs are evaluator.cost / normalizer (MAX-SAT: in [0, 1] when feasible). */
  readonly normalizer: number;
  /** No assignment costs less: reaching it is optimal. */
  readonly lowerBound: bigint;
  markIfBetter(): boolean;
  snapshot(step: number): BestSolution;
  /** The family's figures for the current point. */
  metrics(): Metrics;
  /** Present when opened with `focus`: which variables a focused search moves next. */
  readonly focus?: FocusSource;
}

/**
 * Names variables worth moving, as focused local search picks them, without telling the search
 * what a constraint is (MAX-SAT: the variables of a random falsified clause, hard ones first).
 */
export interface FocusSource {
  /** Writes up to out.length distinct variables worth moving now to out, returns how many; 0: none is. */
  draw(rng: Rng, out: Int32Array): number;
  /** A typical cost change of one constraint, in normalised steering units (scales ε and surcharges). */
  readonly unit: number;
}

export interface PointOptions {
  /** Most variables one move (a PolyStep block) flips together. */
  readonly maxBlock: number;
  readonly costScale: CostScale;
  /** Keep the falsified constraints enumerable (focused local search). */
  readonly trackFalsified?: boolean;
  /** Offer `focus` (implies trackFalsified where the family needs it). */
  readonly focus?: boolean;
}

export function openSearchPoint(problem: BinaryEngine, initial: Uint8Array, options: PointOptions): SearchPoint {
  if (problem.kind !== 'clauses') {
    const point = openQuadraticPoint(problem, initial, options);
    return options.focus === true ? { ...point, focus: quadraticFocus(point.evaluator, point.normalizer) } : point;
  }
  if (options.focus !== true) return openClausePoint(problem.inst, initial, options);
  const point = openClausePoint(problem.inst, initial, { ...options, trackFalsified: true });
  return { ...point, focus: clauseFocus(problem.inst, point.evaluator, point.normalizer) };
}
