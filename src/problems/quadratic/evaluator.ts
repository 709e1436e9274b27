// Local fields over a binary quadratic model: O(1) flip deltas, O(deg) flips, exact cost on demand.

import type { BinaryEvaluator } from '../binary-evaluator.js';
import type { QuadraticModel } from './model.js';
import { pairCoefficient, quadraticCost } from './quadratic-cost.js';

/**
 * Keeps field[v] = linear[v] + Σ_{u adj v} q_uv·x_u, so flipping v changes the cost by
 * (1 − 2x_v)·field[v]. A flip touches v's neighbours only. Pair coefficients for `pairDeltas`
 * come from a binary search in the sorted adjacency row (O(log deg)), no hash table.
 *
 * When `model.floatExact` every field and cost is an exact double, so `exactCost` is free;
 * otherwise the floats may drift (call `resync` now and then) and `exactCost` recounts in bigints.
 */
export class QuadraticEvaluator implements BinaryEvaluator {
  readonly assignment: Uint8Array;
  /** Read-only for callers (hot loops read it directly): field[v] as above. */
  readonly field: Float64Array;
  private costValue = 0;
  /** ±1 per variable in the current multiFlipDelta call, 0 elsewhere; all zero between calls. */
  private readonly mark: Int8Array;

  constructor(
    readonly model: QuadraticModel,
    initial?: Uint8Array,
  ) {
    if (initial !== undefined && initial.length !== model.n) {
      throw new RangeError(`initial assignment has ${initial.length} values for ${model.n} variables`);
    }
    this.assignment = initial === undefined ? new Uint8Array(model.n) : Uint8Array.from(initial, (b) => (b === 0 ? 0 : 1));
    this.field = new Float64Array(model.n);
    this.mark = new Int8Array(model.n);
    this.resync();
  }

  get cost(): number {
    return this.costValue;
  }

  /** Recomputes fields and cost from the model: clears any float drift. O(n + pairs). */
  resync(): void {
    const { n, linear, adjStart, adjVar, adjQ } = this.model;
    const x = this.assignment;
    let cost = Number(this.model.offset);
    for (let v = 0; v < n; v++) {
      let f = linear[v];
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) if (x[adjVar[p]] === 1) f += adjQ[p];
      this.field[v] = f;
      // each pair is counted from both ends when both are 1, so halve the pair part
      if (x[v] === 1) cost += linear[v] + (f - linear[v]) / 2;
    }
    this.costValue = cost;
  }

  flipDelta(v: number): number {
    return this.assignment[v] === 1 ? -this.field[v] : this.field[v];
  }

  flip(v: number): void {
    const x = this.assignment;
    const { adjStart, adjVar, adjQ } = this.model;
    const up = x[v] === 0;
    this.costValue += up ? this.field[v] : -this.field[v];
    x[v] = up ? 1 : 0;
    const field = this.field;
    if (up) {
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) field[adjVar[p]] += adjQ[p];
    } else {
      for (let p = adjStart[v]; p < adjStart[v + 1]; p++) field[adjVar[p]] -= adjQ[p];
    }
  }

  pairDeltas(a: number, b: number, out: Float64Array): void {
    const da = this.flipDelta(a);
    const db = this.flipDelta(b);
    const sa = 1 - 2 * this.assignment[a];
    const sb = 1 - 2 * this.assignment[b];
    out[0] = da;
    out[1] = db;
    out[2] = da + db + sa * sb * pairCoefficient(this.model, a, b);
  }

  /**
   * Σ single deltas + Σ_{a<b in the set} s_a·s_b·q_ab (s = 1 − 2x). The corrections come from
   * scanning the set's adjacency rows against a mark array (O(Σ deg)) or from binary searches
   * (O(k² log deg)), whichever is cheaper for this set.
   */
  multiFlipDelta(vars: Int32Array, count: number): number {
    const { adjStart, adjVar, adjQ } = this.model;
    let delta = 0;
    let degrees = 0;
    for (let t = 0; t < count; t++) {
      delta += this.flipDelta(vars[t]);
      degrees += adjStart[vars[t] + 1] - adjStart[vars[t]];
    }
    if (count < 2) return delta;
    const searches = (count * (count - 1)) / 2 * Math.max(1, Math.log2(1 + degrees / count));
    if (searches < degrees) return delta + this.correctionsBySearch(vars, count);
    const mark = this.mark;
    for (let t = 0; t < count; t++) mark[vars[t]] = 1 - 2 * this.assignment[vars[t]];
    let correction = 0;
    for (let t = 0; t < count; t++) {
      const a = vars[t];
      for (let p = adjStart[a]; p < adjStart[a + 1]; p++) {
        const u = adjVar[p];
        if (u > a && mark[u] !== 0) correction += mark[a] * mark[u] * adjQ[p];
      }
    }
    for (let t = 0; t < count; t++) mark[vars[t]] = 0;
    return delta + correction;
  }

  /** The exact cost of the current assignment: the float when it is exact, else a bigint recount. */
  exactCost(): bigint {
    return this.model.floatExact ? BigInt(this.costValue) : quadraticCost(this.model, this.assignment);
  }

  private correctionsBySearch(vars: Int32Array, count: number): number {
    const x = this.assignment;
    let correction = 0;
    for (let s = 0; s < count; s++) {
      for (let t = s + 1; t < count; t++) {
        const q = pairCoefficient(this.model, vars[s], vars[t]);
        if (q !== 0) correction += (1 - 2 * x[vars[s]]) * (1 - 2 * x[vars[t]]) * q;
      }
    }
    return correction;
  }
}
