// Runs as jobs: a persisted queue, workers off the event loop, batched traces, live events, cancel, recovery.

import { EventEmitter } from 'node:events';
import { AppError } from '../common/app-error.js';
import type { BackendRequest } from '../backends/select-backend.js';
import type { ProblemRepository } from '../store/problem-repository.js';
import type { RunEventRepository } from '../store/run-event-repository.js';
import type { RunRepository } from '../store/run-repository.js';
import { CRASHED_STOP_REASON, TERMINAL_STATUSES, type NewRun, type NewRunEvent, type RunEvent, type RunRecord, type RunStatus } from '../store/records.js';
import type { JobPool, TerminalEvent } from './job-pool.js';
import type { RunJob, WorkerEvent } from './run-job.js';

export interface RunServiceOptions {
  /** Queued runs beyond this are refused (HTTP 429). */
  readonly maxQueued: number;
  readonly progressEveryMs: number;
  /** How long trace events wait to be written together (and published). */
  readonly flushEveryMs: number;
  /** Re-queue every run whose process or machine was lost instead of marking it interrupted (else only runs with attempts left). */
  readonly requeueInterrupted: boolean;
  /** Batch evaluation backend for population solvers. */
  readonly backend: BackendRequest;
  /** Queued and running runs one client may have (HTTP 429 beyond); 0 or absent: no cap. */
  readonly maxActivePerClient?: number;
  /** Longest time limit a run may ask for (HTTP 400 beyond); runs without one stop there too. 0 or absent: no cap. */
  readonly maxRunTimeMs?: number;
}

export class ServiceStoppingError extends AppError {
  constructor() {
    super('unavailable', 'SERVICE_STOPPING', 'the service is shutting down and accepts no new work');
  }
}

export class QueueFullError extends AppError {
  constructor(readonly maxQueued: number) {
    super('too_many_requests', 'QUEUE_FULL', `the queue holds ${maxQueued} runs already`, { retryAfterSeconds: 5 });
  }
}

export class TooManyActiveRunsError extends AppError {
  constructor(readonly maxActive: number) {
    super('too_many_requests', 'TOO_MANY_ACTIVE_RUNS', `this client has ${maxActive} queued or running runs already; wait for one to end or cancel one`, { retryAfterSeconds: 5 });
  }
}

export class TimeLimitTooLongError extends AppError {
  constructor(what: string, asked: number, maxMs: number) {
    super('invalid', 'TIME_LIMIT_TOO_LONG', `${what} time limit ${asked} ms exceeds this service's maximum of ${maxMs} ms`);
  }
}


export class RunService {
  private readonly live = new EventEmitter();
  private readonly pending = new Map<string, NewRunEvent[]>();
  private readonly active = new Map<string, Promise<void>>();
  private flushTimer: NodeJS.Timeout | null = null;
  private accepting = true;
  private stopping = false;

  constructor(
    private readonly runs: RunRepository,
    private readonly events: RunEventRepository,
    private readonly problems: ProblemRepository,
    private readonly pool: JobPool,
    private readonly options: RunServiceOptions,
  ) {
    this.live.setMaxListeners(0);
  }

  /**
   * Settles the runs a previous process left running (it died without stopping them), then starts
   * queued runs. Each is queued again as its next attempt when so configured or when it asked for
   * more attempts (`maxAttempts`), the trace marked by a `queued` status event of that attempt;
   * the others end `interrupted` (stop reason `crashed`, best kept) with their terminal status event.
   */
  recover(): { interrupted: number; requeued: number } {
    // One transaction: a crash during recovery cannot leave a run moved on without its event.
    const { requeued, interrupted } = this.runs.atomically(() => {
      const withEvent = (status: RunStatus) => (id: string) => ({ id, events: this.events.append(id, [{ type: 'status', status }]) });
      return {
        requeued: this.runs.requeueRunning(!this.options.requeueInterrupted).map(withEvent('queued')),
        interrupted: this.runs.interruptRunning(CRASHED_STOP_REASON).map(withEvent('interrupted')),
      };
    });
    for (const { id, events } of [...requeued, ...interrupted]) for (const event of events) this.live.emit(id, event);
    this.schedule();
    return { interrupted: interrupted.length, requeued: requeued.length };
  }

  submit(run: NewRun): RunRecord {
    if (!this.accepting) throw new ServiceStoppingError();
    const maxRunTimeMs = this.options.maxRunTimeMs ?? 0;
    const timeLimitMs = run.termination.timeLimitMs;
    if (maxRunTimeMs > 0 && typeof timeLimitMs === 'number' && timeLimitMs > maxRunTimeMs) throw new TimeLimitTooLongError('the run\'s', timeLimitMs, maxRunTimeMs);
    const maxActive = this.options.maxActivePerClient ?? 0;
    if (maxActive > 0 && run.clientKey != null && this.runs.countActiveByClient(run.clientKey) >= maxActive) throw new TooManyActiveRunsError(maxActive);
    if (this.runs.countByStatus('queued') >= this.options.maxQueued) throw new QueueFullError(this.options.maxQueued);
    const record = this.runs.create(run);
    this.record(record.id, { type: 'status', status: 'queued' });
    this.schedule();
    return this.runs.get(record.id) ?? record;
  }

  /** Cancels a queued or running run; a running one keeps its best so far. Null if already over. */
  cancel(id: string): RunRecord | null {
    if (this.runs.cancelQueued(id)) {
      this.record(id, { type: 'status', status: 'cancelled' });
      this.flush(id);
      return this.runs.get(id);
    }
    if (!this.runs.requestCancel(id)) return null;
    this.pool.cancel(id);
    return this.runs.get(id);
  }

  /** Live events of a run (after they are stored); returns the unsubscribe function. */
  subscribe(runId: string, listener: (event: RunEvent) => void): () => void {
    this.live.on(runId, listener);
    return () => this.live.off(runId, listener);
  }

  queueDepth(): { queued: number; running: number } {
    return { queued: this.runs.countByStatus('queued'), running: this.pool.busy };
  }

  /** Stops accepting, stops running runs keeping their best (as interrupted), writes everything. */
  async shutdown(graceMs = 5000): Promise<void> {
    this.accepting = false;
    this.stopping = true;
    await this.pool.close({ graceMs });
    await Promise.allSettled(this.active.values());
    for (const id of [...this.pending.keys()]) this.flush(id);
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
  }

  /** Starts queued runs, oldest first, while a worker is idle. */
  schedule(): void {
    while (!this.stopping && this.pool.idle > 0) {
      const [next] = this.runs.oldestQueued(1);
      if (next === undefined) return;
      this.start(next);
    }
  }

  private start(run: RunRecord): void {
    if (run.cancelRequestedAt !== null && this.runs.cancelQueued(run.id)) {
      this.record(run.id, { type: 'status', status: 'cancelled' });
      this.flush(run.id);
      return;
    }
    const content = this.problems.contentGzip(run.problemId);
    const problem = this.problems.get(run.problemId);
    if (!this.runs.markRunning(run.id, 'starting')) return;
    this.record(run.id, { type: 'status', status: 'running' });
    if (content === null || problem === null) {
      this.finishFailed(run.id, `problem ${run.problemId} is gone`);
      return;
    }
    const job: RunJob = {
      runId: run.id,
      contentGzip: content,
      family: problem.family,
      format: problem.format,
      options: problem.options,
      solver: run.solver as RunJob['solver'],
      backend: (run.backendRequest ?? this.options.backend) as RunJob['backend'],
      preset: run.preset as RunJob['preset'],
      config: run.config,
      termination: run.termination as RunJob['termination'],
      seed: run.seed,
      ...(run.colors !== null ? { colors: run.colors } : {}),
      ...(this.options.maxRunTimeMs ? { maxRunMs: this.options.maxRunTimeMs } : {}),
      progressEveryMs: this.options.progressEveryMs,
    };
    const done = this.pool
      .run(job, (event) => this.onWorkerEvent(run.id, event), { lane: 'interactive' })
      .then((final) => this.complete(run.id, final))
      .catch((err: unknown) => {
        // finish() only ends running runs, so a run that completed before this error stays completed.
        try {
          this.finishFailed(run.id, (err as Error).message);
        } catch {
          // The store itself is failing: nothing more can be recorded, and the process must live on.
        }
      })
      .finally(() => {
        this.active.delete(run.id);
        this.schedule();
      });
    this.active.set(run.id, done);
  }

  private onWorkerEvent(runId: string, event: WorkerEvent): void {
    if (event.type === 'started') {
      this.runs.recordParse(runId, event.parseMs, event.backend);
      return;
    }
    if (event.type !== 'trace') return;
    const e = event.event;
    const { step, evaluations, elapsedMs, metrics, bestCost } = e;
    if (e.type === 'progress') {
      this.runs.recordProgress(runId, step, evaluations, null);
      this.record(runId, { type: 'progress', step, evaluations, elapsedMs, cost: e.cost, metrics, bestCost });
    } else {
      this.runs.recordProgress(runId, step, evaluations, { cost: bestCost, feasible: e.feasible, metrics, step });
      this.record(runId, { type: 'improvement', step, evaluations, elapsedMs, bestCost, feasible: e.feasible, metrics });
    }
  }

  private complete(runId: string, final: TerminalEvent): void {
    if (final.type === 'failed') return this.finishFailed(runId, final.error);
    if (final.type === 'lost') return this.settleLost(runId);
    const run = this.runs.get(runId);
    const status = this.statusOf(final.reason, run);
    const b = final.best;
    const ended = this.runs.finish(runId, {
      status,
      stopReason: final.reason,
      error: null,
      best: { cost: b.cost, feasible: b.feasible, metrics: b.metrics, step: b.step },
      bestAssignment: b.assignment,
      steps: final.steps,
      evaluations: final.evaluations,
      finishedAt: new Date().toISOString(),
      solveMs: final.solveMs,
    });
    if (ended) this.record(runId, { type: 'status', status });
    this.flush(runId);
  }

  /**
   * The machine running the run died: as after a crash of this process, the run ends `interrupted`
   * (stop reason `crashed`, the best it reported kept) or, when so configured or when it asked for
   * more attempts, is queued again as its next attempt.
   */
  private settleLost(runId: string): void {
    this.flush(runId);
    const requeued = this.runs.requeueRun(runId, !this.options.requeueInterrupted);
    if (!requeued && !this.runs.interruptRun(runId, CRASHED_STOP_REASON)) return;
    this.record(runId, { type: 'status', status: requeued ? 'queued' : 'interrupted' });
    this.flush(runId);
  }

  private statusOf(reason: string, run: RunRecord | null): RunStatus {
    if (reason === 'aborted') return run?.cancelRequestedAt != null ? 'cancelled' : 'interrupted';
    return reason === 'time_limit' ? 'timed_out' : 'completed';
  }

  private finishFailed(runId: string, error: string): void {
    const run = this.runs.get(runId);
    const ended = this.runs.finish(runId, {
      status: 'failed',
      stopReason: null,
      error,
      best: null,
      bestAssignment: null,
      steps: run?.steps ?? 0,
      evaluations: run?.evaluations ?? 0,
      finishedAt: new Date().toISOString(),
      solveMs: null,
    });
    if (ended) this.record(runId, { type: 'status', status: 'failed' });
    this.flush(runId);
  }

  /** Buffers an event; events are written (and published) together, terminal ones at once. */
  private record(runId: string, event: NewRunEvent): void {
    const list = this.pending.get(runId) ?? [];
    list.push(event);
    this.pending.set(runId, list);
    if (event.type === 'status' && TERMINAL_STATUSES.includes(event.status as RunStatus)) return;
    if (event.type === 'status') return this.flush(runId);
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        for (const id of [...this.pending.keys()]) this.flush(id);
      }, this.options.flushEveryMs);
    }
  }

  private flush(runId: string): void {
    const list = this.pending.get(runId);
    this.pending.delete(runId);
    if (list === undefined || list.length === 0) return;
    for (const stored of this.events.append(runId, list)) this.live.emit(runId, stored);
  }
}
