// Problem contents in Redis by content hash: the API puts them once (refreshing their TTL), workers fetch and cache them.

import type { Redis } from 'ioredis';
import { CONTENT_TTL_S, type ClusterKeys } from './cluster-keys.js';
import { contentHash } from './wire.js';

/** Stores `gzip` under its hash unless it is there already (then only its TTL is refreshed); returns the hash. */
export async function putContent(redis: Redis, keys: ClusterKeys, gzip: Uint8Array): Promise<string> {
  const hash = contentHash(gzip);
  const key = keys.content(hash);
  // Usually there already (a benchmark's instance, a problem run again): one round trip, no upload.
  if ((await redis.expire(key, CONTENT_TTL_S)) === 1) return hash;
  await redis.set(key, Buffer.from(gzip.buffer, gzip.byteOffset, gzip.byteLength), 'EX', CONTENT_TTL_S, 'NX');
  return hash;
}

/** A worker's cache of contents by hash, least recently used out first beyond `maxBytes`. */
export class ContentCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  /** A fresh copy of the content (the pool transfers it away); null when Redis no longer has it. */
  async get(hash: string): Promise<Uint8Array | null> {
    let content = this.entries.get(hash);
    if (content !== undefined) {
      this.entries.delete(hash);
      this.entries.set(hash, content);
    } else {
      const fetched = await this.redis.getBuffer(this.keys.content(hash));
      if (fetched === null) return null;
      // A content whose bytes do not hash to its name is not the problem the job was made for.
      if (contentHash(fetched) !== hash) throw new Error(`the content stored for ${hash.slice(0, 12)}… does not match its hash`);
      content = new Uint8Array(fetched);
      this.remember(hash, content);
    }
    return new Uint8Array(content);
  }

  private remember(hash: string, content: Uint8Array): void {
    if (content.byteLength > this.maxBytes) return;
    this.entries.set(hash, content);
    this.bytes += content.byteLength;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.byteLength;
    }
  }
}
