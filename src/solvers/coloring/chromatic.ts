// Chromatic search: DSATUR's colour count, then a k-colouring search (TabuCol by default) on one colour fewer each time.

import { Rng } from '../../common/rng.js';
import { conflicts, type ColoringGraph } from '../../problems/coloring/graph.js';
import { dsatur } from './dsatur.js';
import { tabuColAttempts, type AttemptFactory, type KColoringAttempt } from './k-attempt.js';
import type { TabuColOptions } from './tabucol.js';

export interface ChromaticOptions extends Omit<TabuColOptions, 'seed' | 'initial'> {
  readonly seed?: number;
  /** A colour count no proper colouring can go below (a clique's size); the search stops on reaching it. */
  readonly lowerBound?: number;
  /** Builds each attempt at k − 1 colours; TabuCol with the tuning above by default. */
  readonly attempts?: AttemptFactory;
  /** A proper colouring to start from instead of DSATUR's (e.g. a hybrid's first phase's best). */
  readonly start?: Int32Array;
}

/** A proper colouring with `k` colours (colors[v] in 0..k−1, every colour used). */
export interface ColoringImprovement {
  readonly k: number;
  readonly colors: Int32Array;
  /** Step after which it was found (0: DSATUR's, at construction). */
  readonly step: number;
  /** Evaluations (TabuCol moves, PolyStep probes) spent up to it, over all attempts. */
  readonly evaluations: number;
}

/**
 * Starts from DSATUR's proper colouring. An attempt at k − 1 colours (k: the best count so far)
 * starts TabuCol from the best colouring with the vertices of its top colour recoloured at random
 * among the others; once TabuCol reaches no conflicts, the colouring (compacted, since a colour may
 * have emptied) is the new best and the next attempt starts. Each improvement is recounted from the
 * graph before it is reported, so an improper colouring is never reported, and k only falls.
 * Budgets are the caller's: it calls step() (one TabuCol step, ≲ 1 ms) until time runs out or `done`.
 */
export class ChromaticSearch {
  readonly lowerBound: number;
  private readonly rng: Rng;
  private readonly attempts: AttemptFactory;
  private readonly found: ColoringImprovement[] = [];
  private attempt: KColoringAttempt | null = null;
  private spentBefore = 0;
  private stepCount = 0;

  constructor(
    readonly graph: ColoringGraph,
    options: ChromaticOptions = {},
  ) {
    const { seed, lowerBound, attempts, start, ...tuning } = options;
    this.rng = new Rng(seed ?? 0);
    this.attempts = attempts ?? tabuColAttempts(tuning);
    const trivial = graph.numEdges > 0 ? 2 : graph.numVertices > 0 ? 1 : 0;
    this.lowerBound = Math.max(trivial, lowerBound ?? 0);
    this.record(start?.slice() ?? dsatur(graph).colors, 0);
    this.openAttempt();
  }

  /** Every improvement so far, DSATUR's first; k strictly falls along the list. */
  get improvements(): readonly ColoringImprovement[] {
    return this.found;
  }

  best(): ColoringImprovement {
    return this.found[this.found.length - 1];
  }

  /** The colour count being attempted (best k − 1), or null once done. */
  get target(): number | null {
    return this.attempt === null ? null : this.attempt.k;
  }

  /** Conflicting edges of the current attempt's current point (0 when done). */
  get currentConflicts(): number {
    return this.attempt === null ? 0 : this.attempt.conflicts;
  }

  /** Conflicting edges of the current attempt's best colouring (0 when done). */
  get attemptConflicts(): number {
    return this.attempt === null ? 0 : this.attempt.bestConflicts;
  }

  /** True once the best k reached the lower bound: no step can improve it. */
  get done(): boolean {
    return this.attempt === null;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Evaluations over all attempts. */
  get evaluations(): number {
    return this.spentBefore + (this.attempt === null ? 0 : this.attempt.evaluations);
  }

  /** One step of the current attempt; returns the improvement it produced, if any. */
  step(): ColoringImprovement | null {
    this.stepCount++;
    const attempt = this.attempt;
    if (attempt === null) return null;
    attempt.step();
    if (!attempt.solved) return null;
    this.spentBefore += attempt.evaluations;
    this.attempt = null;
    const improvement = this.record(attempt.bestColoring(), this.stepCount);
    this.openAttempt();
    return improvement;
  }

  /** Compacts the colouring, checks it, and keeps it if it uses fewer colours than the best. */
  private record(colors: Int32Array, step: number): ColoringImprovement {
    const k = compact(colors);
    const clash = conflicts(this.graph, colors);
    if (clash !== 0) throw new Error(`colouring search produced ${clash} conflicting edges: a solver bug`);
    const previous = this.found.length === 0 ? Number.POSITIVE_INFINITY : this.best().k;
    if (k >= previous) throw new Error(`colouring search found ${k} colours after ${previous}: a solver bug`);
    const improvement = { k, colors, step, evaluations: this.evaluations };
    this.found.push(improvement);
    return improvement;
  }

  private openAttempt(): void {
    const { k, colors } = this.best();
    if (k <= this.lowerBound) return;
    this.attempt = this.attempts(this.graph, k - 1, dropSmallestClass(this.graph, colors, k), this.rng.nextU32());
  }
}

/**
 * A (k−1)-colouring from a proper k-colouring: the smallest colour class is emptied, each of its
 * vertices in turn taking the colour fewest of its neighbours wear (ties to the lowest), and the
 * colours above it are renumbered down. Few vertices move, each to where it conflicts least.
 */
export function dropSmallestClass(graph: ColoringGraph, colors: Int32Array, k: number): Int32Array {
  const size = new Int32Array(k);
  for (const c of colors) size[c]++;
  let dropped = 0;
  for (let c = 1; c < k; c++) if (size[c] < size[dropped]) dropped = c;
  const next = colors.map((c) => (c > dropped ? c - 1 : c === dropped ? -1 : c));
  const seen = new Int32Array(k - 1);
  const { adjStart, adjacent } = graph;
  for (let v = 0; v < next.length; v++) {
    if (next[v] !== -1) continue;
    seen.fill(0);
    for (let j = adjStart[v]; j < adjStart[v + 1]; j++) if (next[adjacent[j]] >= 0) seen[next[adjacent[j]]]++;
    let best = 0;
    for (let c = 1; c < k - 1; c++) if (seen[c] < seen[best]) best = c;
    next[v] = best;
  }
  return next;
}

/** Renumbers the colours in use to 0..used−1 in order of first appearance; returns how many are used. */
function compact(colors: Int32Array): number {
  const renumber = new Map<number, number>();
  for (let v = 0; v < colors.length; v++) {
    let c = renumber.get(colors[v]);
    if (c === undefined) {
      c = renumber.size;
      renumber.set(colors[v], c);
    }
    colors[v] = c;
  }
  return renumber.size;
}
