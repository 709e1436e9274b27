// How a tabu search finds its next flip: the least delta among free variables, or a tabu one that aspires.

import type { Rng } from '../../common/rng.js';
import type { QuadraticModel } from '../../problems/quadratic/model.js';

/**
 * A view of every 1-flip delta of a QuadraticEvaluator, split into free and tabu variables. The
 * evaluator stays the one source of truth: after `evaluator.flip(v)` the search calls
 * `flipped(v)`, and the index re-reads the deltas of v and its neighbours (the only ones a flip
 * changes). Implementations differ only in how they find the least delta (see move-index-choice.ts).
 */
export interface MoveIndex {
  /** 1 where the variable is tabu; written only through `setTabu`. */
  readonly tabu: Uint8Array;
  /** The evaluator has flipped v: the deltas of v and of its neighbours changed. */
  flipped(v: number): void;
  /** Marks v tabu (movable only by aspiration) or free; setting the state it has is a no-op. */
  setTabu(v: number, tabu: boolean): void;
  /**
   * The variable to flip next, ties drawn uniformly at random: a tabu variable of least delta if
   * that delta is below `aspireBelow` (the move reaches a new best) and below every free delta;
   * otherwise a free variable of least delta; a tabu one of least delta when every variable is
   * tabu; -1 when there are no variables.
   */
  choose(rng: Rng, aspireBelow: number): number;
  /** Re-reads every delta (after the evaluator's fields were recomputed). */
  refresh(): void;
}

/**
 * reach[v] bounds |flip delta of v| over all assignments: the delta is ±field[v], and field[v]
 * lies between linear[v] plus v's negative pair coefficients and linear[v] plus its positive ones.
 */
export function deltaReach(model: QuadraticModel): Float64Array {
  const { n, linear, adjStart, adjQ } = model;
  const reach = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let lo = linear[v];
    let hi = linear[v];
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      if (adjQ[p] < 0) lo += adjQ[p];
      else hi += adjQ[p];
    }
    reach[v] = Math.max(-lo, hi);
  }
  return reach;
}
