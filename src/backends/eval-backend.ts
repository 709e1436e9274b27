// Batched evaluation: many full candidate assignments scored at once (population methods, baselines).

import { AppError } from '../common/app-error.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import type { CostScale } from '../problems/maxsat/steering.js';

export type BackendName = 'cpu' | 'tfjs';
export type BackendChoice = 'auto' | BackendName;

export interface PrepareOptions {
  readonly costScale?: CostScale;
}

/**
 * One instance, ready to score batches. `batch` holds `count` candidates of `numVars` bytes
 * each (candidate j, variable v at batch[j·numVars + v]; non-zero means true). out[j] is the
 * steering cost of candidate j, exactly as the engine defines it (see problems/maxsat/steering.ts).
 */
export interface BatchObjective {
  readonly numVars: number;
  readonly numClauses: number;
  evaluate(batch: Uint8Array, count: number, out: Float64Array): Promise<void>;
  dispose(): void;
}

export interface EvalBackend {
  readonly name: BackendName;
  /** What runs underneath, for run metadata and health: e.g. "cpu (2 threads)", "tfjs (tensorflow, GPU)". */
  readonly description: string;
  prepare(inst: MaxSatInstance, options?: PrepareOptions): Promise<BatchObjective>;
  dispose(): Promise<void>;
}

export class BackendUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', 'BACKEND_UNAVAILABLE', message, { cause: options?.cause });
    this.name = 'BackendUnavailableError';
  }
}
