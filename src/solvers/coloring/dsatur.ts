// DSATUR (Brélaz 1979): greedy colouring in order of saturation, in O((n + m) log n) with a lazy heap.

import type { ColoringGraph } from '../../problems/coloring/graph.js';
import { ColourPairSet } from './colour-pair-set.js';

export interface GreedyColoring {
  /** colors[v] in 0..numColors−1; the colouring is proper. */
  readonly colors: Int32Array;
  readonly numColors: number;
}

/**
 * Repeatedly colours the uncoloured vertex with the most distinct colours among its neighbours
 * (its saturation), ties to the most uncoloured neighbours, then to the smallest index, with the
 * least colour no neighbour has. Exact on bipartite graphs (so 2 on even cycles), 3 on odd cycles,
 * n on K_n.
 *
 * Keys change only upwards in saturation and downwards in uncoloured degree, at most once per
 * edge end, so a max-heap with lazy deletion holds at most n + 2m entries: a popped entry whose
 * key is stale (or whose vertex is coloured) is skipped. Which colours a vertex's neighbours wear
 * is kept in one hash set of (vertex, colour) pairs, so the bookkeeping is O(m) expected.
 */
export function dsatur(graph: ColoringGraph): GreedyColoring {
  const n = graph.numVertices;
  const { adjStart, adjacent } = graph;
  const colors = new Int32Array(n).fill(-1);
  const saturation = new Int32Array(n);
  const freeDegree = new Int32Array(n);
  for (let v = 0; v < n; v++) freeDegree[v] = adjStart[v + 1] - adjStart[v];
  // key = saturation · (n + 1) + uncoloured degree: exact in a double while n ≤ ~9·10^7
  const scale = n + 1;
  const heap = new LazyMaxHeap(n + adjacent.length);
  for (let v = 0; v < n; v++) heap.push(freeDegree[v], v);
  const seen = new ColourPairSet(adjacent.length);
  const used = new Int32Array(n + 1).fill(-1);
  let numColors = 0;
  for (let done = 0; done < n; done++) {
    let v = heap.popVertex();
    while (colors[v] >= 0 || heap.poppedKey !== saturation[v] * scale + freeDegree[v]) v = heap.popVertex();
    // least colour absent from v's neighbours: mark theirs with v as the stamp
    for (let a = adjStart[v]; a < adjStart[v + 1]; a++) {
      const c = colors[adjacent[a]];
      if (c >= 0) used[c] = v;
    }
    let c = 0;
    while (used[c] === v) c++;
    colors[v] = c;
    if (c + 1 > numColors) numColors = c + 1;
    for (let a = adjStart[v]; a < adjStart[v + 1]; a++) {
      const w = adjacent[a];
      if (colors[w] >= 0) continue;
      freeDegree[w]--;
      if (seen.add(w, c)) saturation[w]++;
      heap.push(saturation[w] * scale + freeDegree[w], w);
    }
  }
  return { colors, numColors };
}

/** Binary max-heap of (key, vertex), ties to the smaller vertex; stale entries are the caller's to skip. */
class LazyMaxHeap {
  private readonly keys: Float64Array;
  private readonly vertices: Int32Array;
  private size = 0;
  /** Key of the entry the last popVertex() returned. */
  poppedKey = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.vertices = new Int32Array(Math.max(1, capacity));
  }

  push(key: number, vertex: number): void {
    const { keys, vertices } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!above(key, vertex, keys[parent], vertices[parent])) break;
      keys[i] = keys[parent];
      vertices[i] = vertices[parent];
      i = parent;
    }
    keys[i] = key;
    vertices[i] = vertex;
  }

  popVertex(): number {
    const { keys, vertices } = this;
    if (this.size === 0) throw new Error('DSATUR heap ran empty: saturation bookkeeping is broken');
    const top = vertices[0];
    this.poppedKey = keys[0];
    const last = --this.size;
    const key = keys[last];
    const vertex = vertices[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && above(keys[child + 1], vertices[child + 1], keys[child], vertices[child])) child++;
      if (!above(keys[child], vertices[child], key, vertex)) break;
      keys[i] = keys[child];
      vertices[i] = vertices[child];
      i = child;
    }
    keys[i] = key;
    vertices[i] = vertex;
    return top;
  }
}

function above(keyA: number, vertexA: number, keyB: number, vertexB: number): boolean {
  return keyA > keyB || (keyA === keyB && vertexA < vertexB);
}
