// Batched evaluation: many full candidate assignments scored at once (population methods, baselines).

import { AppError } from '../common/app-error.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import type { CostScale } from '../problems/maxsat/steering.js';
import type { QuadraticModel } from '../problems/quadratic/model.js';

export type BackendName = 'cpu' | 'tfjs';
export type BackendChoice = 'auto' | BackendName;

/** What a backend scores: weighted clauses (MAX-SAT) or a binary quadratic model (Max-Cut, QUBO). */
export type BatchProblem = { readonly kind: 'clauses'; readonly inst: MaxSatInstance } | { readonly kind: 'quadratic'; readonly model: QuadraticModel };

export interface PrepareOptions {
  readonly costScale?: CostScale;
}

/**
 * One problem, ready to score batches. `batch` holds `count` candidates of `numVars` bytes
 * each (candidate j, variable v at batch[j·numVars + v]; non-zero means true). out[j] is the
 * steering cost of candidate j, exactly as the engine defines it: for clauses see
 * problems/maxsat/steering.ts; for a quadratic model, its exact cost (offset included) divided by
 * quadraticNormalizer (problems/quadratic/steering.ts), bit-for-bit that double whenever
 * `model.floatExact` holds, and otherwise finite, deterministic and close to it.
 */
export interface BatchObjective {
  readonly numVars: number;
  /** Clauses, or the linear plus pair terms of a quadratic model (non-zero coefficients). */
  readonly terms: number;
  evaluate(batch: Uint8Array, count: number, out: Float64Array): Promise<void>;
  dispose(): void;
}

export interface EvalBackend {
  readonly name: BackendName;
  /** What runs underneath, for run metadata and health: e.g. "cpu (2 threads)", "tfjs (tensorflow, GPU)". */
  readonly description: string;
  prepare(problem: BatchProblem, options?: PrepareOptions): Promise<BatchObjective>;
  dispose(): Promise<void>;
}

export class BackendUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', 'BACKEND_UNAVAILABLE', message, { cause: options?.cause });
    this.name = 'BackendUnavailableError';
  }
}
