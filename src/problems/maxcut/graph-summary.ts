// What `info` and the store show about a Max-Cut graph: sizes, weights, degrees; JSON-safe.

import { ExactIntegerSum, type WeightedGraph } from './graph.js';


export interface GraphSummary {
  readonly nodes: number;
  readonly edges: number;
  /** Exact, as a decimal string (it may pass 2^53). */
  readonly totalWeight: string;
  /** Null for a graph without edges. */
  readonly weightMin: number | null;
  readonly weightMax: number | null;
  readonly negativeEdges: number;
  readonly degreeMin: number;
  readonly degreeMax: number;
  readonly degreeMean: number;
  /** Present only when the graph has some (a relaxed parse keeps them, with a warning). */
  readonly selfLoops?: number;
}

export function summarizeGraph(g: WeightedGraph): GraphSummary {
  const degree = new Uint32Array(g.numNodes);
  const total = new ExactIntegerSum();
  let weightMin = Infinity;
  let weightMax = -Infinity;
  let negativeEdges = 0;
  let selfLoops = 0;
  for (let e = 0; e < g.numEdges; e++) {
    const w = g.weight[e];
    degree[g.from[e]]++;
    degree[g.to[e]]++; // a self loop counts twice, as degree conventionally does
    if (g.from[e] === g.to[e]) selfLoops++;
    if (w < 0) negativeEdges++;
    if (w < weightMin) weightMin = w;
    if (w > weightMax) weightMax = w;
    total.add(w);
  }
  let degreeMin = g.numNodes > 0 ? Infinity : 0;
  let degreeMax = 0;
  for (const d of degree) {
    if (d < degreeMin) degreeMin = d;
    if (d > degreeMax) degreeMax = d;
  }
  const empty = g.numEdges === 0;
  return {
    nodes: g.numNodes,
    edges: g.numEdges,
    totalWeight: total.value().toString(),
    weightMin: empty ? null : weightMin,
    weightMax: empty ? null : weightMax,
    negativeEdges,
    degreeMin,
    degreeMax,
    degreeMean: g.numNodes > 0 ? (2 * g.numEdges) / g.numNodes : 0,
    ...(selfLoops > 0 ? { selfLoops } : {}),
  };
}
