// Best-ever tracking for population solvers: candidates arrive as 0/1 rows with steering costs.

import type { ExactScorer } from '../engine.js';
import { isBetter, type BestSolution } from '../solver.js';

/** Float costs within this relative distance of the best one are verified: they may be exactly better. */
const TIE_TOLERANCE = 2 ** -40;

export class BatchBest {
  private steering = Number.POSITIVE_INFINITY;
  private solution: BestSolution;

  constructor(
    private readonly numVars: number,
    private readonly score: ExactScorer,
  ) {
    this.solution = score(new Uint8Array(numVars), 0);
  }

  get best(): BestSolution {
    return this.solution;
  }

  /**
   * Looks at `count` rows of `batch` (n bytes each) with their float steering costs. The cheapest
   * row, if its float cost does not lose to the best's, is verified exactly and kept only when it
   * is exactly better: the floats (sums rounded in any order) only pick which row to verify.
   */
  consider(batch: Uint8Array, costs: Float64Array, count: number, step: number): void {
    let winner = -1;
    let least = Number.POSITIVE_INFINITY;
    for (let j = 0; j < count; j++) {
      if (costs[j] < least) {
        least = costs[j];
        winner = j;
      }
    }
    if (winner < 0 || least > this.steering + Math.abs(this.steering) * TIE_TOLERANCE) return;
    const n = this.numVars;
    const candidate = this.score(batch.slice(winner * n, (winner + 1) * n), step);
    if (!isBetter(candidate, this.solution)) return;
    this.solution = candidate;
    this.steering = Math.min(this.steering, least);
  }
}
