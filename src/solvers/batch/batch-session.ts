// What population solvers share: scoring a batch on the backend, counting, and keeping the best ever.

import type { BatchObjective } from '../../backends/eval-backend.js';
import { engineVariables, exactScorer, lowerBoundOf, type BinaryEngine } from '../engine.js';
import type { BestSolution, Metrics, SolverSession } from '../solver.js';
import { BatchBest } from './batch-best.js';

export abstract class BatchSession implements SolverSession {
  readonly lowerBound: bigint;
  private readonly tracker: BatchBest;
  private generation = 0;
  private evaluationCount = 0;
  private lastMean = Number.NaN;

  protected readonly numVars: number;

  constructor(
    problem: BinaryEngine,
    private readonly objective: BatchObjective,
  ) {
    this.numVars = engineVariables(problem);
    this.tracker = new BatchBest(this.numVars, exactScorer(problem));
    this.lowerBound = lowerBoundOf(problem);
  }

  get steps(): number {
    return this.generation;
  }

  get evaluations(): number {
    return this.evaluationCount;
  }

  current(): { cost: number; metrics: Metrics } {
    return { cost: this.lastMean, metrics: this.tracker.best.metrics };
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
