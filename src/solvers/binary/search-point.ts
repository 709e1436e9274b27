// A search over 0/1 variables as the engines offer it: an evaluator, an exact best mark, snapshots.

import type { BinaryEvaluator } from '../../problems/binary-evaluator.js';
import type { CostScale } from '../../problems/maxsat/steering.js';
import type { BinaryEngine } from '../engine.js';
import { openClausePoint } from '../maxsat/clause-point.js';
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
}

export interface PointOptions {
  /** Most variables one move (a PolyStep block) flips together. */
  readonly maxBlock: number;
  readonly costScale: CostScale;
  /** Keep the falsified constraints enumerable (focused local search). */
  readonly trackFalsified?: boolean;
}

export function openSearchPoint(problem: BinaryEngine, initial: Uint8Array, options: PointOptions): SearchPoint {
  return problem.kind === 'clauses' ? openClausePoint(problem.inst, initial, options) : openQuadraticPoint(problem, initial, options);
}
