// Tabu tenures: when each held variable becomes free again, released in O(1) amortised per iteration.

import type { MoveIndex } from './move-index.js';

/**
 * Variable v, held at iteration i for t iterations, may not move (aspiration aside) at iterations
 * i+1 … i+t and is freed at the start of iteration i+t+1. Release times sit in a ring of lists,
 * one per iteration mod (maxTenure + 2); holding a variable again leaves its older entry stale,
 * and a stale entry is recognised by its release time no longer matching.
 */
export class TabuList {
  private readonly freeAt: Float64Array;
  private readonly ring: number[][];

  constructor(
    private readonly index: MoveIndex,
    readonly maxTenure: number,
  ) {
    this.freeAt = new Float64Array(index.tabu.length);
    this.ring = Array.from({ length: maxTenure + 2 }, () => []);
  }

  /** Frees the variables whose tenure ended before iteration `iteration`. */
  release(iteration: number): void {
    const slot = this.ring[iteration % this.ring.length];
    if (slot.length === 0) return;
    for (let k = 0; k < slot.length; k++) {
      const v = slot[k];
      if (this.freeAt[v] === iteration) this.index.setTabu(v, false);
    }
    slot.length = 0;
  }

  /** Makes v tabu for the `tenure` iterations after `iteration` (1 ≤ tenure ≤ maxTenure). */
  hold(v: number, iteration: number, tenure: number): void {
    const at = iteration + tenure + 1;
    this.freeAt[v] = at;
    this.ring[at % this.ring.length].push(v);
    this.index.setTabu(v, true);
  }
}
