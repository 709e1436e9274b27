// CPU kernel worker: sleeps on a shared job word, packs its slice of the batch, then scores its clauses.

import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { chunkGroups, packBatch, paddedVars } from './bit-pack.js';
import { evaluateClauses, KernelScratch } from './clause-kernel.js';
import { Ctrl, JobOp, type WorkerAttach, type WorkerData, type WorkerMessage } from './cpu-backend.js';

interface Attached {
  readonly msg: WorkerAttach;
  /** Partial sums of each clause chunk. */
  readonly acc: Float64Array[];
}

const { ctrl, port, index } = workerData as WorkerData;
const attached = new Map<number, Attached>();
const scratch = new KernelScratch();

/** Applies attach/detach messages posted since the last wake; they always precede the job that needs them. */
function drain(p: MessagePort): void {
  for (let m = receiveMessageOnPort(p); m !== undefined; m = receiveMessageOnPort(p)) {
    const msg = m.message as WorkerMessage;
    if (msg.type === 'detach') {
      attached.delete(msg.id);
      continue;
    }
    const acc = Array.from({ length: msg.bounds.length - 1 }, (_, i) => msg.partials.subarray(i * msg.capacity, (i + 1) * msg.capacity));
    attached.set(msg.id, { msg, acc });
  }
}

/** Every thread must finish packing before any reads the packed bits. */
function barrier(): void {
  if (Atomics.sub(ctrl, Ctrl.Barrier, 1) === 1) {
    Atomics.notify(ctrl, Ctrl.Barrier);
    return;
  }
  for (let left = Atomics.load(ctrl, Ctrl.Barrier); left !== 0; left = Atomics.load(ctrl, Ctrl.Barrier)) {
    Atomics.wait(ctrl, Ctrl.Barrier, left);
  }
}

function run(): void {
  let passedBarrier = false;
  try {
    const job = attached.get(Atomics.load(ctrl, Ctrl.Objective));
    if (job === undefined) throw new Error(`cpu worker ${index}: objective ${Atomics.load(ctrl, Ctrl.Objective)} is not attached`);
    const { layout, rows, rowWords, packChunks, bits, bounds, chunkBytes } = job.msg;
    const count = Atomics.load(ctrl, Ctrl.Count);
    for (let i = Atomics.add(ctrl, Ctrl.PackCursor, 1); i < packChunks; i = Atomics.add(ctrl, Ctrl.PackCursor, 1)) {
      packBatch(rows, rowWords, count, bits, Math.floor((rowWords * i) / packChunks), Math.floor((rowWords * (i + 1)) / packChunks), chunkBytes);
    }
    barrier();
    passedBarrier = true;
    // Items run group chunk by group chunk, so all threads share one chunk's bits in cache.
    const G = (count + 31) >>> 5;
    const GC = chunkGroups(paddedVars(layout.numVars), G, chunkBytes);
    const chunks = Math.ceil(G / GC);
    const parts = job.acc.length;
    for (let i = Atomics.add(ctrl, Ctrl.EvalCursor, 1); i < chunks * parts; i = Atomics.add(ctrl, Ctrl.EvalCursor, 1)) {
      const chunk = Math.floor(i / parts);
      const part = i % parts;
      // Only this chunk's lanes: another thread may be adding into the same part's other lanes.
      job.acc[part].fill(0, 32 * chunk * GC, 32 * Math.min(G, (chunk + 1) * GC));
      evaluateClauses(layout, bits, count, bounds[part], bounds[part + 1], scratch, job.acc[part], chunkBytes, chunk, chunk + 1);
    }
  } catch (err) {
    Atomics.store(ctrl, Ctrl.Failed, 1);
    port.postMessage({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    // The others still wait at the barrier; let them through so the job ends (and reports the failure).
    if (!passedBarrier) barrier();
  }
  if (Atomics.sub(ctrl, Ctrl.Pending, 1) === 1) Atomics.notify(ctrl, Ctrl.Pending);
}

// The loop never returns to the event loop: the backend wakes it through Atomics and ends it
// with a Quit job or worker.terminate().
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, Ctrl.Job, seen);
  seen = Atomics.load(ctrl, Ctrl.Job);
  drain(port);
  const op = seen & 3;
  if (op === JobOp.Quit) break;
  if (op === JobOp.Run) run();
}
port.close();
