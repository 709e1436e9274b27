// A set of variables bucketed by an integer key: O(1) insert, remove and uniform pick from the least bucket.

import type { Rng } from '../../common/rng.js';

/**
 * Bucket b is the slice slots[start[b] .. start[b] + size[b]) of one flat array, unordered
 * (removal moves the last member into the gap). Its capacity is the number of variables whose key
 * range [lowest, highest] covers b, so no bucket can overflow. `least` is the least non-empty
 * bucket (the bucket count when the set is empty): an insert below it moves it down at once;
 * emptying it walks it up to the next non-empty bucket. Keys change by a few units per flip, so
 * the walk is short.
 */
export class DeltaBuckets {
  /** Bucket of each variable in this set, -1 when absent. */
  readonly at: Int32Array;
  private readonly pos: Int32Array;
  private readonly slots: Int32Array;
  private readonly start: Int32Array;
  private readonly size: Int32Array;
  private members = 0;
  private leastAt: number;

  /** Variable v's key stays within [lowest[v], highest[v]] ⊆ [0, buckets). */
  constructor(lowest: Int32Array, highest: Int32Array, buckets: number) {
    const n = lowest.length;
    this.at = new Int32Array(n).fill(-1);
    this.pos = new Int32Array(n);
    this.start = new Int32Array(buckets + 1);
    for (let v = 0; v < n; v++) {
      this.start[lowest[v] + 1]++;
      if (highest[v] + 2 <= buckets) this.start[highest[v] + 2]--;
    }
    for (let b = 1; b <= buckets; b++) this.start[b] += this.start[b - 1];
    for (let b = 1; b <= buckets; b++) this.start[b] += this.start[b - 1];
    this.slots = new Int32Array(this.start[buckets]);
    this.size = new Int32Array(buckets);
    this.leastAt = buckets;
  }

  /** The least non-empty bucket; the bucket count when the set is empty. */
  get least(): number {
    return this.leastAt;
  }

  insert(v: number, b: number): void {
    const i = this.size[b]++;
    this.slots[this.start[b] + i] = v;
    this.pos[v] = i;
    this.at[v] = b;
    this.members++;
    if (b < this.leastAt) this.leastAt = b;
  }

  remove(v: number): void {
    const b = this.at[v];
    const last = --this.size[b];
    const from = this.start[b];
    const moved = this.slots[from + last];
    if (moved !== v) {
      const i = this.pos[v];
      this.slots[from + i] = moved;
      this.pos[moved] = i;
    }
    this.at[v] = -1;
    this.members--;
    if (last === 0 && b === this.leastAt) this.walkUp();
  }

  /** Moves v (present) to bucket b. */
  move(v: number, b: number): void {
    if (this.at[v] === b) return;
    this.remove(v);
    this.insert(v, b);
  }

  /** A variable of the least bucket, uniformly (the set must not be empty). */
  pick(rng: Rng): number {
    const b = this.leastAt;
    return this.slots[this.start[b] + rng.below(this.size[b])];
  }

  private walkUp(): void {
    if (this.members === 0) {
      this.leastAt = this.size.length;
      return;
    }
    let b = this.leastAt;
    while (this.size[b] === 0) b++;
    this.leastAt = b;
  }
}
