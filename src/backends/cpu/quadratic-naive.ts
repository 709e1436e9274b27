// The obvious per-candidate loop over a quadratic model: the baseline the bit-sliced kernel is measured and checked against.

import type { CostScale } from '../../problems/maxsat/steering.js';
import type { QuadraticModel } from '../../problems/quadratic/model.js';
import { quadraticNormalizer } from '../../problems/quadratic/steering.js';
import type { BatchObjective } from '../eval-backend.js';

/**
 * For each candidate, for each true x_i: linear[i] plus the coefficients of i's later neighbours
 * that are true (each pair once, from its lower end). O(n + pairs) per candidate, one byte load
 * and one branch per pair; exact in the same cases as the kernel (floatExact: integer sums < 2^53).
 */
export class NaiveQuadraticObjective implements BatchObjective {
  readonly numVars: number;
  readonly terms: number;
  private readonly start: Uint32Array;
  private readonly next: Int32Array;
  private readonly q: Float64Array;
  private readonly linear: Float64Array;
  private readonly constant: number;
  private readonly normalizer: number;

  constructor(model: QuadraticModel, scale: CostScale = 'fraction') {
    const n = model.n;
    this.numVars = n;
    this.terms = model.linear.filter((c) => c !== 0).length + model.pairQ.length;
    this.linear = model.linear;
    this.constant = Number(model.offset);
    this.normalizer = quadraticNormalizer(model, scale);
    // Pairs are sorted by (i, j), so each variable's upper row is one run of the pair arrays.
    this.start = new Uint32Array(n + 1);
    for (let k = 0; k < model.pairI.length; k++) this.start[model.pairI[k] + 1]++;
    for (let v = 0; v < n; v++) this.start[v + 1] += this.start[v];
    this.next = model.pairJ;
    this.q = model.pairQ;
  }

  async evaluate(batch: Uint8Array, count: number, out: Float64Array): Promise<void> {
    const n = this.numVars;
    if (batch.length < count * n || out.length < count) throw new RangeError(`batch or out too short for ${count} candidates`);
    for (let j = 0; j < count; j++) out[j] = (this.constant + this.costOf(batch, j * n)) / this.normalizer;
  }

  private costOf(batch: Uint8Array, row: number): number {
    const { start, next, q, linear } = this;
    let cost = 0;
    for (let i = 0; i < this.numVars; i++) {
      if (batch[row + i] === 0) continue;
      cost += linear[i];
      for (let p = start[i]; p < start[i + 1]; p++) if (batch[row + next[p]] !== 0) cost += q[p];
    }
    return cost;
  }

  dispose(): void {}
}
