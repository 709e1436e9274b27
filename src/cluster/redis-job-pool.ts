// The API's JobPool when POLYSTEP_REDIS_URL is set: RunJobs become BullMQ jobs that `polystep worker` processes take.

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobLane, JobPool, TerminalEvent } from '../jobs/job-pool.js';
import type { RunJob, WorkerEvent } from '../jobs/run-job.js';
import { clusterKeys, JOB_LOCK_MS, MAX_STALLED_COUNT, PRIORITY, redactedUrl, redisConnection, STALLED_CHECK_MS, STALLED_REASON, type ClusterKeys } from './cluster-keys.js';
import { EventReader } from './event-reader.js';
import { putContent } from './problem-store.js';
import { remoteJobData, type EventEnvelope } from './wire.js';
import { liveWorkers, type RemoteWorkerInfo } from './worker-registry.js';
import { within } from '../common/within.js';

export interface RedisJobPoolOptions {
  readonly url: string;
  /** The BullMQ queue (one API per queue: the API is the single writer of its database). */
  readonly queue: string;
  /** Jobs in flight at most; 0: the live workers' total concurrency plus one spare. */
  readonly maxInFlight: number;
  /** How often worker liveness, capacity and the state of jobs in flight are checked. */
  readonly checkEveryMs?: number;
  readonly log?: (entry: Record<string, unknown>) => void;
}

/** What /readyz shows of the cluster (as of the last check, at most checkEveryMs old). */
export interface ClusterStatus {
  readonly redis: 'ok' | 'unavailable';
  readonly url: string;
  readonly queue: string;
  readonly capacity: number;
  readonly inFlight: number;
  readonly workers: readonly Pick<RemoteWorkerInfo, 'name' | 'host' | 'pid' | 'concurrency' | 'busy'>[];
  readonly jobs: { readonly waiting: number; readonly prioritized: number; readonly active: number; readonly delayed: number; readonly failed: number };
}

interface Pending {
  readonly runId: string;
  readonly jobId: string;
  readonly onEvent: (e: WorkerEvent) => void;
  readonly resolve: (e: TerminalEvent) => void;
  readonly done: Promise<TerminalEvent>;
  nextSeq: number;
  /** Consecutive checks that found the job neither waiting nor running, without its final event. */
  missing: number;
  enqueued: boolean;
}

/** The API's claim on its queue lapses this long after its last check (a crashed API's successor waits at most this). */
const API_LOCK_MS = 10_000;
const POOL_CLOSED = 'the worker pool closed before the run finished';
const NO_JOBS = { waiting: 0, prioritized: 0, active: 0, delayed: 0, failed: 0 };

export class RedisJobPool implements JobPool {
  private readonly keys: ClusterKeys;
  private readonly apiId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly cmd: Redis;
  /** Connections handed to BullMQ, which does not close connections it was given. */
  private readonly lent: Redis[];
  private readonly queue: Queue;
  /** Runs BullMQ's stalled-job check here too, so a dead worker is noticed even when no other worker is left. */
  private readonly checker: Worker;
  private readonly reader: EventReader;
  private readonly pending = new Map<string, Pending>();
  private readonly ready: Promise<void>;
  private readonly idleListeners: (() => void)[] = [];
  private workers: RemoteWorkerInfo[] = [];
  private jobs: ClusterStatus['jobs'] = NO_JOBS;
  private redisOk = false;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private closing: Promise<void> | null = null;
  /** Why the pool could not start (another API holds the queue); every run fails with it. */
  private failed: Error | null = null;

  constructor(private readonly o: RedisJobPoolOptions) {
    this.keys = clusterKeys(o.queue);
    this.cmd = redisConnection(o.url, 'polystep-api');
    this.lent = [redisConnection(o.url, 'polystep-api-queue'), redisConnection(o.url, 'polystep-api-stalled-check')];
    this.queue = new Queue(o.queue, { connection: this.lent[0] as Redis });
    this.checker = new Worker(o.queue, null, {
      connection: this.lent[1] as Redis,
      autorun: false,
      maxStalledCount: MAX_STALLED_COUNT,
      stalledInterval: STALLED_CHECK_MS,
      lockDuration: JOB_LOCK_MS,
    });
    this.queue.on('error', (err: Error) => this.logError('queue', err));
    this.checker.on('error', (err: Error) => this.logError('stalled check', err));
    this.reader = new EventReader(redisConnection(o.url, 'polystep-api-events'), this.cmd, this.keys.events, (e) => this.deliver(e), (err) => this.logError('events', err));
    this.ready = this.start();
    this.ready.catch((err: Error) => {
      this.failed = err;
      this.logError('start', err);
    });
  }

  get size(): number {
    if (this.o.maxInFlight > 0) return this.o.maxInFlight;
    const total = this.workers.reduce((sum, w) => sum + w.concurrency, 0);
    return total === 0 ? 0 : total + 1;
  }

  get idle(): number {
    return this.closing === null ? Math.max(0, this.size - this.pending.size) : 0;
  }

  get busy(): number {
    return this.pending.size;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /** Called when capacity may have become free without a run ending (a worker joined). */
  onIdle(listener: () => void): void {
    this.idleListeners.push(listener);
  }

  /** Resolves once the pool reaches Redis and has seen the workers once. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  status(): ClusterStatus {
    return {
      redis: this.redisOk ? 'ok' : 'unavailable',
      url: redactedUrl(this.o.url),
      queue: this.o.queue,
      capacity: this.size,
      inFlight: this.pending.size,
      workers: this.workers.map(({ name, host, pid, concurrency, busy }) => ({ name, host, pid, concurrency, busy })),
      jobs: this.jobs,
    };
  }

  run(job: RunJob, onEvent: (e: WorkerEvent) => void, opts: { readonly lane?: JobLane } = {}): Promise<TerminalEvent> {
    if (this.closing !== null) return Promise.reject(new Error('the worker pool is closed'));
    if (this.failed !== null) return Promise.reject(this.failed);
    if (this.pending.has(job.runId)) return Promise.reject(new Error(`run ${job.runId} is already on a worker`));
    if (this.idle === 0) return Promise.reject(new Error(`no idle worker: all ${this.size} are busy`));
    let resolve!: (e: TerminalEvent) => void;
    const done = new Promise<TerminalEvent>((r) => (resolve = r));
    const jobId = `${job.runId}-${randomBytes(4).toString('hex')}`;
    const entry: Pending = { runId: job.runId, jobId, onEvent, resolve, done, nextSeq: 0, missing: 0, enqueued: false };
    this.pending.set(job.runId, entry);
    this.enqueue(entry, job, opts.lane ?? 'interactive').catch((err: Error) => this.settle(entry, { type: 'failed', runId: job.runId, error: `cannot queue the run: ${err.message}` }));
    return done;
  }

  /** Publishes the cancel (and leaves a key, for a worker that misses it or has not started the job yet). */
  cancel(runId: string): boolean {
    if (!this.pending.has(runId)) return false;
    this.requestCancel(runId).catch((err: Error) => this.logError('cancel', err));
    return true;
  }

  /** The cancel key (seen by a worker that misses the message or starts the job later), then the message. */
  private async requestCancel(runId: string): Promise<void> {
    await this.cmd.multi().set(this.keys.cancelled(runId), '1', 'EX', 3600).publish(this.keys.cancelChannel, runId).exec();
  }

  /** Cancels the jobs in flight, waits up to graceMs for their final events, then lets go of Redis. */
  close(opts: { graceMs?: number } = {}): Promise<void> {
    this.closing ??= this.shutdown(opts.graceMs ?? 2000);
    return this.closing;
  }

  private async start(): Promise<void> {
    // One API per queue: two would read (and trim) each other's events and drain each other's jobs.
    if ((await this.cmd.set(this.keys.api, this.apiId, 'PX', API_LOCK_MS, 'NX')) !== 'OK') {
      throw new Error(`another API (${await this.cmd.get(this.keys.api)}) serves queue "${this.o.queue}"; give this one its own POLYSTEP_REDIS_QUEUE`);
    }
    await this.reader.start();
    // Jobs an earlier API left (its recovery settles their runs): waiting ones go, running ones are cancelled.
    await this.queue.drain(true);
    const orphans = await this.queue.getActive();
    for (const job of orphans) {
      const runId = (job.data as { job?: { runId?: string } })?.job?.runId;
      if (typeof runId === 'string') await this.requestCancel(runId);
    }
    await this.checker.startStalledCheckTimer();
    await this.check();
    this.timer = setInterval(() => void this.check(), this.o.checkEveryMs ?? 1000);
    this.timer.unref();
  }

  private async enqueue(entry: Pending, job: RunJob, lane: JobLane): Promise<void> {
    await this.ready;
    const hash = await putContent(this.cmd, this.keys, job.contentGzip);
    if (!this.pending.has(entry.runId)) return;
    await this.queue.add('run', remoteJobData(job, hash), {
      jobId: entry.jobId,
      priority: PRIORITY[lane],
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
    entry.enqueued = true;
  }

  private deliver(envelope: EventEnvelope): void {
    const entry = this.pending.get(envelope.runId);
    // Another attempt's (or an earlier API's) event, or one resent after a reconnect.
    if (entry === undefined || entry.jobId !== envelope.jobId || envelope.seq < entry.nextSeq) return;
    entry.nextSeq = envelope.seq + 1;
    const event = envelope.event;
    if (event.type === 'finished' || event.type === 'failed') this.settle(entry, event);
    else this.notify(entry, event);
  }

  private settle(entry: Pending, final: TerminalEvent): void {
    if (this.pending.get(entry.runId) !== entry) return;
    this.pending.delete(entry.runId);
    if (final.type !== 'lost') this.notify(entry, final);
    entry.resolve(final);
    void this.cmd.del(this.keys.cancelled(entry.runId)).catch(() => {});
  }

  private notify(entry: Pending, event: WorkerEvent): void {
    try {
      entry.onEvent(event);
    } catch (err) {
      queueMicrotask(() => {
        throw err;
      });
    }
  }

  /** Workers and capacity, the queue's counts, and jobs that ended without a final event (failed: stalled). */
  private async check(): Promise<void> {
    if (this.checking || this.closing !== null) return;
    this.checking = true;
    const before = this.idle;
    try {
      await this.cmd.set(this.keys.api, this.apiId, 'PX', API_LOCK_MS);
      this.workers = await liveWorkers(this.cmd, this.keys);
      this.jobs = (await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed')) as unknown as ClusterStatus['jobs'];
      this.redisOk = true;
      for (const entry of [...this.pending.values()]) if (entry.enqueued) await this.checkJob(entry);
    } catch (err) {
      this.redisOk = false;
      this.logError('check', err as Error);
    } finally {
      this.checking = false;
    }
    if (this.idle > before) for (const listener of this.idleListeners) listener();
  }

  private async checkJob(entry: Pending): Promise<void> {
    const state = await this.queue.getJobState(entry.jobId);
    if (state === 'failed') {
      const job = await this.queue.getJob(entry.jobId);
      const reason = job?.failedReason ?? 'the job failed';
      if (STALLED_REASON.test(reason)) this.settle(entry, { type: 'lost', runId: entry.runId, error: `its worker stopped answering (${reason})` });
      else this.settle(entry, { type: 'failed', runId: entry.runId, error: reason });
      return;
    }
    // A completed job is removed at once; its final event came before: give the reader a moment more.
    if (state === 'unknown' || state === 'completed') {
      entry.missing += 1;
      if (entry.missing >= 2) this.settle(entry, { type: 'lost', runId: entry.runId, error: 'its job left the queue without a result' });
    } else entry.missing = 0;
  }

  private async shutdown(graceMs: number): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    const running = [...this.pending.values()];
    for (const entry of running) this.cancel(entry.runId);
    await within(Promise.all(running.map((e) => e.done)), graceMs);
    for (const entry of [...this.pending.values()]) this.settle(entry, { type: 'failed', runId: entry.runId, error: POOL_CLOSED });
    await this.ready.catch(() => {});
    await this.reader.stop();
    await Promise.allSettled([this.checker.close(), this.queue.close()]);
    if ((await this.cmd.get(this.keys.api).catch(() => null)) === this.apiId) await this.cmd.del(this.keys.api).catch(() => {});
    for (const conn of [this.cmd, ...this.lent]) await conn.quit().catch(() => conn.disconnect());
  }

  private logError(where: string, err: Error): void {
    this.o.log?.({ at: new Date().toISOString(), level: 'warn', msg: `cluster ${where}: ${err.message}` });
  }
}
