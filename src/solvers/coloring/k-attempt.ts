// What a chromatic search asks of a k-colouring search (TabuCol, PolyStep), and how it builds one.

import type { ColoringGraph } from '../../problems/coloring/graph.js';
import { TabuCol, type TabuColOptions } from './tabucol.js';

/** A search for a colouring with k colours and no conflicting edge, one bounded step at a time. */
export interface KColoringAttempt {
  readonly k: number;
  step(): void;
  readonly steps: number;
  readonly evaluations: number;
  /** Conflicting edges of the current point, and of the best point so far (exact counts). */
  readonly conflicts: number;
  readonly bestConflicts: number;
  /** bestConflicts is 0: further steps change nothing. */
  readonly solved: boolean;
  /** The best colouring (values 0..k−1), a copy the caller may keep. */
  bestColoring(): Int32Array;
}

/** Builds an attempt at `k` colours from `initial` (values 0..k−1), seeded. */
export type AttemptFactory = (graph: ColoringGraph, k: number, initial: Int32Array, seed: number) => KColoringAttempt;

export const tabuColAttempts =
  (tuning: Omit<TabuColOptions, 'seed' | 'initial'> = {}): AttemptFactory =>
  (graph, k, initial, seed) =>
    new TabuCol(graph, k, { ...tuning, seed, initial });

/** `colors` with every colour ≥ k replaced by a random one below k (in place): a start for an attempt at k. */
export function foldColours(colors: Int32Array, k: number, below: (n: number) => number): Int32Array {
  for (let v = 0; v < colors.length; v++) if (colors[v] >= k) colors[v] = below(k);
  return colors;
}
