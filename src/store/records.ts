// Stored shapes of problems, runs and run events, as the repositories return them.

export type RunStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'failed' | 'timed_out' | 'interrupted';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];

/**
 * The stop reason of a run that a process left running when it died (kill -9, a crash, power loss):
 * no solver stopped it, so it is not one of the run loop's reasons. A graceful stop says `aborted`.
 */
export const CRASHED_STOP_REASON = 'crashed';

export interface NewProblem {
  readonly contentHash: string;
  readonly format: string;
  readonly name: string | null;
  readonly variables: number;
  readonly clauses: number;
  readonly hardClauses: number;
  readonly softClauses: number;
  /** JSON-safe summary (bigints already as decimal strings). */
  readonly summary: Record<string, unknown>;
  /** The DIMACS text, gzip-compressed. */
  readonly contentGzip: Uint8Array;
  readonly contentBytes: number;
}

export interface ProblemRecord extends Omit<NewProblem, 'contentGzip'> {
  readonly id: string;
  readonly kind: 'maxsat';
  readonly createdAt: string;
}

export interface NewRun {
  readonly problemId: string;
  readonly solver: string;
  readonly preset: string;
  readonly config: Record<string, unknown>;
  readonly termination: Record<string, unknown>;
  readonly seed: number;
  /** Evaluation backend asked for: auto (default), cpu, tfjs or gpu. */
  readonly backendRequest?: string;
  /** Who submitted it (the client's rate-limit key), for the cap on active runs per client; never shown. */
  readonly clientKey?: string | null;
}

export interface BestRecord {
  readonly cost: bigint;
  readonly feasible: boolean;
  readonly satRatio: number;
  readonly falsifiedClauses: number;
  readonly step: number;
}

export interface RunRecord extends NewRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly stopReason: string | null;
  readonly error: string | null;
  readonly backend: string | null;
  readonly best: BestRecord | null;
  readonly steps: number;
  readonly evaluations: number;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly cancelRequestedAt: string | null;
  readonly parseMs: number | null;
  readonly solveMs: number | null;
  /** 1, then one more each time a crash left the run running and it was queued again. */
  readonly attempt: number;
}

/** How a run ended (or how far it got), written when it stops. */
export interface RunOutcome {
  readonly status: RunStatus;
  readonly stopReason: string | null;
  readonly error: string | null;
  readonly best: BestRecord | null;
  /** 0/1 per variable; null keeps what is stored. */
  readonly bestAssignment: Uint8Array | null;
  readonly steps: number;
  readonly evaluations: number;
  readonly finishedAt: string;
  readonly solveMs: number | null;
}

export type RunEventType = 'status' | 'progress' | 'improvement';

export interface NewRunEvent {
  readonly type: RunEventType;
  readonly status?: RunStatus;
  readonly step?: number;
  readonly evaluations?: number;
  readonly elapsedMs?: number;
  readonly cost?: number;
  readonly satRatio?: number;
  readonly bestCost?: bigint;
  readonly bestSatRatio?: number;
  readonly feasible?: boolean;
}

export interface RunEvent extends NewRunEvent {
  readonly runId: string;
  /** 1, 2, 3, … per run: the SSE event id. */
  readonly seq: number;
  /** The run's attempt the event belongs to (see RunRecord.attempt). */
  readonly attempt: number;
  readonly createdAt: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
