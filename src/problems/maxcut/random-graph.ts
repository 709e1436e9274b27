// Seeded random Max-Cut graphs (Gset-like: uniform edges, unit or ±1 weights) and their rudy text.

import { Rng } from '../../common/rng.js';
import { drawWeights, randomPairs, type WeightRule } from '../quadratic/random-pairs.js';
import { tripletChunks } from '../quadratic/triplet-writer.js';
import type { WeightedGraph } from './graph.js';

export interface RandomGraphOptions {
  readonly nodes: number;
  readonly edges: number;
  readonly weights: WeightRule;
  readonly seed: number;
}

/** `edges` distinct edges drawn uniformly among all node pairs, in (i, j) order; the same seed gives the same graph. */
export function randomGraph(o: RandomGraphOptions): WeightedGraph {
  const rng = new Rng(o.seed);
  const pairs = randomPairs(o.nodes, o.edges, rng, false);
  return { numNodes: o.nodes, numEdges: o.edges, from: pairs.i, to: pairs.j, weight: drawWeights(o.edges, o.weights, rng) };
}

/** The graph in rudy format (`n m`, then `i j w`, 1-based): what Gset files look like, no comments. */
export function rudyChunks(g: WeightedGraph): Generator<string> {
  return tripletChunks([`${g.numNodes} ${g.numEdges}`], {
    i: g.from.subarray(0, g.numEdges),
    j: g.to.subarray(0, g.numEdges),
    value: g.weight.subarray(0, g.numEdges),
  });
}
