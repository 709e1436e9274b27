// The API's side of the events stream: one blocking reader hands each entry on, in order, then trims what it read.

import type { Redis } from 'ioredis';
import { decodeEnvelope, type EventEnvelope } from './wire.js';

const BLOCK_MS = 2000;
const BATCH = 1000;
const RETRY_MS = 250;

export class EventReader {
  private stopped = false;
  private lastId = '0-0';
  private loop: Promise<void> | null = null;

  /**
   * `reader` is used for nothing else (it blocks); `trimmer` trims the entries handed on. Entries
   * left by an earlier API (its runs were settled by its recovery) are dropped before reading.
   */
  constructor(
    private readonly reader: Redis,
    private readonly trimmer: Redis,
    private readonly stream: string,
    private readonly deliver: (envelope: EventEnvelope) => void,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.trimmer.del(this.stream);
    this.loop ??= this.read();
  }

  /** Ends the loop; the blocking read is cut by disconnecting its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.reader.disconnect();
    await this.loop;
  }

  private async read(): Promise<void> {
    while (!this.stopped) {
      try {
        const answer = await this.reader.xreadBuffer('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', this.stream, this.lastId);
        if (this.stopped || answer === null) continue;
        for (const [, entries] of answer) {
          for (const [id, fields] of entries) {
            this.lastId = id.toString();
            const envelope = fields.length >= 2 ? decodeEnvelope(fields[1] as Buffer) : null;
            if (envelope !== null) this.hand(envelope);
          }
        }
        // Read entries are no longer needed: the stream only holds what the API has not seen.
        void this.trimmer.xtrim(this.stream, 'MINID', this.lastId).catch(() => {});
      } catch (err) {
        if (this.stopped) return;
        this.onError(err as Error);
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  private hand(envelope: EventEnvelope): void {
    try {
      this.deliver(envelope);
    } catch (err) {
      this.onError(err as Error);
    }
  }
}
