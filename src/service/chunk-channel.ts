// A one-reader queue of byte chunks that event-driven code pushes and an async loop reads: the
// bridge from a stream's events to `for await`, with backpressure and errors delivered in order.

/** Queued bytes past which the producer is asked to pause. */
const PAUSE_BYTES = 1 << 20;

type State = { readonly kind: 'open' } | { readonly kind: 'ended' } | { readonly kind: 'failed'; readonly error: Error };

export class ChunkChannel implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private state: State = { kind: 'open' };
  private waiter: (() => void) | null = null;
  private pressure: ((paused: boolean) => void) | null = null;
  private paused = false;

  /** `cancel` runs when the reader stops before the end. */
  constructor(private readonly cancel: () => void = () => {}) {}

  /** `listener(true)`: pause the producer; `listener(false)`: resume it. */
  onPressure(listener: (paused: boolean) => void): void {
    this.pressure = listener;
  }

  push(chunk: Uint8Array): void {
    if (this.state.kind !== 'open') return;
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    if (!this.paused && this.queuedBytes > PAUSE_BYTES) this.setPaused(true);
    this.wake();
  }

  end(): void {
    if (this.state.kind === 'open') this.state = { kind: 'ended' };
    this.wake();
  }

  /** The reader gets `error` next, before any chunk still queued. */
  fail(error: Error): void {
    if (this.state.kind !== 'open') return;
    this.state = { kind: 'failed', error };
    this.queue.length = 0;
    this.wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    let complete = false;
    try {
      for (;;) {
        if (this.state.kind === 'failed') throw this.state.error;
        const chunk = this.queue.shift();
        if (chunk !== undefined) {
          this.queuedBytes -= chunk.length;
          if (this.paused && this.queuedBytes <= PAUSE_BYTES / 2) this.setPaused(false);
          yield chunk;
        } else if (this.state.kind === 'ended') {
          complete = true;
          return;
        } else {
          await new Promise<void>((resolve) => (this.waiter = resolve));
        }
      }
    } finally {
      if (!complete && this.state.kind === 'open') this.cancel();
    }
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.pressure?.(paused);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
