// The binary relaxation for focused PolyStep steps: pairs of logits, variables re-paired on demand, moves journaled.

import type { BlockObjective } from '../../optimizer/block-objective.js';
import type { BinaryEvaluator } from '../../problems/binary-evaluator.js';

/**
 * Like BinaryRelaxation (a coordinate's sign is a variable's value, a probe costs the current cost
 * plus the exact delta of the flips it implies), for particles of two coordinates, with two
 * differences that keep every focused step free of O(n) work:
 *
 * - Coordinates are not tied to variables: coordinate i holds the logit of variable `varAt[i]`,
 *   and `pair(u, w, x)` swaps coordinates (logit and variable together, so the assignment does
 *   not change) until u and w share a particle. A focused step can then probe any two variables
 *   worth moving together, not a variable and whichever neighbour its index gave it.
 * - `setBlock` flips only the moved particle's variables, through the evaluator, and appends
 *   every flip to a journal the session uses to materialise bests lazily.
 *
 * Probes that leave both variables as they are pay `stayCost` (in steering units): without it a
 * particle among equally good moves sits at the orthoplex's symmetric barycentre and never moves.
 * The optimizer still sees only numbers.
 */
export class FocusedRelaxation implements BlockObjective {
  readonly dim: number;
  /** Coordinate → variable. */
  private readonly varAt: Int32Array;
  /** Variable → coordinate. */
  private readonly posOf: Int32Array;
  private readonly deltas = new Float64Array(3);
  /** Steering surcharge on probes that flip nothing. */
  stayCost = 0;
  /** Variables flipped since the last `clearJournal`, in order. */
  readonly journal: Int32Array;
  private journalLength = 0;

  constructor(
    readonly cost: BinaryEvaluator,
    /** Divides steering costs (as BinaryRelaxation). */
    readonly normalizer: number,
    /** Most flips between two `clearJournal` calls. */
    journalCapacity: number,
  ) {
    this.dim = cost.assignment.length;
    this.varAt = Int32Array.from({ length: this.dim }, (_, i) => i);
    this.posOf = Int32Array.from(this.varAt);
    this.journal = new Int32Array(journalCapacity);
  }

  /** Normalised steering cost of the current assignment. */
  get value(): number {
    return this.cost.cost / this.normalizer;
  }

  get journaled(): number {
    return this.journalLength;
  }

  clearJournal(): void {
    this.journalLength = 0;
  }

  /** The variable whose logit coordinate i holds. */
  variableAt(i: number): number {
    return this.varAt[i];
  }

  /** The coordinate holding variable v's logit. */
  positionOf(v: number): number {
    return this.posOf[v];
  }

  /**
   * Makes variables u and w (u ≠ w) share a particle by swapping coordinates of x (and of the
   * mapping) — the assignment is unchanged — and returns that particle. O(1).
   */
  pair(u: number, w: number, x: Float64Array): number {
    let pu = this.posOf[u];
    let pw = this.posOf[w];
    if ((pu >> 1) === (pw >> 1)) return pu >> 1;
    if ((pu ^ 1) >= this.dim) {
      // u sits alone in the last particle (odd n): bring u next to w instead
      [u, w, pu, pw] = [w, u, pw, pu];
    }
    this.swap(pu ^ 1, pw, x);
    return pu >> 1;
  }

  private swap(i: number, j: number, x: Float64Array): void {
    const vi = this.varAt[i];
    const vj = this.varAt[j];
    this.varAt[i] = vj;
    this.varAt[j] = vi;
    this.posOf[vj] = i;
    this.posOf[vi] = j;
    const t = x[i];
    x[i] = x[j];
    x[j] = t;
  }

  /** Moves the assignment to sign(x) everywhere: O(n), the fallback of optimizers without setBlock. */
  setPoint(x: Float64Array): void {
    for (let i = 0; i < this.dim; i++) this.follow(i, x[i]);
  }

  /** Only coordinates [start, start + len) changed: flips (and journals) the variables whose sign did. */
  setBlock(start: number, len: number, x: Float64Array): void {
    for (let i = start; i < start + len; i++) this.follow(i, x[i]);
  }

  private follow(i: number, xi: number): void {
    const v = this.varAt[i];
    if ((xi > 0 ? 1 : 0) === this.cost.assignment[v]) return;
    this.cost.flip(v);
    if (this.journalLength < this.journal.length) this.journal[this.journalLength++] = v;
    else throw new RangeError('focused relaxation journal overflow: clear it more often');
  }

  evaluateBlock(start: number, len: number, points: Float64Array, count: number, out: Float64Array): void {
    if (len > 2) throw new RangeError(`focused blocks hold at most 2 variables, got ${len}`);
    const a = this.cost.assignment;
    const u = this.varAt[start];
    const w = len === 2 ? this.varAt[start + 1] : -1;
    const base = this.cost.cost;
    let needed = 0;
    for (let j = 0; j < count; j++) {
      const mask = ((points[j * len] > 0 ? 1 : 0) ^ a[u]) | (len === 2 ? ((points[j * len + 1] > 0 ? 1 : 0) ^ a[w]) << 1 : 0);
      needed |= 1 << mask;
      out[j] = mask; // replaced by the cost below
    }
    const d = this.deltas;
    if ((needed & 8) !== 0 || (needed & 6) === 6) this.cost.pairDeltas(u, w, d);
    else {
      if ((needed & 2) !== 0) d[0] = this.cost.flipDelta(u);
      if ((needed & 4) !== 0) d[1] = this.cost.flipDelta(w);
    }
    for (let j = 0; j < count; j++) {
      const mask = out[j];
      out[j] = (mask === 0 ? base + this.stayCost : base + d[mask - 1]) / this.normalizer;
    }
  }
}
