// Best-ever tracking for population solvers: candidates arrive as 0/1 rows with steering costs.

import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { verifyAssignment } from '../../problems/maxsat/verifier.js';
import type { BestSolution } from '../solver.js';

export class BatchBest {
  private steering = Number.POSITIVE_INFINITY;
  private solution: BestSolution;

  constructor(private readonly inst: MaxSatInstance) {
    this.solution = this.exact(new Uint8Array(inst.numVars), 0);
  }

  get best(): BestSolution {
    return this.solution;
  }

  /** Looks at `count` rows of `batch` (n bytes each) with costs; keeps the cheapest ever, verified exactly. */
  consider(batch: Uint8Array, costs: Float64Array, count: number, step: number): void {
    let winner = -1;
    for (let j = 0; j < count; j++) {
      if (costs[j] < this.steering) {
        this.steering = costs[j];
        winner = j;
      }
    }
    if (winner < 0) return;
    const n = this.inst.numVars;
    this.solution = this.exact(batch.slice(winner * n, (winner + 1) * n), step);
  }

  private exact(assignment: Uint8Array, step: number): BestSolution {
    const v = verifyAssignment(this.inst, assignment);
    const m = this.inst.numClauses;
    return {
      cost: v.cost,
      feasible: v.hardSatisfied,
      satRatio: m === 0 ? 1 : 1 - v.falsified.length / m,
      falsifiedClauses: v.falsified.length,
      assignment,
      step,
    };
  }
}
