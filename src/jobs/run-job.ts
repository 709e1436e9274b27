// The messages between the run service and its solver workers.

import type { DimacsFormat } from '../problems/maxsat/instance.js';
import type { BackendRequest } from '../backends/select-backend.js';
import type { MaxSatSolverName } from '../solvers/maxsat/create-session.js';
import type { StopReason } from '../solvers/run-loop.js';

export interface RunJob {
  readonly runId: string;
  /** gzip-compressed DIMACS text; transferred, not copied. */
  readonly contentGzip: Uint8Array;
  readonly format: DimacsFormat;
  readonly solver: MaxSatSolverName;
  /** Batch evaluation backend for population solvers. */
  readonly backend: BackendRequest;
  readonly preset: 'default' | 'paper';
  /** PolyStep config overrides on top of the preset (validated by the caller). */
  readonly config: Record<string, unknown>;
  readonly termination: {
    readonly maxSteps?: number;
    readonly timeLimitMs?: number;
    /** Decimal string: costs can exceed 2^53. */
    readonly targetCost?: string;
    readonly stallSteps?: number;
    readonly maxEvaluations?: number;
  };
  readonly seed: number;
  /**
   * The service's cap on the search time (POLYSTEP_MAX_RUN_TIME_MS, _CELL_TIME_MS): the run stops
   * there (`time_limit`) even without a time limit of its own. Absent: no cap.
   */
  readonly maxRunMs?: number;
  /** At most one progress event per this many ms (improvements are always sent). */
  readonly progressEveryMs: number;
}

export interface WorkerBest {
  readonly cost: string;
  readonly feasible: boolean;
  readonly satRatio: number;
  readonly falsifiedClauses: number;
  readonly step: number;
  readonly assignment: Uint8Array;
}

export type WorkerEvent =
  | { readonly type: 'started'; readonly runId: string; readonly parseMs: number; readonly variables: number; readonly clauses: number; readonly backend: string }
  | { readonly type: 'progress'; readonly runId: string; readonly step: number; readonly evaluations: number; readonly elapsedMs: number; readonly cost: number; readonly satRatio: number; readonly bestCost: string; readonly bestSatRatio: number }
  | { readonly type: 'improvement'; readonly runId: string; readonly step: number; readonly evaluations: number; readonly elapsedMs: number; readonly bestCost: string; readonly feasible: boolean; readonly satRatio: number }
  | { readonly type: 'finished'; readonly runId: string; readonly reason: StopReason; readonly steps: number; readonly evaluations: number; readonly solveMs: number; readonly best: WorkerBest }
  | { readonly type: 'failed'; readonly runId: string; readonly error: string };

export type WorkerCommand = { readonly type: 'run'; readonly job: RunJob } | { readonly type: 'cancel'; readonly runId: string };
