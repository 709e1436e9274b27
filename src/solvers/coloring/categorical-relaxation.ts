// A k-colouring as a block objective: k logits per vertex, colour = argmax, probe costs by exact recolour deltas.

import type { BlockObjective } from '../../optimizer/block-objective.js';
import { ConflictTable } from '../../problems/coloring/conflict-table.js';
import type { ColoringGraph } from '../../problems/coloring/graph.js';

export interface RecolourCandidate {
  /** Normalised cost of the current colouring with the move applied. */
  readonly cost: number;
  /** Exact change in conflicting edges (negative: an improvement). */
  readonly delta: number;
  readonly vertex: number;
  readonly colour: number;
}

/** Index of the largest of a[from .. from + k), ties to the lowest index (so to the lowest colour). */
export function argmaxColour(a: Float64Array, from: number, k: number): number {
  let best = 0;
  let value = a[from];
  for (let c = 1; c < k; c++) {
    if (a[from + c] > value) {
      value = a[from + c];
      best = c;
    }
  }
  return best;
}

/**
 * The categorical analogue of BinaryRelaxation. The decision vector holds k logits per vertex
 * (vertex v owns coordinates v·k .. v·k + k − 1) and a vertex's colour is the argmax of its logits.
 * Blocks must be exactly one vertex's logits, so a probe recolours at most one vertex and its cost is
 * (current conflicts + exact delta) / normalizer, O(k) for the argmax and O(1) after it. The
 * optimizer sees only numbers; what a colour is stays here.
 */
export class CategoricalRelaxation implements BlockObjective {
  readonly dim: number;
  readonly table: ConflictTable;
  private best: RecolourCandidate | null = null;
  /**
   * Steering surcharge, in conflicts, on probes that leave their vertex's colour unchanged (0: probe
   * costs are exact). Positive, it makes a probed vertex prefer an equally good other colour to
   * staying (plateau moves; the orthoplex's symmetric barycentre would otherwise not move at all on
   * ties), and a worse one with weight exp(−(delta − stayCost)/ε). Records use exact counts.
   */
  stayCost = 0;
  /** Colourings with fewer conflicts than this are recorded (see `trackBelow`); −∞: not tracking. */
  private recordBound = Number.NEGATIVE_INFINITY;
  private recordColours: Int32Array | null = null;

  constructor(
    readonly graph: ColoringGraph,
    readonly k: number,
    /** The starting logits (n·k); the starting colouring is their argmax. */
    x0: Float64Array,
    /** Divides conflict counts into steering costs (e.g. the number of edges: fractions). */
    readonly normalizer: number,
  ) {
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
    if (!(normalizer > 0 && Number.isFinite(normalizer))) throw new RangeError(`normalizer must be positive and finite, got ${normalizer}`);
    const n = graph.numVertices;
    this.dim = n * k;
    if (x0.length !== this.dim) throw new RangeError(`${x0.length} logits for ${n} vertices × ${k} colours`);
    const colours = new Int32Array(n);
    for (let v = 0; v < n; v++) colours[v] = argmaxColour(x0, v * k, k);
    this.table = new ConflictTable(graph, k, colours);
  }

  /** Normalised steering cost of the current colouring. */
  get value(): number {
    return this.table.conflicts / this.normalizer;
  }

  /** Moves the colouring to the argmax of x, recolouring only the vertices whose argmax changed. */
  setPoint(x: Float64Array): void {
    const { k, table } = this;
    for (let v = 0; v < table.numVertices; v++) {
      const c = argmaxColour(x, v * k, k);
      if (c !== table.colourOf(v)) table.recolour(v, c);
    }
  }

  /** Recolours vertex start/k to the argmax of x[start .. start + k) (the block the optimizer moved): O(k + deg). */
  setBlock(start: number, len: number, x: Float64Array): void {
    const { k, table } = this;
    if (len !== k || start % k !== 0) throw new RangeError(`blocks must be one vertex's ${k} logits (particleDim = k), got ${len} at ${start}`);
    const v = start / k;
    const c = argmaxColour(x, start, k);
    if (c !== table.colourOf(v)) {
      table.recolour(v, c);
      if (table.conflicts < this.recordBound) this.record(table.coloring());
    }
  }

  /**
   * From now on, any colouring met with fewer than `bound` conflicts — a probe's (the current
   * colouring with one vertex recoloured) or one `setBlock` moves to — is copied, and the bound
   * drops to its count; `takeRecord` hands the last copy over. O(n) per record, O(1) otherwise.
   */
  trackBelow(bound: number): void {
    this.recordBound = bound;
  }

  /** The colouring recorded since the last call (its conflicts: `recordCount`), or null. */
  takeRecord(): Int32Array | null {
    const colours = this.recordColours;
    this.recordColours = null;
    return colours;
  }

  /** Conflicts of the last recorded colouring (the current tracking bound). */
  get recordCount(): number {
    return this.recordBound;
  }

  private record(colours: Int32Array): void {
    this.recordColours = colours;
    this.recordBound = this.table.conflicts;
  }

  /** The cheapest improving probe evaluated since the last call, relative to the current colouring. */
  takeBestCandidate(): RecolourCandidate | null {
    const best = this.best;
    this.best = null;
    return best;
  }

  evaluateBlock(start: number, len: number, points: Float64Array, count: number, out: Float64Array): void {
    const { k, table } = this;
    if (len !== k || start % k !== 0) throw new RangeError(`blocks must be one vertex's ${k} logits (particleDim = k), got ${len} at ${start}`);
    const v = start / k;
    const base = table.conflicts;
    for (let j = 0; j < count; j++) {
      const c = argmaxColour(points, j * k, k);
      const delta = table.delta(v, c);
      const value = (base + delta) / this.normalizer;
      out[j] = c === table.colours[v] ? (base + this.stayCost) / this.normalizer : value;
      if (delta < 0 && (this.best === null || delta < this.best.delta)) this.best = { cost: value, delta, vertex: v, colour: c };
      if (base + delta < this.recordBound) {
        const colours = table.coloring();
        colours[v] = c;
        this.recordColours = colours;
        this.recordBound = base + delta;
      }
    }
  }
}
