// `polystep worker`'s engine: takes BullMQ jobs, runs each on its own worker-thread pool, streams the events back.

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunJob, WorkerEvent } from '../jobs/run-job.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { clusterKeys, JOB_LOCK_MS, MAX_STALLED_COUNT, redisConnection, STALLED_CHECK_MS, type ClusterKeys } from './cluster-keys.js';
import { ContentCache } from './problem-store.js';
import { encodeEnvelope, type RemoteJobData } from './wire.js';
import { Heartbeat } from './worker-registry.js';

export interface RemoteWorkerOptions {
  readonly url: string;
  readonly queue: string;
  /** Jobs at once, one worker thread each. */
  readonly concurrency: number;
  readonly name?: string;
  readonly log?: (entry: Record<string, unknown>) => void;
}

/** How often the runs here look for a cancel key (a pub/sub message missed during a reconnect). */
const CANCEL_POLL_MS = 1000;
/** The events stream is trimmed past this many entries, should the API be away a long time. */
const STREAM_MAX_LEN = 1_000_000;

export class RemoteWorker {
  readonly id = randomBytes(6).toString('hex');
  readonly name: string;
  private readonly keys: ClusterKeys;
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly pool: WorkerPool;
  private readonly contents: ContentCache;
  private readonly heartbeat: Heartbeat;
  private readonly startedAt = new Date().toISOString();
  /** Runs here: run id → job id. */
  private readonly running = new Map<string, string>();
  private bull: Worker | null = null;
  /** The connection handed to BullMQ, which does not close connections it was given. */
  private readonly jobsConnection: Redis;
  private cancelTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly o: RemoteWorkerOptions) {
    this.name = o.name ?? `${hostname()}:${process.pid}`;
    this.keys = clusterKeys(o.queue);
    this.cmd = redisConnection(o.url, `polystep-worker-${this.id}`);
    this.sub = redisConnection(o.url, `polystep-worker-${this.id}-cancel`);
    this.jobsConnection = redisConnection(o.url, `polystep-worker-${this.id}-jobs`);
    this.pool = new WorkerPool({ size: o.concurrency });
    this.contents = new ContentCache(this.cmd, this.keys);
    this.heartbeat = new Heartbeat(this.cmd, this.keys, () => ({
      id: this.id,
      name: this.name,
      host: hostname(),
      pid: process.pid,
      concurrency: o.concurrency,
      busy: this.running.size,
      startedAt: this.startedAt,
    }));
  }

  get busy(): number {
    return this.running.size;
  }

  async start(): Promise<void> {
    this.sub.on('message', (_channel: string, runId: string) => this.cancelHere(runId));
    await this.sub.subscribe(this.keys.cancelChannel);
    this.bull = new Worker(this.o.queue, (job: Job<RemoteJobData>) => this.process(job), {
      connection: this.jobsConnection,
      name: this.name,
      concurrency: this.o.concurrency,
      lockDuration: JOB_LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: MAX_STALLED_COUNT,
      drainDelay: 1,
    });
    this.bull.on('error', (err) => this.log('warn', `queue: ${err.message}`));
    // BullMQ failed this worker's job as stalled (Redis away longer than the lock): the API has settled the run, stop it.
    this.bull.on('lockRenewalFailed', (jobIds) => {
      for (const [runId, jobId] of this.running) if (jobIds.includes(jobId)) this.pool.cancel(runId);
    });
    await this.bull.waitUntilReady();
    await this.heartbeat.start();
    this.cancelTimer = setInterval(() => void this.pollCancels(), CANCEL_POLL_MS);
    this.cancelTimer.unref();
    this.log('info', 'ready', { concurrency: this.o.concurrency });
  }

  /**
   * Stops taking jobs and lets the running ones finish within `graceMs`; those still running then
   * are cancelled (they end with their best so far, `interrupted` at the API).
   */
  stop(graceMs = 10_000): Promise<void> {
    this.stopping ??= (async () => {
      if (this.cancelTimer !== null) clearInterval(this.cancelTimer);
      const closing = this.bull?.close() ?? Promise.resolve();
      const timer = setTimeout(() => {
        for (const runId of this.running.keys()) this.pool.cancel(runId);
      }, graceMs);
      await closing;
      clearTimeout(timer);
      await this.heartbeat.stop();
      await this.pool.close({ graceMs: 1000 });
      await Promise.allSettled([this.sub, this.cmd, this.jobsConnection].map((conn) => conn.quit().catch(() => conn.disconnect())));
    })();
    return this.stopping;
  }

  private async process(job: Job<RemoteJobData>): Promise<{ reason: string }> {
    const { job: spec, contentHash } = job.data;
    const jobId = job.id as string;
    const runId = spec.runId;
    let seq = 0;
    let last: Promise<unknown> = Promise.resolve();
    // One connection keeps the order of the XADDs; awaiting the last one awaits them all.
    const send = (event: WorkerEvent) => {
      const entry = encodeEnvelope({ runId, jobId, seq: seq++, event });
      last = this.cmd.xadd(this.keys.events, 'MAXLEN', '~', STREAM_MAX_LEN, '*', 'e', entry);
    };
    const content = await this.contents.get(contentHash).catch((err: Error) => {
      send({ type: 'failed', runId, error: err.message });
      return undefined;
    });
    if (content === null) send({ type: 'failed', runId, error: `the problem's content (${contentHash.slice(0, 12)}…) is no longer in Redis` });
    if (content === null || content === undefined) {
      await last;
      return { reason: 'failed' };
    }
    this.running.set(runId, jobId);
    try {
      const done = this.pool.run({ ...spec, contentGzip: content } as RunJob, send);
      // Cancelled before it got here (or while the content was fetched): it stops at once, its best kept.
      if ((await this.cmd.exists(this.keys.cancelled(runId))) === 1) this.pool.cancel(runId);
      const final = await done;
      await last;
      return { reason: final.type === 'finished' ? final.reason : 'failed' };
    } finally {
      this.running.delete(runId);
    }
  }

  private cancelHere(runId: string): void {
    if (this.running.has(runId)) this.pool.cancel(runId);
  }

  private async pollCancels(): Promise<void> {
    const runIds = [...this.running.keys()];
    if (runIds.length === 0) return;
    try {
      const flags = await this.cmd.mget(runIds.map((id) => this.keys.cancelled(id)));
      runIds.forEach((id, i) => flags[i] !== null && this.cancelHere(id));
    } catch {
      // Redis is away; the next poll tries again.
    }
  }

  private log(level: string, msg: string, extra: Record<string, unknown> = {}): void {
    this.o.log?.({ at: new Date().toISOString(), level, worker: this.name, msg, ...extra });
  }
}
