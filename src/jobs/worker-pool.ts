// A fixed-size pool of solver worker threads: one RunJob per worker, started lazily, replaced after a crash.

import { Worker } from 'node:worker_threads';
import type { JobPool } from './job-pool.js';
import type { RunJob, WorkerCommand, WorkerEvent } from './run-job.js';
import { ownedBytes } from './owned-bytes.js';
import { within } from '../common/within.js';

/** What this pool's runs end with (a thread that dies is a `failed` run, never `lost`). */
export type TerminalEvent = Extract<WorkerEvent, { type: 'finished' | 'failed' }>;

export interface WorkerPoolOptions {
  readonly size: number;
  /** The worker entry; defaults to the compiled run-worker.js beside this module. */
  readonly workerUrl?: URL;
  /** Sees every event of every run, before the run's own listener. */
  readonly onEvent?: (e: WorkerEvent) => void;
}

interface ActiveRun {
  readonly runId: string;
  readonly onEvent: (e: WorkerEvent) => void;
  readonly done: Promise<TerminalEvent>;
  readonly resolve: (e: TerminalEvent) => void;
}

interface Slot {
  readonly worker: Worker;
  run: ActiveRun | null;
}

const DEFAULT_WORKER_URL = new URL('./run-worker.js', import.meta.url);
const DEFAULT_GRACE_MS = 2000;

function isTerminal(event: WorkerEvent): event is TerminalEvent {
  return event.type === 'finished' || event.type === 'failed';
}


/** A listener that throws must not leave the pool half-updated: its error surfaces on its own. */
function notify(listener: ((e: WorkerEvent) => void) | undefined, event: WorkerEvent): void {
  try {
    listener?.(event);
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}

export class WorkerPool implements JobPool {
  private readonly maxSize: number;
  private readonly workerUrl: URL;
  private readonly listener: ((e: WorkerEvent) => void) | undefined;
  /** Live workers only: a worker that exits leaves, and the next run starts a fresh one. */
  private readonly slots: Slot[] = [];
  private closing: Promise<void> | null = null;

  constructor(opts: WorkerPoolOptions) {
    if (!Number.isInteger(opts.size) || opts.size < 1) throw new RangeError(`pool size must be an integer ≥ 1, got ${opts.size}`);
    this.maxSize = opts.size;
    this.workerUrl = opts.workerUrl ?? DEFAULT_WORKER_URL;
    this.listener = opts.onEvent;
  }

  get size(): number {
    return this.maxSize;
  }

  /** Runs `run` would accept now (workers not yet started count). */
  get idle(): number {
    return this.closing === null ? this.maxSize - this.busy : 0;
  }

  get busy(): number {
    return this.slots.filter((slot) => slot.run !== null).length;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /** Starts `job` on an idle worker; resolves with its `finished` or `failed` event, never rejects once started. */
  run(job: RunJob, onEvent: (e: WorkerEvent) => void): Promise<TerminalEvent> {
    if (this.closing !== null) return Promise.reject(new Error('the worker pool is closed'));
    if (this.slotOf(job.runId) !== undefined) return Promise.reject(new Error(`run ${job.runId} is already on a worker`));
    let slot: Slot | null;
    try {
      slot = this.idleSlot();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    if (slot === null) return Promise.reject(new Error(`no idle worker: all ${this.maxSize} are busy`));
    const run = this.assign(slot, job.runId, onEvent);
    this.send(slot, job);
    return run.done;
  }

  /** Asks the worker running `runId` to stop; it then finishes with reason 'aborted'. */
  cancel(runId: string): boolean {
    const slot = this.slotOf(runId);
    if (slot === undefined) return false;
    this.post(slot, { type: 'cancel', runId });
    return true;
  }

  /** Cancels running jobs, waits up to graceMs for them to finish, then terminates every worker. */
  close(opts: { graceMs?: number } = {}): Promise<void> {
    this.closing ??= this.shutdown(opts.graceMs ?? DEFAULT_GRACE_MS);
    return this.closing;
  }

  private async shutdown(graceMs: number): Promise<void> {
    const running = this.slots.flatMap((slot) => (slot.run === null ? [] : [slot.run]));
    for (const run of running) this.cancel(run.runId);
    await within(Promise.all(running.map((run) => run.done)), graceMs);
    // A run still going is settled by its worker's exit event, before terminate() resolves.
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private slotOf(runId: string): Slot | undefined {
    return this.slots.find((slot) => slot.run?.runId === runId);
  }

  private idleSlot(): Slot | null {
    const free = this.slots.find((slot) => slot.run === null);
    if (free !== undefined) return free;
    return this.slots.length < this.maxSize ? this.spawn() : null;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerUrl), run: null };
    slot.worker.on('message', (event: WorkerEvent) => this.deliver(slot, event));
    slot.worker.on('error', (err) => this.lose(slot, `worker exited unexpectedly: ${err.message}`));
    slot.worker.on('exit', (code) => this.lose(slot, `worker exited unexpectedly (exit code ${code})`));
    // An event that cannot be deserialized leaves the run's state unknown: restart the worker.
    slot.worker.on('messageerror', () => void slot.worker.terminate());
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, runId: string, onEvent: (e: WorkerEvent) => void): ActiveRun {
    let resolve!: (e: TerminalEvent) => void;
    const done = new Promise<TerminalEvent>((r) => (resolve = r));
    const run: ActiveRun = { runId, onEvent, done, resolve };
    slot.run = run;
    return run;
  }

  private send(slot: Slot, job: RunJob): void {
    const contentGzip = ownedBytes(job.contentGzip);
    try {
      slot.worker.postMessage({ type: 'run', job: { ...job, contentGzip } } satisfies WorkerCommand, [contentGzip.buffer]);
    } catch (err) {
      // Typically a config that cannot be cloned; the worker never saw the job.
      this.deliver(slot, { type: 'failed', runId: job.runId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private post(slot: Slot, command: WorkerCommand): void {
    try {
      slot.worker.postMessage(command);
    } catch {
      // The worker is going away; its exit event settles the run.
    }
  }

  private deliver(slot: Slot, event: WorkerEvent): void {
    const run = slot.run;
    if (run === null || event.runId !== run.runId) return;
    if (isTerminal(event)) slot.run = null;
    notify(this.listener, event);
    notify(run.onEvent, event);
    if (isTerminal(event)) run.resolve(event);
  }

  private lose(slot: Slot, crashMessage: string): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    const run = slot.run;
    if (run === null) return;
    const error = this.closing === null ? crashMessage : 'the worker pool closed before the run finished';
    this.deliver(slot, { type: 'failed', runId: run.runId, error });
  }
}
