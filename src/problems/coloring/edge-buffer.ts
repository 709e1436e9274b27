// Edges as read from a file (0-based ends and the position each came from), and where the first repeat or loop sits.

import type { ColoringGraph } from './graph.js';

/**
 * A growable list of edge lines. It starts at `initial` entries and doubles, so a header that
 * declares a huge count reserves nothing the input cannot fill (the caller caps `initial` by the
 * input's size).
 */
export class EdgeBuffer {
  count = 0;
  u: Int32Array;
  v: Int32Array;
  line: Int32Array;
  column: Int32Array;

  constructor(initial: number) {
    const size = Math.max(16, initial);
    this.u = new Int32Array(size);
    this.v = new Int32Array(size);
    this.line = new Int32Array(size);
    this.column = new Int32Array(size);
  }

  push(u: number, v: number, line: number, column: number): void {
    if (this.count === this.u.length) this.grow();
    this.u[this.count] = u;
    this.v[this.count] = v;
    this.line[this.count] = line;
    this.column[this.count++] = column;
  }

  private grow(): void {
    const size = 2 * this.u.length;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.u = widen(this.u);
    this.v = widen(this.v);
    this.line = widen(this.line);
    this.column = widen(this.column);
  }
}

/** Index (in reading order) of the first self loop, or −1. */
export function firstSelfLoop(edges: EdgeBuffer): number {
  for (let k = 0; k < edges.count; k++) if (edges.u[k] === edges.v[k]) return k;
  return -1;
}

/**
 * Index (in reading order) of the first edge line that repeats an earlier one in either direction,
 * or −1. Each distinct edge owns one slot of `graph.adjacent` (in its smaller end's row), found by
 * binary search, so this is O(lines · log degree) with one byte per slot.
 */
export function firstRepeat(graph: ColoringGraph, edges: EdgeBuffer): number {
  const seen = new Uint8Array(graph.adjacent.length);
  for (let k = 0; k < edges.count; k++) {
    const a = edges.u[k];
    const b = edges.v[k];
    if (a === b) continue;
    const slot = findSlot(graph, a < b ? a : b, a < b ? b : a);
    if (seen[slot] === 1) return k;
    seen[slot] = 1;
  }
  return -1;
}

function findSlot(graph: ColoringGraph, row: number, neighbour: number): number {
  let lo = graph.adjStart[row];
  let hi = graph.adjStart[row + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (graph.adjacent[mid] < neighbour) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
