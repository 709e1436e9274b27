// A tournament tree of keys that keeps, per node, the least key below it and how many leaves hold it.

import type { Rng } from '../../common/rng.js';

/**
 * Leaves 0..n-1 (padded to a power of two with +∞). Changing a leaf climbs only while a node
 * changes, so O(log n) at worst; the least key is at the root, and `pick` draws one of the leaves
 * holding it uniformly by descending with one random number, using the per-node counts.
 */
export class MinCountTree {
  private readonly size: number;
  private readonly key: Float64Array;
  private readonly count: Int32Array;

  constructor(n: number) {
    let size = 1;
    while (size < n) size <<= 1;
    this.size = size;
    this.key = new Float64Array(2 * size).fill(Number.POSITIVE_INFINITY);
    this.count = new Int32Array(2 * size);
    this.count.fill(1, size);
    this.rebuild();
  }

  /** The least key (+∞ when every leaf is +∞). */
  get min(): number {
    return this.key[1];
  }

  /** Sets every leaf i < keys.length to keys[i] in O(n). */
  load(keys: Float64Array): void {
    this.key.set(keys, this.size);
    this.rebuild();
  }

  set(i: number, value: number): void {
    const key = this.key;
    const count = this.count;
    let p = this.size + i;
    if (key[p] === value) return;
    key[p] = value;
    for (p >>= 1; p >= 1; p >>= 1) {
      const l = p << 1;
      const kl = key[l];
      const kr = key[l + 1];
      let m: number;
      let c: number;
      if (kl < kr) {
        m = kl;
        c = count[l];
      } else if (kr < kl) {
        m = kr;
        c = count[l + 1];
      } else {
        m = kl;
        c = count[l] + count[l + 1];
      }
      if (key[p] === m && count[p] === c) return;
      key[p] = m;
      count[p] = c;
    }
  }

  /** A leaf holding the least key, uniformly among them. */
  pick(rng: Rng): number {
    const key = this.key;
    const count = this.count;
    const m = key[1];
    let r = rng.below(count[1]);
    let p = 1;
    while (p < this.size) {
      const l = p << 1;
      if (key[l] === m) {
        if (r < count[l]) {
          p = l;
          continue;
        }
        r -= count[l];
      }
      p = l + 1;
    }
    return p - this.size;
  }

  private rebuild(): void {
    const key = this.key;
    const count = this.count;
    for (let p = this.size - 1; p >= 1; p--) {
      const l = p << 1;
      const kl = key[l];
      const kr = key[l + 1];
      key[p] = kl < kr ? kl : kr;
      count[p] = (kl <= kr ? count[l] : 0) + (kr <= kl ? count[l + 1] : 0);
    }
  }
}
