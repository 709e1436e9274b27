// A binary quadratic model on TensorFlow.js: the device sums digit-weighted active terms exactly, the host scales them.

import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { CostScale } from '../../problems/maxsat/steering.js';
import type { QuadraticModel } from '../../problems/quadratic/model.js';
import { quadraticNormalizer } from '../../problems/quadratic/steering.js';
import type { BatchObjective } from '../eval-backend.js';
import { DigitTable } from './coefficient-digits.js';
import type { Tf } from './load-tfjs.js';

/** How pair terms reach the device: all-pairs matmul (small dense models) or a gather of both endpoints. */
export type QuadraticLayout = 'auto' | 'dense' | 'sparse';

/** float32 adds integers exactly while every partial sum stays within 2^24. */
const MAX_EXACT_FLOAT32 = 2 ** 24;
/** The dense program stores n² · columns floats; beyond this n the gather always wins on memory. */
const DENSE_MAX_VARS = 2048;
/**
 * Auto picks the dense program from this share of all n(n−1)/2 pairs present. Measured on the
 * pure-JS tfjs CPU backend at P = 256: the gather wins at 1% (n = 800: 109 vs 360 ms), they cross
 * between 2% and 5% (n = 250 and 800); a GPU's matmul favours the dense program further.
 */
const DENSE_MIN_DENSITY = 0.03;

/** Terms whose digit column sums (in absolute value) stay within MAX_EXACT_FLOAT32: one matmul each. */
interface Block {
  /** Gather blocks: pair endpoints; linear blocks: null (a slice of x). */
  readonly i: Tensor1D | null;
  readonly j: Tensor1D | null;
  /** Linear blocks: first variable. */
  readonly start: number;
  readonly size: number;
  /** size × columns digits; for the dense program n × (columns · n). */
  readonly digits: Tensor2D;
}

/**
 * out = (offset + Σ_k 256^k · S_k) / normalizer, where S_k sums digit k of every active term's
 * coefficient (DigitTable). S_k is a float32 matmul of 0/1 activity against digits of at most 255,
 * with blocks cut so no partial sum passes 2^24: exact on any device, even with TF32 inputs. The
 * host recombines in float64, exact for floatExact models; beyond 2^53 it rounds (finite and
 * deterministic, close to the exact cost relative to Σ|coefficients|).
 */
export class TfjsQuadraticObjective implements BatchObjective {
  readonly numVars: number;
  readonly terms: number;
  private readonly table: DigitTable;
  private readonly linear: Block[] = [];
  private readonly pairs: Block[] = [];
  /** Which program scores the pairs: 'dense' (all-pairs matmul) or 'sparse' (gather of both endpoints). */
  readonly program: 'dense' | 'sparse';
  private readonly constant: number;
  private readonly normalizer: number;
  private readonly chunkSize: number;
  private disposed = false;

  constructor(
    private readonly tf: Tf,
    model: QuadraticModel,
    scale: CostScale,
    chunkBytes: number,
    layout: QuadraticLayout,
    private readonly onDispose: (o: TfjsQuadraticObjective) => void,
  ) {
    const n = model.n;
    this.numVars = n;
    this.constant = Number(model.offset);
    this.normalizer = quadraticNormalizer(model, scale);
    this.table = new DigitTable([...model.linearExact, ...model.pairExact]);
    const K = this.table.columns;
    let linearTerms = 0;
    for (let v = 0; v < n; v++) if (model.linearExact[v] !== 0n) linearTerms++;
    this.terms = linearTerms + model.pairQ.length;
    const m = model.pairQ.length;
    const dense = layout === 'dense' || (layout === 'auto' && n <= DENSE_MAX_VARS && m >= (DENSE_MIN_DENSITY * n * (n - 1)) / 2);
    // A gathered block holds three [rows, size] floats; keep one row's within half the budget.
    const maxBlock = Math.max(1, Math.floor(chunkBytes / 2 / 12));
    this.program = 'sparse';
    try {
      if (linearTerms > 0) this.linearBlocks(model, maxBlock);
      if (m > 0 && dense && this.denseBlock(model)) this.program = 'dense';
      else if (m > 0) this.gatherBlocks(model, maxBlock);
    } catch (err) {
      this.dispose();
      throw err;
    }
    const parts = this.linear.length + this.pairs.length;
    const widest = Math.max(0, ...this.linear.map((b) => b.size), ...this.pairs.map((b) => (b.i === null ? 2 * K * n : 3 * b.size)));
    this.chunkSize = Math.max(1, Math.floor(chunkBytes / (4 * (n + widest + parts * K))));
  }

  /** Variables in runs whose digit sums stay exact: each is a slice of x times its digits. */
  private linearBlocks(model: QuadraticModel, maxBlock: number): void {
    const cut = this.cutter(maxBlock);
    let start = 0;
    for (let v = 0; v <= model.n; v++) {
      if (v < model.n && !cut(model.linearExact[v])) continue;
      if (v > start) this.linear.push(this.block(null, null, start, model.linearExact.slice(start, v)));
      start = v;
      if (v < model.n) cut(model.linearExact[v]); // opens the next block with v
    }
  }

  private gatherBlocks(model: QuadraticModel, maxBlock: number): void {
    const cut = this.cutter(maxBlock);
    const m = model.pairQ.length;
    let start = 0;
    for (let k = 0; k <= m; k++) {
      if (k < m && !cut(model.pairExact[k])) continue;
      if (k > start) this.pairs.push(this.block(model.pairI.subarray(start, k), model.pairJ.subarray(start, k), 0, model.pairExact.slice(start, k)));
      start = k;
      if (k < m) cut(model.pairExact[k]);
    }
  }

  /** All pairs as upper-triangular digit matrices side by side, when no digit sum can pass 2^24. */
  private denseBlock(model: QuadraticModel): boolean {
    const n = model.n;
    const K = this.table.columns;
    const sums = new Float64Array(K);
    const digits = new Float32Array(K);
    for (const c of model.pairExact) {
      this.table.write(c, digits, 0);
      for (let k = 0; k < K; k++) sums[k] += Math.abs(digits[k]);
    }
    if (sums.some((s) => s > MAX_EXACT_FLOAT32)) return false;
    // Column k·n + j of row i holds digit k of pair (i, j): x·U then · x sums each pair once.
    const u = new Float32Array(n * K * n);
    for (let p = 0; p < model.pairQ.length; p++) {
      this.table.write(model.pairExact[p], digits, 0);
      for (let k = 0; k < K; k++) u[model.pairI[p] * K * n + k * n + model.pairJ[p]] = digits[k];
    }
    this.pairs.push({ i: null, j: null, start: 0, size: model.pairQ.length, digits: this.tf.tensor2d(u, [n, K * n], 'float32') });
    return true;
  }

  /** A predicate that is true when the next coefficient must start a new block (it then counts it there). */
  private cutter(maxBlock: number): (c: bigint) => boolean {
    const K = this.table.columns;
    const sums = new Float64Array(K);
    const digits = new Float32Array(K);
    let size = 0;
    return (c) => {
      this.table.write(c, digits, 0);
      let fits = size < maxBlock;
      for (let k = 0; k < K && fits; k++) fits = sums[k] + Math.abs(digits[k]) <= MAX_EXACT_FLOAT32;
      if (!fits) {
        sums.fill(0);
        size = 0;
        return true;
      }
      for (let k = 0; k < K; k++) sums[k] += Math.abs(digits[k]);
      size++;
      return false;
    };
  }

  private block(i: Int32Array | null, j: Int32Array | null, start: number, coefficients: readonly bigint[]): Block {
    const K = this.table.columns;
    const size = coefficients.length;
    const digits = new Float32Array(size * K);
    coefficients.forEach((c, t) => this.table.write(c, digits, t * K));
    const tf = this.tf;
    return {
      i: i === null ? null : tf.tensor1d(i, 'int32'),
      j: j === null ? null : tf.tensor1d(j, 'int32'),
      start,
      size,
      digits: tf.tensor2d(digits, [size, K], 'float32'),
    };
  }

  async evaluate(batch: Uint8Array, count: number, out: Float64Array): Promise<void> {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`evaluate: count must be an integer >= 0, got ${count}`);
    if (batch.length < count * this.numVars) {
      throw new RangeError(`evaluate: batch holds ${batch.length} bytes, ${count} candidates need ${count * this.numVars}`);
    }
    if (out.length < count) throw new RangeError(`evaluate: out holds ${out.length} costs, ${count} needed`);
    const parts = this.linear.length + this.pairs.length;
    const K = this.table.columns;
    for (let start = 0; start < count; start += this.chunkSize) {
      if (this.disposed) throw new Error('tfjs backend: evaluate on a disposed objective');
      const rows = Math.min(this.chunkSize, count - start);
      if (parts === 0) {
        out.fill(this.constant / this.normalizer, start, start + rows);
        continue;
      }
      const sums = this.sumChunk(batch, start, rows);
      let values: Float32Array;
      try {
        values = (await sums.data()) as Float32Array;
      } finally {
        sums.dispose();
      }
      for (let j = 0, at = 0; j < rows; j++) {
        let cost = this.constant;
        for (let p = 0; p < parts; p++, at += K) cost += this.table.combine(values, at);
        out[start + j] = cost / this.normalizer;
      }
    }
  }

  /** [rows, parts · columns] float32 digit sums, block by block. */
  private sumChunk(batch: Uint8Array, start: number, rows: number): Tensor {
    const tf = this.tf;
    const n = this.numVars;
    const K = this.table.columns;
    const data = new Float32Array(rows * n);
    for (let t = 0, src = start * n; t < rows * n; t++, src++) data[t] = batch[src] !== 0 ? 1 : 0;
    return tf.tidy(() => {
      const x = tf.tensor2d(data, [rows, n], 'float32');
      const parts: Tensor[] = [];
      for (const b of this.linear) {
        parts.push(tf.tidy(() => tf.matMul(b.size === n ? x : tf.slice(x, [0, b.start], [rows, b.size]), b.digits)));
      }
      for (const b of this.pairs) {
        parts.push(
          tf.tidy(() => {
            if (b.i === null || b.j === null) {
              // Dense: y[:, k, j] = Σ_i x_i · digit_k(i, j); then Σ_j x_j · y[:, k, j].
              const y = tf.reshape(tf.matMul(x, b.digits), [rows, K, n]);
              return tf.sum(tf.mul(y, tf.reshape(x, [rows, 1, n])), 2);
            }
            const active = tf.mul(tf.gather(x, b.i, 1), tf.gather(x, b.j, 1));
            return tf.matMul(active, b.digits);
          }),
        );
      }
      return parts.length === 1 ? parts[0] : tf.concat(parts, 1);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const b of [...this.linear, ...this.pairs]) {
      b.i?.dispose();
      b.j?.dispose();
      b.digits.dispose();
    }
    this.onDispose(this);
  }
}
