// What `info` and the store show about a colouring instance: sizes, what reading dropped, degrees, a colour bound; JSON-safe.

import type { ColoringInstance } from './col-parser.js';
import { cliqueBound } from './greedy-clique.js';

export interface ColoringSummary {
  readonly vertices: number;
  /** Distinct edges kept. */
  readonly edges: number;
  readonly headerKind: 'edge' | 'col';
  readonly declaredEdges: number;
  readonly edgeLines: number;
  /** Edge lines that repeated an edge (either direction), dropped. */
  readonly duplicatesDropped: number;
  readonly selfLoopsDropped: number;
  /** Vertices without neighbours: any colour suits them. */
  readonly isolatedVertices: number;
  readonly degreeMin: number;
  readonly degreeMax: number;
  readonly degreeMean: number;
  /** edges / (n(n−1)/2); 0 below two vertices. */
  readonly density: number;
  /**
   * A lower bound on the chromatic number, not its value: the size of a clique found greedily
   * (see greedy-clique.ts). 0 without vertices, 1 without edges, at least 2 with any edge.
   */
  readonly colorsLowerBound: number;
}

export function summarizeColoring(inst: ColoringInstance): ColoringSummary {
  const g = inst.graph;
  const n = g.numVertices;
  let isolatedVertices = 0;
  let degreeMin = n > 0 ? Infinity : 0;
  let degreeMax = 0;
  for (let v = 0; v < n; v++) {
    const d = g.adjStart[v + 1] - g.adjStart[v];
    if (d === 0) isolatedVertices++;
    if (d < degreeMin) degreeMin = d;
    if (d > degreeMax) degreeMax = d;
  }
  return {
    vertices: n,
    edges: g.numEdges,
    headerKind: inst.headerKind,
    declaredEdges: inst.declaredEdges,
    edgeLines: inst.edgeLines,
    duplicatesDropped: inst.duplicates,
    selfLoopsDropped: inst.selfLoops,
    isolatedVertices,
    degreeMin,
    degreeMax,
    degreeMean: n > 0 ? (2 * g.numEdges) / n : 0,
    density: n > 1 ? g.numEdges / ((n * (n - 1)) / 2) : 0,
    colorsLowerBound: cliqueBound(g),
  };
}
