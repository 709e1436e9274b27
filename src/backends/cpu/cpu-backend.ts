// The CPU batch backend: the bit-parallel clause kernel (quadratic models compile to clauses), inline or on a worker pool.

import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { steering, type CostScale } from '../../problems/maxsat/steering.js';
import type { BatchObjective, BatchProblem, EvalBackend, PrepareOptions } from '../eval-backend.js';
import { DEFAULT_CHUNK_BYTES, packBatch, packedWords, paddedVars } from './bit-pack.js';
import { buildClauseLayout, evaluateClauses, KernelScratch, splitClauses, type ClauseLayout } from './clause-kernel.js';
import { compileQuadratic, type CompiledObjective } from './quadratic-clauses.js';

// ---- Protocol shared with cpu-worker.ts ----

/** Slots of the shared control word array. */
export const Ctrl = { Job: 0, Pending: 1, Barrier: 2, Objective: 3, Count: 4, Failed: 5, PackCursor: 6, EvalCursor: 7 } as const;
/** Low two bits of the Job word; the rest is a sequence number, so one load gives both. */
export const JobOp = { Wake: 0, Run: 1, Quit: 2 } as const;

export interface WorkerData {
  readonly ctrl: Int32Array;
  readonly port: MessagePort;
  readonly index: number;
}

/**
 * An objective's shared buffers, as a worker sees them (typed arrays over SharedArrayBuffers).
 * Work is claimed in chunks through atomic cursors, so a thread the OS descheduled delays the
 * job by one chunk, not by its whole share. Chunk i of the clauses (bounds[i] .. bounds[i + 1])
 * sums into partials[i·capacity ..], and the caller adds chunks in order: results do not depend
 * on which thread took which chunk.
 */
export interface WorkerAttach {
  readonly type: 'attach';
  readonly id: number;
  readonly layout: ClauseLayout;
  readonly bounds: Float64Array;
  readonly rows: Int32Array;
  readonly rowWords: number;
  readonly packChunks: number;
  readonly chunkBytes: number;
  readonly bits: Int32Array;
  readonly capacity: number;
  readonly partials: Float64Array;
}

/** Chunks per thread: enough to even out a descheduled thread, few enough to keep per-chunk costs small. */
const CHUNKS_PER_THREAD = 16;
/** Smallest clause chunk worth a claim (its segment search and counter flushes). */
const MIN_CHUNK_CLAUSES = 4096;

export function clauseChunks(numClauses: number, threads: number): number {
  return Math.max(1, Math.min(threads * CHUNKS_PER_THREAD, Math.ceil(numClauses / MIN_CHUNK_CLAUSES)));
}

export function packChunks(rowWords: number, threads: number): number {
  return Math.max(1, Math.min(threads * CHUNKS_PER_THREAD, rowWords));
}

export type WorkerMessage = WorkerAttach | { readonly type: 'detach'; readonly id: number };

// ---- The pool ----

/**
 * Below this many clause evaluations (P·m) a batch runs inline. A pool round trip costs ~0.1 ms
 * and more under load; measured on 2 cores, two threads only tie one at 2.7 M and win by 20–40%
 * from 10 M.
 */
export const DEFAULT_PARALLEL_THRESHOLD = 1 << 22;

/** prepare() starts the pool when this many candidates would already be shared out. */
const EAGER_POOL_CANDIDATES = 64;

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string };
const waitAsync: WaitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);

/** Dedicated kernel threads that run one job at a time, woken and awaited through Atomics. */
class KernelPool {
  readonly ctrl = new Int32Array(shared(16 * 4));
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private failure: Error | null = null;
  private quitting = false;
  private alive = 0;

  constructor(readonly threads: number) {
    for (let index = 0; index < threads; index++) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerData = { ctrl: this.ctrl, port: port2, index };
      const worker = new Worker(new URL('./cpu-worker.js', import.meta.url), { workerData: data, transferList: [port2] });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        this.alive--;
        if (!this.quitting) this.fail(new Error(`cpu worker ${index} exited with code ${code}`));
      });
      // Idle workers must not keep the process alive; a running job refs them.
      worker.unref();
      this.workers.push(worker);
      this.alive++;
      this.ports.push(port1);
    }
  }

  /** Workers that have not exited yet. */
  get running(): number {
    return this.alive;
  }

  /** What the failed workers said; read synchronously, as their messages may not have been delivered yet. */
  private workerErrors(): string {
    const texts: string[] = [];
    for (const p of this.ports) {
      for (let m = receiveMessageOnPort(p); m !== undefined; m = receiveMessageOnPort(p)) texts.push((m.message as { message: string }).message);
    }
    return texts.join('\n') || 'unknown error';
  }

  /** A dead worker would never count down: end the waiting job now; the pool stays broken. */
  private fail(err: Error): void {
    if (this.failure !== null) return;
    this.failure = err;
    Atomics.store(this.ctrl, Ctrl.Pending, 0);
    Atomics.notify(this.ctrl, Ctrl.Pending);
  }

  post(msg: WorkerMessage): void {
    for (const p of this.ports) p.postMessage(msg);
    // Wake idle workers so a detach frees memory now rather than at the next job. Only between
    // jobs: a Wake stored over a Run that a worker has not yet seen would make it skip the job.
    if (msg.type === 'detach' && !this.quitting) void this.serial(async () => this.signal(JobOp.Wake));
  }

  private signal(op: number): void {
    const next = ((Atomics.load(this.ctrl, Ctrl.Job) & ~3) + 4) | op;
    Atomics.store(this.ctrl, Ctrl.Job, next);
    Atomics.notify(this.ctrl, Ctrl.Job);
  }

  /** Runs `job` after every earlier one has finished: the pool and its control words are single-job. */
  serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job);
    this.tail = run.catch(() => {});
    return run;
  }

  /** One kernel pass of `count` candidates on an attached objective; call inside `serial`. */
  async run(objective: number, count: number): Promise<void> {
    if (this.quitting) throw new Error('cpu backend used after dispose');
    if (this.failure !== null) throw this.failure;
    const c = this.ctrl;
    Atomics.store(c, Ctrl.Objective, objective);
    Atomics.store(c, Ctrl.Count, count);
    Atomics.store(c, Ctrl.Barrier, this.threads);
    Atomics.store(c, Ctrl.Pending, this.threads);
    Atomics.store(c, Ctrl.Failed, 0);
    Atomics.store(c, Ctrl.PackCursor, 0);
    Atomics.store(c, Ctrl.EvalCursor, 0);
    for (const w of this.workers) w.ref();
    try {
      this.signal(JobOp.Run);
      for (let left = Atomics.load(c, Ctrl.Pending); left !== 0; left = Atomics.load(c, Ctrl.Pending)) {
        const wait = waitAsync(c, Ctrl.Pending, left);
        if (wait.async) await wait.value;
      }
    } finally {
      for (const w of this.workers) w.unref();
    }
    if (this.failure !== null) throw this.failure;
    if (Atomics.load(c, Ctrl.Failed) !== 0) throw new Error(`cpu worker failed: ${this.workerErrors()}`);
  }

  async dispose(): Promise<void> {
    this.quitting = true;
    await this.tail;
    this.signal(JobOp.Quit);
    await Promise.all(this.workers.map((w) => w.terminate()));
    for (const p of this.ports) p.close();
  }
}

// ---- Objectives ----

interface SharedBatch {
  readonly capacity: number;
  readonly rows: Int32Array;
  readonly bytes: Uint8Array;
  readonly bits: Int32Array;
  readonly partials: Float64Array;
}

class CpuObjective implements BatchObjective {
  readonly numVars: number;
  readonly terms: number;
  private readonly numClauses: number;
  /** A candidate's work in clause evaluations of a 3-SAT instance: what the parallel threshold counts. */
  private readonly work: number;
  private readonly constant: number;
  private readonly normalizer: number;
  private layout: ClauseLayout | null;
  private readonly rowWords: number;
  private readonly bounds: Float64Array;
  private disposed = false;
  // Inline path: plain memory, also safe while a pool job of this objective is in flight.
  private readonly scratch = new KernelScratch();
  private local = { rows: new Int32Array(0), bits: new Int32Array(0), acc: new Float64Array(0) };
  private view: { source: ArrayBufferLike; offset: number; rows: Int32Array } | null = null;
  // Pool path.
  private sharedBatch: SharedBatch | null = null;

  constructor(compiled: CompiledObjective, private readonly backend: CpuBackend, private readonly id: number) {
    const inst = compiled.clauses;
    this.numVars = inst.numVars;
    this.numClauses = inst.numClauses;
    this.work = inst.numClauses * compiled.workPerClause;
    this.terms = compiled.terms;
    this.constant = compiled.constant;
    this.normalizer = compiled.normalizer;
    const threads = backend.threads;
    // Workers read the layout in place, so with threads it lives in shared memory from the start.
    this.layout = buildClauseLayout(inst, compiled.weight, threads > 1 ? shared : undefined);
    this.rowWords = paddedVars(inst.numVars) >>> 2;
    this.bounds = splitClauses(this.layout, clauseChunks(inst.numClauses, threads));
  }

  async evaluate(batch: Uint8Array, count: number, out: Float64Array): Promise<void> {
    const L = this.layout;
    if (this.disposed || L === null) throw new Error('cpu objective used after dispose');
    if (this.backend.isDisposed) throw new Error('cpu backend used after dispose');
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
    if (batch.length < count * this.numVars) throw new RangeError(`batch holds ${batch.length} bytes, ${count} candidates need ${count * this.numVars}`);
    if (out.length < count) throw new RangeError(`out holds ${out.length} costs, ${count} needed`);
    if (count === 0) return;
    if (this.backend.threads === 1 || count * this.work < this.backend.parallelThreshold) {
      return this.evaluateInline(L, batch, count, out);
    }
    const pool = this.backend.kernelPool();
    return pool.serial(async () => {
      if (this.disposed) throw new Error('cpu objective used after dispose');
      const sb = this.ensureShared(pool, count);
      this.stage(batch, count, sb.bytes);
      await pool.run(this.id, count);
      const chunks = this.bounds.length - 1;
      for (let j = 0; j < count; j++) {
        let sum = this.constant;
        for (let i = 0; i < chunks; i++) sum += sb.partials[i * sb.capacity + j];
        out[j] = sum / this.normalizer;
      }
    });
  }

  private evaluateInline(L: ClauseLayout, batch: Uint8Array, count: number, out: Float64Array): void {
    const lanes = ((count + 31) >>> 5) * 32;
    if (this.local.acc.length < lanes) {
      this.local.bits = new Int32Array(packedWords(this.numVars, lanes));
      this.local.acc = new Float64Array(lanes);
    }
    const rows = this.rowsOf(batch, count);
    const { bits, acc } = this.local;
    const { chunkBytes } = this.backend;
    packBatch(rows, this.rowWords, count, bits, 0, this.rowWords, chunkBytes);
    acc.fill(0, 0, lanes);
    evaluateClauses(L, bits, count, 0, this.numClauses, this.scratch, acc, chunkBytes);
    for (let j = 0; j < count; j++) out[j] = (this.constant + acc[j]) / this.normalizer;
  }

  /** The batch as whole-word rows: a view of the caller's memory when aligned, else a padded copy. */
  private rowsOf(batch: Uint8Array, count: number): Int32Array {
    if (this.numVars % 4 === 0 && batch.byteOffset % 4 === 0) {
      const v = this.view;
      if (v !== null && v.source === batch.buffer && v.offset === batch.byteOffset && v.rows.length >= count * this.rowWords) return v.rows;
      const rows = new Int32Array(batch.buffer, batch.byteOffset, batch.byteLength >>> 2);
      this.view = { source: batch.buffer, offset: batch.byteOffset, rows };
      return rows;
    }
    if (this.local.rows.length < count * this.rowWords) this.local.rows = new Int32Array(count * this.rowWords);
    this.stage(batch, count, new Uint8Array(this.local.rows.buffer));
    return this.local.rows;
  }

  /** Copies candidate rows into `dest` at a stride of whole words. */
  private stage(batch: Uint8Array, count: number, dest: Uint8Array): void {
    const n = this.numVars;
    const stride = this.rowWords * 4;
    if (stride === n) dest.set(batch.subarray(0, count * n));
    else for (let j = 0; j < count; j++) dest.set(batch.subarray(j * n, (j + 1) * n), j * stride);
  }

  /** Shared batch buffers big enough for `count`; growing them (rare) re-attaches the objective. */
  private ensureShared(pool: KernelPool, count: number): SharedBatch {
    const have = this.sharedBatch;
    if (have !== null && have.capacity >= count) return have;
    const capacity = ((count + 31) >>> 5) * 32;
    const rowsBuf = shared(capacity * this.rowWords * 4);
    const sb: SharedBatch = {
      capacity,
      rows: new Int32Array(rowsBuf),
      bytes: new Uint8Array(rowsBuf),
      bits: new Int32Array(shared(packedWords(this.numVars, capacity) * 4)),
      partials: new Float64Array(shared((this.bounds.length - 1) * capacity * 8)),
    };
    this.sharedBatch = sb;
    const { rows, bits, partials } = sb;
    const { rowWords, bounds } = this;
    const { chunkBytes } = this.backend;
    pool.post({ type: 'attach', id: this.id, layout: this.layout!, bounds, rows, rowWords, packChunks: packChunks(rowWords, pool.threads), chunkBytes, bits, capacity, partials });
    return sb;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.sharedBatch !== null && !this.backend.isDisposed) this.backend.kernelPool().post({ type: 'detach', id: this.id });
    this.layout = null;
    this.sharedBatch = null;
    this.view = null;
    this.local = { rows: new Int32Array(0), bits: new Int32Array(0), acc: new Float64Array(0) };
  }
}

// ---- The backend ----

function clausesOf(inst: MaxSatInstance, scale: CostScale): CompiledObjective {
  const { weight, normalizer } = steering(inst, scale);
  return { clauses: inst, weight, constant: 0, normalizer, terms: inst.numClauses, workPerClause: 1 };
}

export interface CpuBackendOptions {
  /** Kernel threads; 1 computes on the calling thread. Default os.availableParallelism(). */
  readonly threads?: number;
  /** Batches with fewer clause evaluations (count · numClauses, quadratic pair clauses at half) run inline. */
  readonly parallelThreshold?: number;
  /** Packed-bits bytes per pass over the clauses: about the L3 share one batch may use. Default 8 MB. */
  readonly chunkBytes?: number;
}

export class CpuBackend implements EvalBackend {
  readonly name = 'cpu' as const;
  readonly description: string;
  readonly threads: number;
  readonly parallelThreshold: number;
  readonly chunkBytes: number;
  private pool: KernelPool | null = null;
  private nextId = 1;
  private disposed = false;

  constructor(options: CpuBackendOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be an integer >= 1, got ${threads}`);
    this.threads = threads;
    this.parallelThreshold = options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!(this.chunkBytes > 0)) throw new RangeError(`chunkBytes must be positive, got ${this.chunkBytes}`);
    this.description = `cpu (${threads} thread${threads === 1 ? '' : 's'})`;
  }

  async prepare(problem: BatchProblem, options: PrepareOptions = {}): Promise<BatchObjective> {
    if (this.disposed) throw new Error('cpu backend used after dispose');
    const scale = options.costScale ?? 'fraction';
    const compiled = problem.kind === 'clauses' ? clausesOf(problem.inst, scale) : compileQuadratic(problem.model, scale);
    // Start the threads now when a modest batch would be shared out: they boot while the layout is built.
    if (this.threads > 1 && compiled.clauses.numClauses * compiled.workPerClause * EAGER_POOL_CANDIDATES >= this.parallelThreshold) this.kernelPool();
    return new CpuObjective(compiled, this, this.nextId++);
  }

  /** Worker threads currently alive (0 until the first batch big enough to share out). */
  get runningWorkers(): number {
    return this.pool?.running ?? 0;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The worker pool, started on first need so a backend that only sees small batches costs no threads. */
  kernelPool(): KernelPool {
    if (this.disposed) throw new Error('cpu backend used after dispose');
    this.pool ??= new KernelPool(this.threads);
    return this.pool;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.pool?.dispose();
  }
}
