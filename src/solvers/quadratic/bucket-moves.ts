// The bucket move index: deltas that are small exact integers (unit-weight Max-Cut) in buckets, O(deg) per flip.

import type { Rng } from '../../common/rng.js';
import type { QuadraticEvaluator } from '../../problems/quadratic/evaluator.js';
import { DeltaBuckets } from './delta-buckets.js';
import type { MoveIndex } from './move-index.js';

/**
 * Needs exact integer deltas (a float-exact model): with `bound` the largest reach, delta d
 * lives in bucket d + bound, and variable v only ever in buckets bound ± reach[v]. Free and tabu
 * variables sit in two bucket sets, so both the least free delta and the least tabu delta (for
 * aspiration) are O(1) to find.
 */
export class BucketMoves implements MoveIndex {
  readonly tabu: Uint8Array;
  private readonly free: DeltaBuckets;
  private readonly held: DeltaBuckets;
  private readonly bound: number;

  /** `reach` from deltaReach(model); every entry an integer, their maximum `bound`. */
  constructor(
    private readonly evaluator: QuadraticEvaluator,
    reach: Float64Array,
  ) {
    const n = evaluator.model.n;
    let bound = 0;
    for (let v = 0; v < n; v++) bound = Math.max(bound, reach[v]);
    this.bound = bound;
    this.tabu = new Uint8Array(n);
    const lowest = new Int32Array(n);
    const highest = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      lowest[v] = bound - reach[v];
      highest[v] = bound + reach[v];
    }
    this.free = new DeltaBuckets(lowest, highest, 2 * bound + 1);
    this.held = new DeltaBuckets(lowest, highest, 2 * bound + 1);
    for (let v = 0; v < n; v++) this.free.insert(v, this.bucketOf(v));
  }

  refresh(): void {
    for (let v = 0; v < this.tabu.length; v++) this.update(v);
  }

  flipped(v: number): void {
    const { adjStart, adjVar } = this.evaluator.model;
    this.update(v);
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) this.update(adjVar[p]);
  }

  setTabu(v: number, tabu: boolean): void {
    if ((this.tabu[v] === 1) === tabu) return;
    this.tabu[v] = tabu ? 1 : 0;
    (tabu ? this.free : this.held).remove(v);
    (tabu ? this.held : this.free).insert(v, this.bucketOf(v));
  }

  choose(rng: Rng, aspireBelow: number): number {
    const empty = 2 * this.bound + 1;
    const freeLeast = this.free.least;
    const heldLeast = this.held.least;
    if (heldLeast < empty && heldLeast - this.bound < aspireBelow && heldLeast < freeLeast) return this.held.pick(rng);
    if (freeLeast < empty) return this.free.pick(rng);
    return heldLeast < empty ? this.held.pick(rng) : -1;
  }

  private bucketOf(v: number): number {
    const f = this.evaluator.field[v];
    return (this.evaluator.assignment[v] === 1 ? -f : f) + this.bound;
  }

  private update(u: number): void {
    (this.tabu[u] === 0 ? this.free : this.held).move(u, this.bucketOf(u));
  }
}
