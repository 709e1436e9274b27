// Small colouring graphs the colouring tests share: from an edge list, random, cycles and cliques.

import type { Rng } from '../../src/common/rng.js';
import { buildColoringGraph, type ColoringGraph } from '../../src/problems/coloring/graph.js';

export function graphOf(n: number, pairs: Array<[number, number]>): ColoringGraph {
  return buildColoringGraph(n, Int32Array.from(pairs, (p) => p[0]), Int32Array.from(pairs, (p) => p[1])).graph;
}

/** Each of the n(n−1)/2 pairs an edge with probability `density`. */
export function randomGraph(rng: Rng, n: number, density: number): ColoringGraph {
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rng.uniform() < density) pairs.push([a, b]);
  return graphOf(n, pairs);
}

export const cycle = (n: number): ColoringGraph => graphOf(n, Array.from({ length: n }, (_, i): [number, number] => [i, (i + 1) % n]));
export const clique = (n: number): ColoringGraph => graphOf(n, Array.from({ length: n * n }, (_, i): [number, number] => [Math.floor(i / n), i % n]));
