// What population solvers share: scoring a batch on the backend, counting, and keeping the best ever.

import type { BatchObjective } from '../../backends/eval-backend.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { trivialLowerBound } from '../../problems/maxsat/verifier.js';
import type { BestSolution, SolverSession } from '../solver.js';
import { BatchBest } from './batch-best.js';

export abstract class BatchSession implements SolverSession {
  readonly lowerBound: bigint;
  private readonly tracker: BatchBest;
  private generation = 0;
  private evaluationCount = 0;
  private lastMean = Number.NaN;

  constructor(
    protected readonly inst: MaxSatInstance,
    private readonly objective: BatchObjective,
  ) {
    this.tracker = new BatchBest(inst);
    this.lowerBound = trivialLowerBound(inst);
  }

  get steps(): number {
    return this.generation;
  }

  get evaluations(): number {
    return this.evaluationCount;
  }

  current(): { cost: number; satRatio: number } {
    return { cost: this.lastMean, satRatio: this.tracker.best.satRatio };
  }

  best(): BestSolution {
    return this.tracker.best;
  }

  abstract step(): Promise<void>;

  /** Scores `count` rows of `batch` into `costs`, counts them, and keeps the best row ever seen. */
  protected async score(batch: Uint8Array, count: number, costs: Float64Array): Promise<void> {
    await this.objective.evaluate(batch, count, costs);
    this.evaluationCount += count;
    this.generation++;
    this.tracker.consider(batch, costs, count, this.generation);
    let sum = 0;
    for (let j = 0; j < count; j++) sum += costs[j];
    this.lastMean = sum / count;
  }
}
