// What the run and benchmark services need from the place their RunJobs execute: in-process threads or a cluster.

import type { RunJob, WorkerEvent } from './run-job.js';

/** How a pool ends a job: the worker's own `finished`/`failed`, or `lost` when the machine running it vanished. */
export type TerminalEvent =
  | Extract<WorkerEvent, { type: 'finished' | 'failed' }>
  /** Only a remote pool reports this: the job's worker died (or lost Redis past its lock) mid-run; its best so far is what was already reported. */
  | { readonly type: 'lost'; readonly runId: string; readonly error: string };

/** Interactive runs go before benchmark cells wherever the pool queues jobs. */
export type JobLane = 'interactive' | 'batch';

export interface JobPool {
  /** Jobs the pool can hold at once (worker threads here; the cluster's capacity for a remote pool). */
  readonly size: number;
  /** Jobs `run` would accept now. */
  readonly idle: number;
  readonly busy: number;
  /** Closing or closed: no job will be accepted again. */
  readonly closed: boolean;
  /** Starts `job`; resolves with its terminal event, never rejects once accepted. */
  run(job: RunJob, onEvent: (e: WorkerEvent) => void, opts?: { readonly lane?: JobLane }): Promise<TerminalEvent>;
  /** Asks the job of `runId` to stop; it then finishes with reason 'aborted' (best kept). */
  cancel(runId: string): boolean;
  close(opts?: { graceMs?: number }): Promise<void>;
}
