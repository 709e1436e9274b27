// The scanning move index: one pass over a key array per choice, O(n), with O(deg) upkeep per flip.

import type { Rng } from '../../common/rng.js';
import type { QuadraticEvaluator } from '../../problems/quadratic/evaluator.js';
import type { MoveIndex } from './move-index.js';

/**
 * key[v] is v's flip delta while v is free and +∞ while it is tabu, so the pass over the free
 * variables is a branch-light minimum over one Float64Array. The tabu variables (a tenure's
 * worth) sit in a small dense list, scanned separately for aspiration. Cheapest where a flip
 * touches a large share of the variables anyway: small dense models.
 */
export class ScanMoves implements MoveIndex {
  readonly tabu: Uint8Array;
  private readonly key: Float64Array;
  private readonly held: Int32Array;
  private readonly heldAt: Int32Array;
  private heldCount = 0;
  private readonly ties: Int32Array;

  constructor(private readonly evaluator: QuadraticEvaluator) {
    const n = evaluator.model.n;
    this.tabu = new Uint8Array(n);
    this.key = new Float64Array(n);
    this.held = new Int32Array(n);
    this.heldAt = new Int32Array(n);
    this.ties = new Int32Array(n);
    this.refresh();
  }

  refresh(): void {
    for (let v = 0; v < this.key.length; v++) this.key[v] = this.tabu[v] === 1 ? Number.POSITIVE_INFINITY : this.evaluator.flipDelta(v);
  }

  flipped(v: number): void {
    const { adjStart, adjVar } = this.evaluator.model;
    const x = this.evaluator.assignment;
    const field = this.evaluator.field;
    const key = this.key;
    const tabu = this.tabu;
    if (tabu[v] === 0) key[v] = x[v] === 1 ? -field[v] : field[v];
    for (let p = adjStart[v]; p < adjStart[v + 1]; p++) {
      const u = adjVar[p];
      if (tabu[u] === 0) key[u] = x[u] === 1 ? -field[u] : field[u];
    }
  }

  setTabu(v: number, tabu: boolean): void {
    if ((this.tabu[v] === 1) === tabu) return;
    this.tabu[v] = tabu ? 1 : 0;
    if (tabu) {
      this.key[v] = Number.POSITIVE_INFINITY;
      this.heldAt[v] = this.heldCount;
      this.held[this.heldCount++] = v;
    } else {
      this.key[v] = this.evaluator.flipDelta(v);
      const last = this.held[--this.heldCount];
      this.held[this.heldAt[v]] = last;
      this.heldAt[last] = this.heldAt[v];
    }
  }

  choose(rng: Rng, aspireBelow: number): number {
    const key = this.key;
    const ties = this.ties;
    let best = Number.POSITIVE_INFINITY;
    let count = 0;
    for (let v = 0; v < key.length; v++) {
      const k = key[v];
      if (k > best) continue;
      if (k < best) {
        best = k;
        count = 0;
      }
      ties[count++] = v;
    }
    // Among the tabu variables: the least delta, ties drawn by reservoir sampling (the list is short).
    let heldBest = Number.POSITIVE_INFINITY;
    let heldChoice = -1;
    let heldTies = 0;
    for (let t = 0; t < this.heldCount; t++) {
      const v = this.held[t];
      const d = this.evaluator.flipDelta(v);
      if (d < heldBest) {
        heldBest = d;
        heldChoice = v;
        heldTies = 1;
      } else if (d === heldBest && rng.below(++heldTies) === 0) {
        heldChoice = v;
      }
    }
    if (heldChoice >= 0 && ((heldBest < aspireBelow && heldBest < best) || best === Number.POSITIVE_INFINITY)) return heldChoice;
    return count === 0 ? -1 : ties[rng.below(count)];
  }
}
