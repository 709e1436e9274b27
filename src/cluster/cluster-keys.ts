// Where the cluster lives in Redis: the BullMQ queue, and the keys the API and the workers share beside it.

import { Redis } from 'ioredis';

/** BullMQ's lock on a job a worker runs; renewed every half of it. A worker silent this long is presumed dead. */
export const JOB_LOCK_MS = 4000;
/** How often workers (and the API) look for jobs whose lock expired. */
export const STALLED_CHECK_MS = 1000;
/** A stalled job fails at once (never re-run behind the API's back): the API decides what a lost run becomes. */
export const MAX_STALLED_COUNT = 0;
/** The failure BullMQ records for a job whose worker stopped renewing its lock. */
export const STALLED_REASON = /stalled/i;
/** Problem contents stay this long in Redis after their last use. */
export const CONTENT_TTL_S = 24 * 3600;
/** A worker that has not renewed its heartbeat for this long is no longer listed. */
export const HEARTBEAT_TTL_S = 6;
export const HEARTBEAT_EVERY_MS = 2000;
/** Interactive runs are taken before benchmark cells (BullMQ: the lower number first). */
export const PRIORITY = { interactive: 1, batch: 10 } as const;

export interface ClusterKeys {
  /** The BullMQ queue's name. */
  readonly queue: string;
  /** gzip content of a problem, by the SHA-256 of those bytes. */
  content(hash: string): string;
  /** The stream every worker appends run events to, and the API reads (one API per queue). */
  readonly events: string;
  /** Pub/sub channel of cancel requests (message: the run id). */
  readonly cancelChannel: string;
  /** Set while a run's cancel is requested: a worker that missed the message, or starts later, still sees it. */
  cancelled(runId: string): string;
  /** Ids of the workers that announced themselves; each has a heartbeat key. */
  readonly workers: string;
  heartbeat(workerId: string): string;
  /** Held by the API serving the queue. */
  readonly api: string;
}

export function clusterKeys(queue: string): ClusterKeys {
  const base = `polystep:${queue}`;
  return {
    queue,
    content: (hash) => `${base}:content:${hash}`,
    events: `${base}:events`,
    cancelChannel: `${base}:cancel`,
    cancelled: (runId) => `${base}:cancelled:${runId}`,
    workers: `${base}:workers`,
    heartbeat: (workerId) => `${base}:worker:${workerId}`,
    api: `${base}:api`,
  };
}

/**
 * A connection that waits through Redis restarts instead of failing commands (BullMQ requires
 * `maxRetriesPerRequest: null` for blocking connections; the API's reads and writes want the same).
 */
export function redisConnection(url: string, name: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: name,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
  });
  // Connection errors come with every reconnect attempt; the commands that wait say what matters.
  redis.on('error', () => {});
  return redis;
}

/** The URL without its password, for logs and /readyz. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}
