// A binary problem as a block objective: logits x, assignment x > 0, candidate costs by exact move deltas.

import type { BlockObjective } from '../../optimizer/block-objective.js';
import type { BinaryEvaluator } from '../../problems/binary-evaluator.js';

/** Most variables one particle (block) may hold: probes are enumerated as 2^len masks. */
export const MAX_BLOCK = 12;

export interface CandidateRecord {
  readonly cost: number;
  readonly start: number;
  readonly mask: number;
}

/**
 * The relaxation the paper applies to MAX-SAT, for any family with a BinaryEvaluator: a particle's
 * coordinates are logits whose signs are the assignment; a probe's cost is the current cost plus
 * the exact delta of the flips it implies. The optimizer never learns what the problem is.
 */
export class BinaryRelaxation implements BlockObjective {
  readonly dim: number;
  private readonly deltas = new Float64Array(3);
  private readonly masks = new Int32Array(1 << MAX_BLOCK);
  private readonly memo = new Float64Array(1 << MAX_BLOCK);
  private readonly memoStamp = new Int32Array(1 << MAX_BLOCK);
  private readonly flipVars = new Int32Array(MAX_BLOCK);
  private stamp = 0;
  private best: CandidateRecord | null = null;

  constructor(
    /** The current assignment is sign(x); its evaluator accepts blocks of MAX_BLOCK flips. */
    readonly cost: BinaryEvaluator,
    /** Divides steering costs (MAX-SAT 'fraction': into [0, 1] for feasible points). */
    readonly normalizer: number,
  ) {
    this.dim = cost.assignment.length;
  }

  /** Normalised steering cost of the current assignment. */
  get value(): number {
    return this.cost.cost / this.normalizer;
  }

  /** Moves the assignment to sign(x), flipping only the variables that changed. */
  setPoint(x: Float64Array): void {
    const a = this.cost.assignment;
    for (let v = 0; v < this.dim; v++) {
      if ((x[v] > 0 ? 1 : 0) !== a[v]) this.cost.flip(v);
    }
  }

  /** The cheapest candidate evaluated since the last call, relative to the current assignment. */
  takeBestCandidate(): CandidateRecord | null {
    const best = this.best;
    this.best = null;
    return best;
  }

  evaluateBlock(start: number, len: number, points: Float64Array, count: number, out: Float64Array): void {
    if (len > MAX_BLOCK) throw new RangeError(`blocks hold at most ${MAX_BLOCK} variables`);
    const a = this.cost.assignment;
    let needed = 0;
    for (let j = 0; j < count; j++) {
      let mask = 0;
      for (let d = 0; d < len; d++) mask |= ((points[j * len + d] > 0 ? 1 : 0) ^ a[start + d]) << d;
      this.masks[j] = mask;
      needed |= 1 << (mask & 31);
    }
    const base = this.cost.cost;
    if (len === 2) this.pairDeltas(start, needed);
    else this.stamp++;
    for (let j = 0; j < count; j++) {
      const mask = this.masks[j];
      const delta = mask === 0 ? 0 : len === 2 ? this.deltas[mask - 1] : this.generalDelta(start, len, mask);
      const value = (base + delta) / this.normalizer;
      out[j] = value;
      if (delta < 0 && (this.best === null || value < this.best.cost)) this.best = { cost: value, start, mask };
    }
  }

  /** deltas[0..2] = flip first, flip second, flip both; only what the probes need. */
  private pairDeltas(start: number, needed: number): void {
    if ((needed & 8) !== 0 || (needed & 6) === 6) {
      this.cost.pairDeltas(start, start + 1, this.deltas);
      return;
    }
    if ((needed & 2) !== 0) this.deltas[0] = this.cost.flipDelta(start);
    if ((needed & 4) !== 0) this.deltas[1] = this.cost.flipDelta(start + 1);
  }

  private generalDelta(start: number, len: number, mask: number): number {
    if (this.memoStamp[mask] === this.stamp) return this.memo[mask];
    let k = 0;
    for (let d = 0; d < len; d++) if ((mask >> d) & 1) this.flipVars[k++] = start + d;
    const delta = k === 1 ? this.cost.flipDelta(this.flipVars[0]) : this.cost.multiFlipDelta(this.flipVars, k);
    this.memo[mask] = delta;
    this.memoStamp[mask] = this.stamp;
    return delta;
  }
}
