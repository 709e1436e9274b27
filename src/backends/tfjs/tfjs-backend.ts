// Batch evaluation on TensorFlow.js: gather literal values per clause, any-reduce, count falsified clauses (quadratic models: quadratic-program.ts).

import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { steering } from '../../problems/maxsat/steering.js';
import type { BatchObjective, BatchProblem, EvalBackend, PrepareOptions } from '../eval-backend.js';
import { loadTfjs, type LoadedTfjs, type Tf, type TfjsFlavour } from './load-tfjs.js';
import { TfjsQuadraticObjective, type QuadraticLayout } from './quadratic-program.js';

export interface TfjsBackendOptions {
  /** 'gpu' insists on @tensorflow/tfjs-node-gpu; 'any' also accepts the native and pure-JS CPU builds. */
  readonly require?: 'gpu' | 'any';
  /** Bytes one chunk of candidates may occupy in tensors at once (the gathered block dominates). */
  readonly chunkBytes?: number;
  /** Quadratic models: force the dense or the gather program (default: chosen by density). */
  readonly quadraticLayout?: QuadraticLayout;
}

export const DEFAULT_CHUNK_BYTES = 256 * 1024 * 1024;

/**
 * Up to this many distinct steering weights, clauses are grouped by weight and the device
 * returns exact integer counts of falsified clauses per group; with more, it returns the
 * per-clause satisfied mask and the weighted sum runs in float64 here. Either way no weight
 * ever passes through float32, so costs equal the float64 reference up to summation order.
 */
const MAX_WEIGHT_GROUPS = 16;

/** Integers up to 2^24 are exact in float32, so no block holds more clauses than that. */
const MAX_EXACT_FLOAT32_COUNT = 2 ** 24;

const DESCRIPTIONS: Record<TfjsFlavour, string> = {
  'tfjs-node-gpu': 'tfjs (tensorflow, GPU)',
  'tfjs-node': 'tfjs (tensorflow, CPU)',
  'tfjs-core-cpu': 'tfjs (cpu)',
};

export class TfjsBackend implements EvalBackend {
  readonly name = 'tfjs' as const;
  readonly description: string;
  private readonly live = new Set<BatchObjective>();

  private constructor(
    readonly loaded: LoadedTfjs,
    private readonly chunkBytes: number,
    private readonly quadraticLayout: QuadraticLayout,
  ) {
    this.description = DESCRIPTIONS[loaded.flavour];
  }

  static async create(options: TfjsBackendOptions = {}): Promise<TfjsBackend> {
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!Number.isFinite(chunkBytes) || chunkBytes <= 0) {
      throw new RangeError(`tfjs backend: chunkBytes must be a positive number, got ${chunkBytes}`);
    }
    return new TfjsBackend(await loadTfjs(options.require ?? 'any'), chunkBytes, options.quadraticLayout ?? 'auto');
  }

  async prepare(problem: BatchProblem, options: PrepareOptions = {}): Promise<BatchObjective> {
    const forget = (o: BatchObjective): boolean => this.live.delete(o);
    const objective =
      problem.kind === 'clauses'
        ? new TfjsObjective(this.loaded.tf, problem.inst, options, this.chunkBytes, forget)
        : new TfjsQuadraticObjective(this.loaded.tf, problem.model, options.costScale ?? 'fraction', this.chunkBytes, this.quadraticLayout, forget);
    this.live.add(objective);
    return objective;
  }

  async dispose(): Promise<void> {
    // The tfjs engine is process-wide and may serve others, so only our own tensors go.
    for (const objective of [...this.live]) objective.dispose();
  }
}

/**
 * Short clauses keep their exact length (random k-SAT pads nothing); longer ones round up to a
 * power of two, which bounds padding below 2× the literals and the number of blocks by log L.
 */
function paddedWidth(len: number): number {
  return len <= 8 ? len : 2 ** Math.ceil(Math.log2(len));
}

/** Clauses sharing a padded length and, in count mode, a steering weight. */
interface Block {
  readonly width: number;
  readonly size: number;
  /** size × width indices into a candidate's literal row (see `fillRows`), flattened. */
  readonly indices: Tensor1D;
  /** Count mode: the block's one weight. Mask mode: NaN (weights are in `maskWeights`). */
  readonly weight: number;
}

class TfjsObjective implements BatchObjective {
  readonly numVars: number;
  readonly terms: number;
  private readonly blocks: Block[] = [];
  private readonly countMode: boolean;
  /** Mask mode: steering weight of each non-empty clause, in block order. */
  private readonly maskWeights: Float64Array;
  /** Empty clauses are falsified by every assignment; their weight never reaches the device. */
  private readonly emptyWeight: number;
  private readonly normalizer: number;
  private readonly rowWidth: number;
  private readonly chunkSize: number;
  private disposed = false;

  constructor(
    private readonly tf: Tf,
    inst: MaxSatInstance,
    options: PrepareOptions,
    chunkBytes: number,
    private readonly onDispose: (o: TfjsObjective) => void,
  ) {
    const n = inst.numVars;
    // Row layout per candidate: x_1..x_n, a dummy 0, then ¬x_1..¬x_n and a dummy 1 (see fillRows).
    if (2 * n + 2 > 0x7fffffff) throw new RangeError(`tfjs backend: ${n} variables exceed the int32 index range`);
    this.numVars = n;
    this.terms = inst.numClauses;
    this.rowWidth = 2 * n + 2;
    const { weight, normalizer } = steering(inst, options.costScale ?? 'fraction');
    this.normalizer = normalizer;

    const groups = new Map<string, number[]>();
    const distinct = new Set<number>();
    let emptyWeight = 0;
    for (let c = 0; c < inst.numClauses; c++) {
      const len = inst.clauseStart[c + 1] - inst.clauseStart[c];
      if (len === 0) emptyWeight += weight[c];
      else if (weight[c] !== 0) distinct.add(weight[c]);
    }
    this.emptyWeight = emptyWeight;
    this.countMode = distinct.size <= MAX_WEIGHT_GROUPS;
    for (let c = 0; c < inst.numClauses; c++) {
      const len = inst.clauseStart[c + 1] - inst.clauseStart[c];
      if (len === 0 || weight[c] === 0) continue; // weight-0 clauses cannot change any cost
      const key = `${paddedWidth(len)}/${this.countMode ? weight[c] : ''}`;
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = []));
      group.push(c);
    }

    // Split groups so one block's gathered tensor for a single candidate stays within half the
    // budget (the rest is for the candidate rows and the reduced outputs), and so a block's
    // float32 count of satisfied clauses stays an exact integer.
    const maskWeights: number[] = [];
    let widestBlockBytes = 0;
    try {
      for (const [key, clauses] of groups) {
        const width = Number(key.slice(0, key.indexOf('/')));
        const perBlock = Math.min(MAX_EXACT_FLOAT32_COUNT, Math.max(1, Math.floor(chunkBytes / 2 / (width * 4))));
        for (let s = 0; s < clauses.length; s += perBlock) {
          const part = clauses.slice(s, s + perBlock);
          this.blocks.push(this.makeBlock(inst, part, width, this.countMode ? weight[part[0]] : NaN));
          if (!this.countMode) for (const c of part) maskWeights.push(weight[c]);
          widestBlockBytes = Math.max(widestBlockBytes, part.length * (width + 1) * 4);
        }
      }
    } catch (err) {
      this.dispose();
      throw err;
    }
    this.maskWeights = Float64Array.from(maskWeights);
    const outputBytes = this.countMode ? this.blocks.length * 4 : maskWeights.length;
    this.chunkSize = Math.max(1, Math.floor(chunkBytes / (this.rowWidth * 4 + widestBlockBytes + outputBytes)));
  }

  private makeBlock(inst: MaxSatInstance, clauses: number[], width: number, weight: number): Block {
    const n = inst.numVars;
    // Padding points at the dummy 0 column: a false literal, so it can never satisfy a clause.
    const indices = new Int32Array(clauses.length * width).fill(n);
    clauses.forEach((c, k) => {
      for (let p = inst.clauseStart[c], i = k * width; p < inst.clauseStart[c + 1]; p++, i++) {
        const lit = inst.literals[p];
        indices[i] = lit > 0 ? lit - 1 : n + 1 + (-lit - 1);
      }
    });
    return { width, size: clauses.length, indices: this.tf.tensor1d(indices, 'int32'), weight };
  }

  async evaluate(batch: Uint8Array, count: number, out: Float64Array): Promise<void> {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`evaluate: count must be an integer >= 0, got ${count}`);
    if (batch.length < count * this.numVars) {
      throw new RangeError(`evaluate: batch holds ${batch.length} bytes, ${count} candidates need ${count * this.numVars}`);
    }
    if (out.length < count) throw new RangeError(`evaluate: out holds ${out.length} costs, ${count} needed`);
    for (let start = 0; start < count; start += this.chunkSize) {
      if (this.disposed) throw new Error('tfjs backend: evaluate on a disposed objective');
      const rows = Math.min(this.chunkSize, count - start);
      if (this.blocks.length === 0) {
        out.fill(this.emptyWeight / this.normalizer, start, start + rows);
        continue;
      }
      const reduced = this.reduceChunk(this.fillRows(batch, start, rows), rows);
      let values: Float32Array | Uint8Array;
      try {
        values = (await reduced.data()) as Float32Array | Uint8Array;
      } finally {
        reduced.dispose();
      }
      if (this.countMode) this.sumCounts(values, rows, out, start);
      else this.sumMask(values, rows, out, start);
    }
  }

  /** Literal values of each candidate: x then ¬x, so a gather alone yields literal truth (no sign op). */
  private fillRows(batch: Uint8Array, start: number, rows: number): Float32Array {
    const n = this.numVars;
    const w = this.rowWidth;
    const data = new Float32Array(rows * w);
    for (let j = 0; j < rows; j++) {
      const src = (start + j) * n;
      const row = j * w;
      for (let v = 0; v < n; v++) {
        const x = batch[src + v] !== 0 ? 1 : 0;
        data[row + v] = x;
        data[row + n + 1 + v] = 1 - x;
      }
      data[row + n] = 0;
      data[row + w - 1] = 1;
    }
    return data;
  }

  /** Count mode: float32 [blocks, rows] satisfied counts. Mask mode: bool [rows, clauses] satisfied. */
  private reduceChunk(data: Float32Array, rows: number): Tensor {
    const tf = this.tf;
    return tf.tidy(() => {
      // float32 values, not int32: TensorFlow's GPU build has no GPU gather or max kernels for
      // int32 and would run them on the host. 0/1 and counts below 2^24 are exact in float32.
      const x = tf.tensor2d(data, [rows, this.rowWidth], 'float32');
      const parts = this.blocks.map((b) =>
        // Nested tidy: each block's gathered tensor is freed before the next block gathers.
        tf.tidy(() => {
          const gathered = tf.gather(x, b.indices, 1);
          const satisfied = b.width === 1 ? gathered : tf.max(tf.reshape(gathered, [rows, b.size, b.width]), 2);
          return this.countMode ? tf.sum(satisfied, 1) : tf.cast(satisfied, 'bool');
        }),
      );
      if (this.countMode) return parts.length === 1 ? tf.reshape(parts[0], [1, rows]) : tf.stack(parts);
      return parts.length === 1 ? parts[0] : tf.concat(parts, 1);
    });
  }

  private sumCounts(satisfied: Float32Array | Uint8Array, rows: number, out: Float64Array, start: number): void {
    for (let j = 0; j < rows; j++) {
      let cost = this.emptyWeight;
      for (let b = 0; b < this.blocks.length; b++) {
        const block = this.blocks[b];
        const falsified = block.size - satisfied[b * rows + j];
        if (falsified !== 0) cost += falsified * block.weight;
      }
      out[start + j] = cost / this.normalizer;
    }
  }

  private sumMask(satisfied: Float32Array | Uint8Array, rows: number, out: Float64Array, start: number): void {
    const weights = this.maskWeights;
    const m = weights.length;
    for (let j = 0; j < rows; j++) {
      let cost = this.emptyWeight;
      for (let c = 0, i = j * m; c < m; c++, i++) if (satisfied[i] === 0) cost += weights[c];
      out[start + j] = cost / this.normalizer;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const block of this.blocks) block.indices.dispose();
    this.onDispose(this);
  }
}
