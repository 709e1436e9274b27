// The exact standing of a colouring: colours used (the minimised cost) and conflicting edges (the hard constraints).

import type { Metrics, Scored } from '../engine-problem.js';
import { conflicts, type ColoringGraph } from './graph.js';

/** Distinct colours among `colors` (labels are any integers: only equality matters). */
export function coloursUsed(colors: ArrayLike<number>): number {
  const seen = new Set<number>();
  for (let v = 0; v < colors.length; v++) seen.add(colors[v]);
  return seen.size;
}

export function coloringMetrics(colors: number, conflicting: number): Metrics {
  return { colors, conflicts: conflicting };
}

/**
 * Cost = colours used; every conflicting edge is a violated hard constraint, so `isBetter` orders
 * colourings by conflicts first (a k-colouring search's aim) and, among proper ones, by colours
 * (the chromatic search's aim). Recounted from the graph: the reference every reported best matches.
 */
export function scoreColoring(graph: ColoringGraph, colors: ArrayLike<number>): Scored {
  if (colors.length !== graph.numVertices) throw new RangeError(`colouring has ${colors.length} values for ${graph.numVertices} vertices`);
  const used = coloursUsed(colors);
  const clash = conflicts(graph, colors);
  return { cost: BigInt(used), feasible: clash === 0, hardFalsified: clash, metrics: coloringMetrics(used, clash) };
}

/** The first `limit` conflicting edges, 1-based as in the file. */
export function conflictingEdges(graph: ColoringGraph, colors: ArrayLike<number>, limit: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let e = 0; e < graph.numEdges && found.length < limit; e++) {
    if (colors[graph.edgeU[e]] === colors[graph.edgeV[e]]) found.push([graph.edgeU[e] + 1, graph.edgeV[e] + 1]);
  }
  return found;
}
