// The service's side of the parse worker: streams each upload's chunks to one worker thread, with
// flow control, and settles every upload even when the thread dies (it is started again on demand).

import { Worker } from 'node:worker_threads';
import { failure, type IntakeCommand, type IntakeOutcome, type IntakeReply, type IntakeRequest } from './intake-protocol.js';

const DEFAULT_WORKER_URL = new URL('./intake-worker.js', import.meta.url);
/** Bytes sent but not yet consumed past which a writer waits: bounds what queues in the worker. */
const HIGH_WATER_BYTES = 4 << 20;
/** How long a closing worker may take to close its database before it is terminated. */
const SHUTDOWN_GRACE_MS = 2000;

/** One upload in the worker. */
export interface IntakeHandle {
  /** Sends the next chunk; resolves when the writer may go on (the worker has caught up, or it is done). */
  write(chunk: Uint8Array): Promise<void>;
  /** No more input: resolves with the outcome. */
  end(): Promise<IntakeOutcome>;
  /** Settles with the outcome: after end(), or earlier with a failure more input cannot change. */
  readonly done: Promise<IntakeOutcome>;
  /** Drops the upload (its input failed); the worker frees what it held. */
  abort(): void;
}

interface Upload {
  unacked: number;
  wake: (() => void) | null;
  outcome: IntakeOutcome | null;
  readonly settle: (outcome: IntakeOutcome) => void;
  readonly done: Promise<IntakeOutcome>;
}

export class IntakeClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly uploads = new Map<number, Upload>();
  private closed = false;

  constructor(private readonly workerUrl: URL = DEFAULT_WORKER_URL) {}

  /** Uploads not yet settled. */
  get inFlight(): number {
    return this.uploads.size;
  }

  open(request: IntakeRequest): IntakeHandle {
    const id = this.nextId++;
    const upload = this.track(id);
    if (this.closed) upload.settle(failure('unavailable', 'SERVICE_STOPPING', 'the service is shutting down and parses no more uploads'));
    else this.send({ type: 'open', id, request });
    const client = this;
    return {
      done: upload.done,
      write: (chunk) => client.write(id, upload, chunk),
      end: () => {
        if (upload.outcome === null) client.send({ type: 'end', id });
        return upload.done;
      },
      abort: () => {
        if (upload.outcome !== null) return;
        client.send({ type: 'abort', id });
        upload.settle(failure('invalid', 'REQUEST_ABORTED', 'the upload was abandoned'));
      },
    };
  }

  /** Settles what is in flight as unavailable and stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    this.failAll(failure('unavailable', 'SERVICE_STOPPING', 'the service is shutting down and parses no more uploads'));
    const worker = this.worker;
    this.worker = null;
    if (worker === null) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'shutdown', id: 0 } satisfies IntakeCommand);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SHUTDOWN_GRACE_MS)));
    if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
    clearTimeout(timer);
  }

  private track(id: number): Upload {
    let settle!: (outcome: IntakeOutcome) => void;
    const done = new Promise<IntakeOutcome>((resolve) => (settle = resolve));
    const upload: Upload = {
      unacked: 0,
      wake: null,
      outcome: null,
      done,
      settle: (outcome) => {
        if (upload.outcome !== null) return;
        upload.outcome = outcome;
        this.uploads.delete(id);
        if (this.uploads.size === 0) this.worker?.unref();
        upload.wake?.();
        settle(outcome);
      },
    };
    this.uploads.set(id, upload);
    return upload;
  }

  private write(id: number, upload: Upload, chunk: Uint8Array): Promise<void> {
    if (upload.outcome !== null || chunk.length === 0) return Promise.resolve();
    // A copy that owns its buffer: cloning a view would copy all of the buffer behind it.
    const bytes = new Uint8Array(chunk);
    upload.unacked += bytes.length;
    this.send({ type: 'chunk', id, bytes }, [bytes.buffer]);
    if (upload.unacked <= HIGH_WATER_BYTES) return Promise.resolve();
    return new Promise((resolve) => (upload.wake = resolve));
  }

  private send(command: IntakeCommand, transfer: ArrayBuffer[] = []): void {
    const worker = this.thread();
    // An upload in flight keeps the process alive; an idle parser does not.
    if (this.uploads.size > 0) worker.ref();
    worker.postMessage(command, transfer);
  }

  private thread(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(this.workerUrl);
    worker.unref();
    worker.on('message', (reply: IntakeReply) => this.receive(reply));
    worker.on('error', (err) => this.lost(worker, `the parse worker failed: ${err.message}`));
    worker.on('exit', (code) => this.lost(worker, `the parse worker stopped (exit code ${code})`));
    worker.on('messageerror', () => void worker.terminate());
    this.worker = worker;
    return worker;
  }

  private receive(reply: IntakeReply): void {
    const upload = this.uploads.get(reply.id);
    if (upload === undefined) return;
    if (reply.type === 'done') {
      upload.settle(reply.outcome);
      return;
    }
    upload.unacked -= reply.bytes;
    if (upload.unacked <= HIGH_WATER_BYTES && upload.wake !== null) {
      const wake = upload.wake;
      upload.wake = null;
      wake();
    }
  }

  /** Every upload the thread held fails; the next upload starts a new thread. */
  private lost(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(failure('internal', 'INTAKE_FAILED', message));
  }

  private failAll(outcome: IntakeOutcome): void {
    for (const upload of [...this.uploads.values()]) upload.settle(outcome);
  }
}
