// The tree move index: free and tabu deltas in two tournament trees, O(deg · log n) per flip, any coefficients.

import type { Rng } from '../../common/rng.js';
import type { QuadraticEvaluator } from '../../problems/quadratic/evaluator.js';
import { MinCountTree } from './min-count-tree.js';
import type { MoveIndex } from './move-index.js';

/** A variable's leaf holds its delta in the tree of its state and +∞ in the other. */
export class TreeMoves implements MoveIndex {
  readonly tabu: Uint8Array;
  private readonly free: MinCountTree;
  private readonly held: MinCountTree;
  /** Leaf values while loading a tree in O(n). */
  private readonly scratch: Float64Array;

  constructor(private readonly evaluator: QuadraticEvaluator) {
    const n = evaluator.model.n;
    this.tabu = new Uint8Array(n);
    this.free = new MinCountTree(n);
    this.held = new MinCountTree(n);
    this.scratch = new Float64Array(n);
    this.refresh();
  }

  refresh(): void {
    this.load(this.free, 0);
    this.load(this.held, 1);
  }

  flipped(v: number): void {
    const { adjStart, adjVar } = this.evaluator.model;
    this.update(v);
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) this.update(adjVar[p]);
  }

  setTabu(v: number, tabu: boolean): void {
    if ((this.tabu[v] === 1) === tabu) return;
    this.tabu[v] = tabu ? 1 : 0;
    const d = this.evaluator.flipDelta(v);
    (tabu ? this.free : this.held).set(v, Number.POSITIVE_INFINITY);
    (tabu ? this.held : this.free).set(v, d);
  }

  choose(rng: Rng, aspireBelow: number): number {
    const freeMin = this.free.min;
    const heldMin = this.held.min;
    if (heldMin < aspireBelow && heldMin < freeMin) return this.held.pick(rng);
    if (freeMin < Number.POSITIVE_INFINITY) return this.free.pick(rng);
    return heldMin < Number.POSITIVE_INFINITY ? this.held.pick(rng) : -1;
  }

  /** Loads the deltas of the variables whose tabu flag is `state`, +∞ for the others. */
  private load(tree: MinCountTree, state: number): void {
    const keys = this.scratch;
    for (let v = 0; v < keys.length; v++) keys[v] = this.tabu[v] === state ? this.evaluator.flipDelta(v) : Number.POSITIVE_INFINITY;
    tree.load(keys);
  }

  private update(u: number): void {
    const x = this.evaluator.assignment;
    const f = this.evaluator.field[u];
    (this.tabu[u] === 0 ? this.free : this.held).set(u, x[u] === 1 ? -f : f);
  }
}
