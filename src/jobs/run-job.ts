// The messages between the run service and its solver workers.

import type { BackendRequest } from '../backends/select-backend.js';
import type { PresetName } from '../solvers/binary/presets.js';
import type { SolverName } from '../solvers/registry.js';
import type { StopReason, TraceEvent } from '../solvers/run-loop.js';
import type { BestSolution } from '../solvers/solver.js';

export interface RunJob {
  readonly runId: string;
  /** gzip-compressed problem text, as uploaded; transferred, not copied. */
  readonly contentGzip: Uint8Array;
  readonly family: string;
  readonly format: string;
  /** How the content is read beyond its format (e.g. `select` for an OR-Library file). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly solver: SolverName;
  /** Batch evaluation backend for population solvers. */
  readonly backend: BackendRequest;
  readonly preset: PresetName;
  /** PolyStep config overrides on top of the preset (validated by the caller). */
  readonly config: Record<string, unknown>;
  readonly termination: {
    readonly maxSteps?: number;
    readonly timeLimitMs?: number;
    /** Decimal string, in the engine's cost (minimised): costs can exceed 2^53. */
    readonly targetCost?: string;
    readonly stallSteps?: number;
    readonly maxEvaluations?: number;
  };
  readonly seed: number;
  /** Graph colouring: k of a k-colouring (a proper one with at most k colours ends the run); absent: a chromatic search. */
  readonly colors?: number;
  /**
   * The service's cap on the search time (POLYSTEP_MAX_RUN_TIME_MS, _CELL_TIME_MS): the run stops
   * there (`time_limit`) even without a time limit of its own. Absent: no cap.
   */
  readonly maxRunMs?: number;
  /** At most one progress event per this many ms (improvements are always sent). */
  readonly progressEveryMs: number;
}

/** Trace events travel as they are: structured clone keeps their bigints. */
export type WorkerEvent =
  | { readonly type: 'started'; readonly runId: string; readonly parseMs: number; readonly variables: number; readonly terms: number; readonly backend: string }
  | { readonly type: 'trace'; readonly runId: string; readonly event: TraceEvent }
  | { readonly type: 'finished'; readonly runId: string; readonly reason: StopReason; readonly steps: number; readonly evaluations: number; readonly solveMs: number; readonly best: BestSolution }
  | { readonly type: 'failed'; readonly runId: string; readonly error: string };

export type WorkerCommand = { readonly type: 'run'; readonly job: RunJob } | { readonly type: 'cancel'; readonly runId: string };
