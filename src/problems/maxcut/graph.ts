// Weighted undirected graphs for Max-Cut: edge lists, exact cut values, CSR adjacency.

/** Edge `e` joins `from[e]` and `to[e]` (0-based vertices) with integer weight `weight[e]`. */
export interface WeightedGraph {
  readonly numNodes: number;
  readonly numEdges: number;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
}

/** Vertex `v`'s incident edges sit at `start[v] .. start[v + 1])` of `neighbor` / `edgeWeight`. */
export interface Adjacency {
  readonly start: Uint32Array;
  readonly neighbor: Int32Array;
  readonly edgeWeight: Float64Array;
}

/**
 * An exact sum of integer-valued doubles: a float sum stays exact while its magnitude is at most
 * 2^53, so the partial sum flushes to a bigint above 2^52 (room for one more term of at most 2^52)
 * and larger terms go straight to the bigint. No allocation per term in the common case.
 */
export class ExactIntegerSum {
  private exact = 0n;
  private partial = 0;

  add(w: number): void {
    if (Math.abs(w) > FLUSH_AT) {
      this.exact += BigInt(w);
      return;
    }
    this.partial += w;
    if (Math.abs(this.partial) > FLUSH_AT) {
      this.exact += BigInt(this.partial);
      this.partial = 0;
    }
  }

  value(): bigint {
    return this.exact + BigInt(this.partial);
  }
}

const FLUSH_AT = 2 ** 52;

/** Exact total weight of the edges whose endpoints lie on different sides (`side[v]` 0 or 1). */
export function cutValue(g: WeightedGraph, side: Uint8Array): bigint {
  if (side.length < g.numNodes) {
    throw new RangeError(`side has ${side.length} entries for ${g.numNodes} nodes`);
  }
  const sum = new ExactIntegerSum();
  for (let e = 0; e < g.numEdges; e++) if (side[g.from[e]] !== side[g.to[e]]) sum.add(g.weight[e]);
  return sum.value();
}

/** CSR adjacency; every edge appears in both endpoints' lists, in edge order. */
export function adjacency(g: WeightedGraph): Adjacency {
  const n = g.numNodes;
  const start = new Uint32Array(n + 1);
  for (let e = 0; e < g.numEdges; e++) {
    start[g.from[e] + 1]++;
    start[g.to[e] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const next = start.slice(0, n); // next free slot per vertex while filling
  const neighbor = new Int32Array(2 * g.numEdges);
  const edgeWeight = new Float64Array(2 * g.numEdges);
  for (let e = 0; e < g.numEdges; e++) {
    const a = g.from[e];
    const b = g.to[e];
    neighbor[next[a]] = b;
    edgeWeight[next[a]++] = g.weight[e];
    neighbor[next[b]] = a;
    edgeWeight[next[b]++] = g.weight[e];
  }
  return { start, neighbor, edgeWeight };
}
