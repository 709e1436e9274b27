// Stored shapes of problems, runs and run events, as the repositories return them.

export type RunStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'failed' | 'timed_out' | 'interrupted';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];

/**
 * The stop reason of a run that a process left running when it died (kill -9, a crash, power loss):
 * no solver stopped it, so it is not one of the run loop's reasons. A graceful stop says `aborted`.
 */
export const CRASHED_STOP_REASON = 'crashed';

export type Sense = 'min' | 'max';

/** A stored `sense` column (written only as 'min' or 'max'). */
export function senseColumn(value: string): Sense {
  return value === 'max' ? 'max' : 'min';
}

export interface NewProblem {
  readonly contentHash: string;
  /** The problem family (maxsat, maxcut, qubo). */
  readonly family: string;
  /** The concrete format it was read as (cnf, wcnf, rudy, orlib, …). */
  readonly format: string;
  /** How the content is read beyond its format (e.g. `select` for an OR-Library file). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly sense: Sense;
  readonly name: string | null;
  readonly variables: number;
  /** The family's size measure: clauses, edges, nonzero terms. */
  readonly terms: number;
  /** JSON-safe summary (bigints already as decimal strings). */
  readonly summary: Record<string, unknown>;
  /** The uploaded text, gzip-compressed. */
  readonly contentGzip: Uint8Array;
  readonly contentBytes: number;
}

export interface ProblemRecord extends Omit<NewProblem, 'contentGzip'> {
  readonly id: string;
  readonly createdAt: string;
}

export interface NewRun {
  readonly problemId: string;
  readonly solver: string;
  readonly preset: string;
  readonly config: Record<string, unknown>;
  readonly termination: Record<string, unknown>;
  readonly seed: number;
  /** Copied from the problem: the family and the sense its objective is reported in. */
  readonly family: string;
  readonly sense: Sense;
  /** Evaluation backend asked for: auto (default), cpu, tfjs or gpu. */
  readonly backendRequest?: string;
  /** Who submitted it (the client's rate-limit key), for the cap on active runs per client; never shown. */
  readonly clientKey?: string | null;
  /** Graph colouring: k of a k-colouring; absent or null: a chromatic search (and every other family). */
  readonly colors?: number | null;
  /** Starts allowed when the process or machine running it is lost (default 1: it then ends interrupted). */
  readonly maxAttempts?: number;
}

/** A run's best point: the engine cost (minimised; the objective is its negation for max problems) and the family's metrics. */
export interface BestRecord {
  readonly cost: bigint;
  readonly feasible: boolean;
  readonly metrics: Readonly<Record<string, number>>;
  readonly step: number;
}

export interface RunRecord extends NewRun {
  readonly id: string;
  readonly colors: number | null;
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
  readonly maxAttempts: number;
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
  /** Progress: the steering cost of the current point (a float, normalised). */
  readonly cost?: number;
  /** Progress: the current point's metrics; improvement: the new best's. */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Exact engine cost of the best so far (minimised). */
  readonly bestCost?: bigint;
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
