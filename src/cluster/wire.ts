// What travels through Redis: a job's data (the problem by its hash) and run events back, in order.

import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { RunJob, WorkerEvent } from '../jobs/run-job.js';

/** A RunJob without its content, which workers fetch by hash (and cache). JSON, as BullMQ stores job data. */
export interface RemoteJobData {
  readonly job: Omit<RunJob, 'contentGzip'>;
  /** SHA-256 (hex) of the gzip content. */
  readonly contentHash: string;
}

/** One event of one attempt (job) of a run; `seq` counts from 0 so the API can drop a resent duplicate. */
export interface EventEnvelope {
  readonly runId: string;
  readonly jobId: string;
  readonly seq: number;
  readonly event: WorkerEvent;
}

export function contentHash(gzip: Uint8Array): string {
  return createHash('sha256').update(gzip).digest('hex');
}

export function remoteJobData(job: RunJob, hash: string): RemoteJobData {
  const { contentGzip: _content, ...rest } = job;
  return { job: rest, contentHash: hash };
}

/** v8's structured serialization: the events' bigints and the best assignment's bytes survive as they are. */
export function encodeEnvelope(envelope: EventEnvelope): Buffer {
  return serialize(envelope);
}

export function decodeEnvelope(bytes: Buffer): EventEnvelope | null {
  try {
    const value = deserialize(bytes) as Partial<EventEnvelope> | null;
    if (value === null || typeof value !== 'object') return null;
    if (typeof value.runId !== 'string' || typeof value.jobId !== 'string' || typeof value.seq !== 'number' || typeof value.event !== 'object') return null;
    return value as EventEnvelope;
  } catch {
    return null;
  }
}
