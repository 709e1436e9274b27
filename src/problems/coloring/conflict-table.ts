// The gamma table of a k-colouring: neighbour counts per (vertex, colour), O(1) recolour deltas, exact conflicts.

import type { ColoringGraph } from './graph.js';

/**
 * gamma[v·k + c] is the number of v's neighbours coloured c. Recolouring v from a to b changes the
 * number of conflicting edges by gamma[v·k + b] − gamma[v·k + a], readable in O(1); doing it updates
 * v's neighbours' rows in O(deg v). Counts are integers, so `conflicts` is exact.
 */
export class ConflictTable {
  readonly numVertices: number;
  private readonly colours: Int32Array;
  private readonly gamma: Int32Array;
  private count = 0;

  constructor(
    readonly graph: ColoringGraph,
    readonly k: number,
    /** Starting colouring, values in 0..k−1 (copied). */
    initial: ArrayLike<number>,
  ) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    const n = graph.numVertices;
    if (initial.length !== n) throw new RangeError(`colouring has ${initial.length} entries for ${n} vertices`);
    this.numVertices = n;
    this.colours = Int32Array.from(initial);
    for (let v = 0; v < n; v++) {
      const c = this.colours[v];
      if (c !== initial[v] || c < 0 || c >= k) throw new RangeError(`colour ${initial[v]} of vertex ${v} is outside 0..${k - 1}`);
    }
    this.gamma = new Int32Array(n * k);
    const { edgeU, edgeV, numEdges } = graph;
    for (let e = 0; e < numEdges; e++) {
      const u = edgeU[e];
      const w = edgeV[e];
      this.gamma[u * k + this.colours[w]]++;
      this.gamma[w * k + this.colours[u]]++;
      if (this.colours[u] === this.colours[w]) this.count++;
    }
  }

  /** Conflicting edges (both ends one colour) of the current colouring. */
  get conflicts(): number {
    return this.count;
  }

  colourOf(v: number): number {
    return this.colours[v];
  }

  /** Neighbours of v coloured c. */
  neighboursColoured(v: number, c: number): number {
    return this.gamma[v * this.k + c];
  }

  /** Change in `conflicts` if v took colour c (0 for its own colour). */
  delta(v: number, c: number): number {
    const row = v * this.k;
    return this.gamma[row + c] - this.gamma[row + this.colours[v]];
  }

  /** Gives v colour c, in O(deg v). */
  recolour(v: number, c: number): void {
    const { gamma, k } = this;
    const a = this.colours[v];
    if (a === c) return;
    this.count += gamma[v * k + c] - gamma[v * k + a];
    this.colours[v] = c;
    const { adjStart, adjacent } = this.graph;
    for (let j = adjStart[v]; j < adjStart[v + 1]; j++) {
      const row = adjacent[j] * k;
      gamma[row + a]--;
      gamma[row + c]++;
    }
  }

  /** A copy of the current colouring. */
  coloring(): Int32Array {
    return this.colours.slice();
  }
}
