// Remote workers announce themselves (a heartbeat key with a TTL, so a dead one drops out); the API lists them.

import type { Redis } from 'ioredis';
import { HEARTBEAT_EVERY_MS, HEARTBEAT_TTL_S, type ClusterKeys } from './cluster-keys.js';

export interface RemoteWorkerInfo {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly pid: number;
  /** Jobs it runs at once (its worker threads). */
  readonly concurrency: number;
  readonly busy: number;
  readonly startedAt: string;
}

/** Announces a worker every HEARTBEAT_EVERY_MS until stopped; `info` is read at each beat. */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly info: () => RemoteWorkerInfo,
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => {}), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const { id } = this.info();
    await Promise.all([this.redis.srem(this.keys.workers, id), this.redis.del(this.keys.heartbeat(id))]).catch(() => {});
  }

  private async beat(): Promise<void> {
    const info = this.info();
    await this.redis.multi().sadd(this.keys.workers, info.id).set(this.keys.heartbeat(info.id), JSON.stringify(info), 'EX', HEARTBEAT_TTL_S).exec();
  }
}

/** The workers whose heartbeat is current; ids whose heartbeat expired are forgotten. */
export async function liveWorkers(redis: Redis, keys: ClusterKeys): Promise<RemoteWorkerInfo[]> {
  const ids = await redis.smembers(keys.workers);
  if (ids.length === 0) return [];
  const beats = await redis.mget(ids.map((id) => keys.heartbeat(id)));
  const live: RemoteWorkerInfo[] = [];
  const gone: string[] = [];
  ids.forEach((id, i) => {
    const beat = beats[i];
    if (beat === null || beat === undefined) gone.push(id);
    else {
      try {
        live.push(JSON.parse(beat) as RemoteWorkerInfo);
      } catch {
        gone.push(id);
      }
    }
  });
  if (gone.length > 0) await redis.srem(keys.workers, ...gone);
  return live.sort((a, b) => a.name.localeCompare(b.name));
}
