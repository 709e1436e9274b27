// Builds a QuadraticModel from loose terms: folds, merges and sorts pairs exactly, with typed arrays only.

import type { QuadraticModel } from './model.js';

/** Coefficients up to 2^52 in magnitude take the float path: two of them sum exactly. */
const SMALL = 2 ** 52;
const TWO_53 = 2 ** 53;

/** A term coefficient: an integer, as a number (any integer-valued double) or a bigint. */
export type Coefficient = number | bigint;

/**
 * Collects `offset`, linear and pair terms in any order, duplicates and zeros included, and builds
 * the canonical model: pairs i < j sorted by (i, j), each once, no zero stored. Terms live in
 * growable typed arrays (16 bytes a pair); a coefficient beyond 2^52 goes to a side map as a
 * bigint, so no sum is ever rounded. Sorting is two stable counting passes (by j, then by i):
 * O(pairs + n), no comparisons and no per-pair objects until the exact copies are made.
 */
export class QuadraticModelBuilder {
  private pairs = 0;
  private pi: Int32Array;
  private pj: Int32Array;
  /** NaN marks a coefficient kept in `bigPairs`. */
  private pq: Float64Array;
  private readonly bigPairs = new Map<number, bigint>();
  private readonly linear: Float64Array;
  private readonly bigLinear = new Map<number, bigint>();
  private offset = 0n;

  constructor(
    readonly n: number,
    pairCapacity = 16,
  ) {
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) throw new RangeError(`variable count ${n} is not in 0..2^31-1`);
    const capacity = Math.max(1, Math.floor(pairCapacity));
    this.pi = new Int32Array(capacity);
    this.pj = new Int32Array(capacity);
    this.pq = new Float64Array(capacity);
    this.linear = new Float64Array(n);
  }

  addOffset(c: Coefficient): void {
    this.offset += typeof c === 'bigint' ? c : BigInt(integer(c));
  }

  addLinear(v: number, c: Coefficient): void {
    this.checkVar(v);
    const small = smallOrNull(c);
    if (small === null) {
      this.spillLinear(v, exact(c));
      return;
    }
    const sum = this.linear[v] + small; // both ≤ 2^52 in magnitude: exact
    if (Math.abs(sum) > SMALL) {
      this.spillLinear(v, BigInt(sum));
      this.linear[v] = 0;
    } else {
      this.linear[v] = sum;
    }
  }

  /** c·x_i·x_j; i = j is the linear term c·x_i (x² = x), i > j is folded to (j, i). */
  addPair(i: number, j: number, c: Coefficient): void {
    this.checkVar(i);
    this.checkVar(j);
    if (i === j) {
      this.addLinear(i, c);
      return;
    }
    if (this.pairs === this.pi.length) this.grow();
    const k = this.pairs++;
    this.pi[k] = i < j ? i : j;
    this.pj[k] = i < j ? j : i;
    const small = smallOrNull(c);
    if (small !== null) {
      this.pq[k] = small;
    } else {
      this.pq[k] = NaN;
      this.bigPairs.set(k, exact(c));
    }
  }

  build(): QuadraticModel {
    const n = this.n;
    const order = sortedOrder(this.pi, this.pj, this.pairs, n);
    const merged = this.merge(order);
    const linearExact: bigint[] = new Array<bigint>(n);
    const linear = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      const spill = this.bigLinear.get(v);
      linearExact[v] = spill === undefined ? BigInt(this.linear[v]) : spill + BigInt(this.linear[v]);
      linear[v] = Number(linearExact[v]);
    }
    const { pairI, pairJ, pairQ, pairExact } = merged;
    // A float sum of non-negative terms is below 2^53 exactly when the true sum is (rounding is monotone).
    let absSum = Math.abs(Number(this.offset));
    let negativeSum = 0;
    for (let v = 0; v < n; v++) {
      absSum += Math.abs(linear[v]);
      if (linear[v] < 0) negativeSum += linear[v];
    }
    for (let k = 0; k < pairQ.length; k++) {
      absSum += Math.abs(pairQ[k]);
      if (pairQ[k] < 0) negativeSum += pairQ[k];
    }
    const floatExact = absSum < TWO_53;
    const lowerBound = this.offset + (floatExact ? BigInt(negativeSum) : exactNegativeSum(linearExact, pairExact));
    const { adjStart, adjVar, adjQ } = adjacency(n, pairI, pairJ, pairQ);
    return { n, offset: this.offset, linearExact, linear, pairI, pairJ, pairExact, pairQ, adjStart, adjVar, adjQ, floatExact, lowerBound };
  }

  /** Sums runs of equal (i, j) exactly and drops zero sums. */
  private merge(order: Int32Array): { pairI: Int32Array; pairJ: Int32Array; pairQ: Float64Array; pairExact: bigint[] } {
    const total = order.length;
    const pairI = new Int32Array(total);
    const pairJ = new Int32Array(total);
    const pairQ = new Float64Array(total);
    const pairExact: bigint[] = [];
    let out = 0;
    for (let s = 0; s < total; ) {
      const i = this.pi[order[s]];
      const j = this.pj[order[s]];
      let partial = 0;
      let spill = 0n;
      for (; s < total && this.pi[order[s]] === i && this.pj[order[s]] === j; s++) {
        const q = this.pq[order[s]];
        if (Number.isNaN(q)) {
          spill += this.bigPairs.get(order[s]) as bigint;
          continue;
        }
        partial += q;
        if (Math.abs(partial) > SMALL) {
          spill += BigInt(partial);
          partial = 0;
        }
      }
      const sum = spill + BigInt(partial);
      if (sum === 0n) continue;
      pairI[out] = i;
      pairJ[out] = j;
      pairQ[out] = Number(sum);
      pairExact.push(sum);
      out++;
    }
    return { pairI: pairI.slice(0, out), pairJ: pairJ.slice(0, out), pairQ: pairQ.slice(0, out), pairExact };
  }

  private spillLinear(v: number, c: bigint): void {
    this.bigLinear.set(v, (this.bigLinear.get(v) ?? 0n) + c);
  }

  private checkVar(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v >= this.n) throw new RangeError(`variable ${v} is outside 0..${this.n - 1}`);
  }

  private grow(): void {
    const size = this.pi.length * 2;
    const pi = new Int32Array(size);
    const pj = new Int32Array(size);
    const pq = new Float64Array(size);
    pi.set(this.pi);
    pj.set(this.pj);
    pq.set(this.pq);
    [this.pi, this.pj, this.pq] = [pi, pj, pq];
  }
}

/** A model from `[i, j, c]` triplets (0-based; i = j is a linear term) and an offset. */
export function buildQuadraticModel(n: number, triplets: Iterable<readonly [number, number, Coefficient]>, offset: Coefficient = 0n): QuadraticModel {
  const builder = new QuadraticModelBuilder(n);
  builder.addOffset(offset);
  for (const [i, j, c] of triplets) builder.addPair(i, j, c);
  return builder.build();
}

function integer(c: number): number {
  if (!Number.isInteger(c)) throw new RangeError(`coefficient ${c} is not an integer`);
  return c;
}

function smallOrNull(c: Coefficient): number | null {
  if (typeof c === 'bigint') return c >= -BigInt(SMALL) && c <= BigInt(SMALL) ? Number(c) : null;
  return Math.abs(integer(c)) <= SMALL ? c + 0 : null; // + 0 turns −0 into 0
}

function exact(c: Coefficient): bigint {
  return typeof c === 'bigint' ? c : BigInt(c);
}

/** Indices 0..count sorted by (i, j): a stable counting pass by j, then one by i. */
function sortedOrder(pi: Int32Array, pj: Int32Array, count: number, n: number): Int32Array {
  const byJ = new Int32Array(count);
  const next = new Uint32Array(n + 1);
  for (let k = 0; k < count; k++) next[pj[k] + 1]++;
  for (let v = 0; v < n; v++) next[v + 1] += next[v];
  for (let k = 0; k < count; k++) byJ[next[pj[k]]++] = k;
  next.fill(0);
  for (let k = 0; k < count; k++) next[pi[k] + 1]++;
  for (let v = 0; v < n; v++) next[v + 1] += next[v];
  const order = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const k = byJ[t];
    order[next[pi[k]]++] = k;
  }
  return order;
}

function exactNegativeSum(linearExact: readonly bigint[], pairExact: readonly bigint[]): bigint {
  let sum = 0n;
  for (const c of linearExact) if (c < 0n) sum += c;
  for (const c of pairExact) if (c < 0n) sum += c;
  return sum;
}

/** CSR in both directions; each row comes out sorted by neighbour because pairs are sorted by (i, j). */
function adjacency(n: number, pairI: Int32Array, pairJ: Int32Array, pairQ: Float64Array): Pick<QuadraticModel, 'adjStart' | 'adjVar' | 'adjQ'> {
  const adjStart = new Uint32Array(n + 1);
  for (let k = 0; k < pairI.length; k++) {
    adjStart[pairI[k] + 1]++;
    adjStart[pairJ[k] + 1]++;
  }
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v];
  const next = adjStart.slice(0, n);
  const adjVar = new Int32Array(2 * pairI.length);
  const adjQ = new Float64Array(2 * pairI.length);
  for (let k = 0; k < pairI.length; k++) {
    const i = pairI[k];
    const j = pairJ[k];
    adjVar[next[i]] = j;
    adjQ[next[i]++] = pairQ[k];
    adjVar[next[j]] = i;
    adjQ[next[j]++] = pairQ[k];
  }
  return { adjStart, adjVar, adjQ };
}
