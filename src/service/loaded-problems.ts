// The few stored problems parsed most recently, kept for the requests that follow (evaluate, solution text).

import type { LoadedProblem } from '../problems/load-problem.js';

interface Entry {
  readonly loaded: LoadedProblem;
  readonly bytes: number;
}

/**
 * Stored problems never change, so a parse can serve every later request for the same id. Entries
 * are kept most recent last, while their text totals at most `maxBytes`; one problem larger than
 * that is parsed every time rather than held.
 */
export class LoadedProblems {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached parse of `id`, else `load()` (kept when it fits); `bytes` is the problem's text size. */
  get(id: string, bytes: number, load: () => LoadedProblem): LoadedProblem {
    const hit = this.entries.get(id);
    if (hit !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.loaded;
    }
    const loaded = load();
    if (bytes > this.maxBytes) return loaded;
    this.entries.set(id, { loaded, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
    return loaded;
  }

  /** Forgets `id` (a deleted problem). */
  drop(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.total -= entry.bytes;
  }
}
