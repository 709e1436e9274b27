// The gamma table of a k-colouring: neighbour counts per (vertex, colour), O(1) recolour deltas, exact conflicts.

import type { ColoringGraph } from './graph.js';

/**
 * gamma[v·k + c] is the number of v's neighbours coloured c. Recolouring v from a to b changes the
 * number of conflicting edges by gamma[v·k + b] − gamma[v·k + a], readable in O(1); doing it updates
 * v's neighbours' rows in O(deg v). Counts are integers, so `conflicts` is exact. The vertices with a
 * same-coloured neighbour are kept in a list (swap-remove), so searches scan only those.
 */
export class ConflictTable {
  readonly numVertices: number;
  /** Read-only for callers (hot loops scan it): the colour of each vertex. */
  readonly colours: Int32Array;
  /** Read-only for callers: gamma as above. */
  readonly gamma: Int32Array;
  /** Read-only for callers: conflicting[0 .. conflictingCount) are the conflicting vertices, in any order. */
  readonly conflicting: Int32Array;
  private readonly positionOf: Int32Array;
  private conflictingTotal = 0;
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
    this.conflicting = new Int32Array(n);
    this.positionOf = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) if (this.gamma[v * k + this.colours[v]] > 0) this.add(v);
  }

  /** Vertices with at least one neighbour of their own colour. */
  get conflictingCount(): number {
    return this.conflictingTotal;
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

  /** Gives v colour c, in O(deg v); returns deg v (the work done). */
  recolour(v: number, c: number): number {
    const { gamma, k, colours } = this;
    const { adjStart, adjacent } = this.graph;
    const a = colours[v];
    if (a === c) return 0;
    this.count += gamma[v * k + c] - gamma[v * k + a];
    colours[v] = c;
    for (let j = adjStart[v]; j < adjStart[v + 1]; j++) {
      const w = adjacent[j];
      const row = w * k;
      gamma[row + a]--;
      gamma[row + c]++;
      const cw = colours[w];
      if (cw === a && gamma[row + a] === 0) this.drop(w);
      else if (cw === c && gamma[row + c] === 1) this.add(w);
    }
    if (gamma[v * k + c] === 0) this.drop(v);
    else this.add(v);
    return adjStart[v + 1] - adjStart[v];
  }

  private add(v: number): void {
    if (this.positionOf[v] >= 0) return;
    this.positionOf[v] = this.conflictingTotal;
    this.conflicting[this.conflictingTotal++] = v;
  }

  private drop(v: number): void {
    const at = this.positionOf[v];
    if (at < 0) return;
    const last = this.conflicting[--this.conflictingTotal];
    this.conflicting[at] = last;
    this.positionOf[last] = at;
    this.positionOf[v] = -1;
  }

  /** A copy of the current colouring. */
  coloring(): Int32Array {
    return this.colours.slice();
  }
}
