// Simple undirected graphs for colouring: distinct edges, no self loops, sorted CSR adjacency, exact conflicts.

/**
 * Vertices 0..numVertices−1. Edge e joins edgeU[e] < edgeV[e]; edges are distinct and sorted by
 * (u, v). Vertex v's neighbours sit at adjStart[v] .. adjStart[v + 1] of `adjacent`, ascending.
 */
export interface ColoringGraph {
  readonly numVertices: number;
  readonly numEdges: number;
  readonly edgeU: Int32Array;
  readonly edgeV: Int32Array;
  readonly adjStart: Uint32Array;
  readonly adjacent: Int32Array;
}

export interface BuiltGraph {
  readonly graph: ColoringGraph;
  /** Edges listed again (either direction) and dropped. */
  readonly duplicates: number;
  /** Edges `v v` dropped (they constrain nothing a colouring can satisfy). */
  readonly selfLoops: number;
}

/** The graph of the `count` edges (u[k], v[k]) (0-based, any order, repeats and loops allowed). */
export function buildColoringGraph(numVertices: number, u: Int32Array, v: Int32Array, count = u.length): BuiltGraph {
  if (!Number.isInteger(numVertices) || numVertices < 0) throw new RangeError(`vertex count ${numVertices} is not a non-negative integer`);
  let selfLoops = 0;
  const lo = new Int32Array(count);
  const hi = new Int32Array(count);
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const a = u[k];
    const b = v[k];
    if (a < 0 || b < 0 || a >= numVertices || b >= numVertices) throw new RangeError(`edge ${a} ${b} is outside 0..${numVertices - 1}`);
    if (a === b) {
      selfLoops++;
      continue;
    }
    lo[kept] = a < b ? a : b;
    hi[kept++] = a < b ? b : a;
  }
  const order = sortByPair(lo, hi, kept, numVertices);
  const edgeU = new Int32Array(kept);
  const edgeV = new Int32Array(kept);
  let m = 0;
  for (let t = 0; t < kept; t++) {
    const k = order[t];
    if (m > 0 && edgeU[m - 1] === lo[k] && edgeV[m - 1] === hi[k]) continue;
    edgeU[m] = lo[k];
    edgeV[m++] = hi[k];
  }
  const graph = withAdjacency(numVertices, edgeU.slice(0, m), edgeV.slice(0, m));
  return { graph, duplicates: kept - m, selfLoops };
}

/** Edges whose two ends have the same colour: 0 exactly when the colouring is proper. */
export function conflicts(g: ColoringGraph, colors: ArrayLike<number>): number {
  if (colors.length < g.numVertices) throw new RangeError(`${colors.length} colours for ${g.numVertices} vertices`);
  let count = 0;
  for (let e = 0; e < g.numEdges; e++) if (colors[g.edgeU[e]] === colors[g.edgeV[e]]) count++;
  return count;
}

/** Stable counting sort of pair indices by (lo, hi): O(count + n). */
function sortByPair(lo: Int32Array, hi: Int32Array, count: number, n: number): Int32Array {
  const byHi = countingOrder(hi, count, n, null);
  return countingOrder(lo, count, n, byHi);
}

function countingOrder(key: Int32Array, count: number, n: number, within: Int32Array | null): Int32Array {
  const next = new Uint32Array(n + 1);
  for (let k = 0; k < count; k++) next[key[k] + 1]++;
  for (let v = 0; v < n; v++) next[v + 1] += next[v];
  const order = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const k = within === null ? t : within[t];
    order[next[key[k]]++] = k;
  }
  return order;
}

function withAdjacency(n: number, edgeU: Int32Array, edgeV: Int32Array): ColoringGraph {
  const adjStart = new Uint32Array(n + 1);
  for (let e = 0; e < edgeU.length; e++) {
    adjStart[edgeU[e] + 1]++;
    adjStart[edgeV[e] + 1]++;
  }
  for (let v = 0; v < n; v++) adjStart[v + 1] += adjStart[v];
  const fill = adjStart.slice(0, n);
  const adjacent = new Int32Array(2 * edgeU.length);
  // edges sorted by (u, v): v's row gets its smaller neighbours (as edgeV) in u order first, then its larger ones
  for (let e = 0; e < edgeU.length; e++) adjacent[fill[edgeV[e]]++] = edgeU[e];
  for (let e = 0; e < edgeU.length; e++) adjacent[fill[edgeU[e]]++] = edgeV[e];
  return { numVertices: n, numEdges: edgeU.length, edgeU, edgeV, adjStart, adjacent };
}
