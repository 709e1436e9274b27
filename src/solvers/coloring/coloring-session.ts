// Colouring searches as solver sessions: DSATUR alone, a k-colouring search, or a chromatic search.

import { Rng } from '../../common/rng.js';
import { encodeColours } from '../../problems/coloring/colour-bytes.js';
import { coloringMetrics, scoreColoring } from '../../problems/coloring/score.js';
import type { ColoringEngine } from '../../problems/engine-problem.js';
import { isBetter, type BestSolution, type Metrics, type SolverSession } from '../solver.js';
import { ChromaticSearch } from './chromatic.js';
import { dsatur } from './dsatur.js';
import { foldColours, type AttemptFactory, type KColoringAttempt } from './k-attempt.js';

export interface ColoringSessionOptions {
  readonly seed: number;
  /** k-colouring: find a proper colouring with this many colours (fewest conflicts on the way). Absent: chromatic search. */
  readonly colors?: number;
  /** Builds the k-colouring searches; null: DSATUR's colouring alone (constructive: finished at once). */
  readonly attempts: AttemptFactory | null;
  /** A colouring to start from instead of DSATUR's (a hybrid's handover); proper in chromatic mode. */
  readonly start?: Int32Array;
}

/**
 * Every mode starts from DSATUR's proper colouring (or `start`). With `colors` = k, a start with at
 * most k colours ends the search; otherwise the start's colours ≥ k are recoloured at random, and
 * that k-colouring, then the bests of one attempt at k from it, are the session's bests (fewest
 * conflicts first): a k-colouring run reports k-colourings, conflicts and all, never the start.
 * Without `colors`, a ChromaticSearch lowers k one colour at a time. Every best is rescored from the
 * graph (scoreColoring) and kept only if exactly better, so the reported best is always what its
 * assignment scores.
 */
export class ColoringSession implements SolverSession {
  readonly lowerBound: bigint;
  private readonly chromatic: ChromaticSearch | null = null;
  private readonly attempt: KColoringAttempt | null = null;
  private offeredConflicts = Number.POSITIVE_INFINITY;
  private bestSolution: BestSolution;
  private stepCount = 0;

  constructor(
    private readonly engine: ColoringEngine,
    options: ColoringSessionOptions,
  ) {
    const { graph } = engine;
    this.lowerBound = BigInt(engine.colorsLowerBound);
    const start = options.start?.slice() ?? dsatur(graph).colors;
    this.bestSolution = this.scored(start);
    if (options.attempts === null) return;
    if (options.colors === undefined) {
      this.chromatic = new ChromaticSearch(graph, { seed: options.seed, lowerBound: engine.colorsLowerBound, attempts: options.attempts, start });
      return;
    }
    const k = options.colors;
    if (this.bestSolution.feasible && this.bestSolution.cost <= BigInt(k)) return;
    const rng = new Rng(options.seed);
    const folded = foldColours(start.slice(), k, (n) => rng.below(n));
    this.bestSolution = this.scored(folded);
    // one colour leaves every edge in conflict: there is nothing to search
    if (k < 2) return;
    this.attempt = options.attempts(graph, k, folded, rng.nextU32());
    this.offer(this.attempt);
  }

  get steps(): number {
    return this.stepCount;
  }

  get evaluations(): number {
    return this.chromatic?.evaluations ?? this.attempt?.evaluations ?? 0;
  }

  /** Nothing left to search: DSATUR built its colouring, the k-colouring was found, or the chromatic search reached its bound. */
  get finished(): boolean {
    if (this.chromatic !== null) return this.chromatic.done;
    return this.attempt === null || this.attempt.solved;
  }

  /** The point being searched: conflicts of the current attempt, as a fraction of the edges, with its colour count. */
  current(): { cost: number; metrics: Metrics } {
    const edges = Math.max(1, this.engine.graph.numEdges);
    if (this.chromatic !== null) {
      const k = this.chromatic.target ?? this.chromatic.best().k;
      return { cost: this.chromatic.currentConflicts / edges, metrics: coloringMetrics(k, this.chromatic.currentConflicts) };
    }
    if (this.attempt !== null) return { cost: this.attempt.conflicts / edges, metrics: coloringMetrics(this.attempt.k, this.attempt.conflicts) };
    return { cost: this.bestSolution.hardFalsified / edges, metrics: this.bestSolution.metrics };
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  step(): void {
    this.stepCount++;
    if (this.chromatic !== null) {
      const improvement = this.chromatic.step();
      if (improvement !== null) this.keep(this.scored(improvement.colors));
    } else if (this.attempt !== null && !this.attempt.solved) {
      this.attempt.step();
      this.offer(this.attempt);
    }
  }

  private offer(attempt: KColoringAttempt): void {
    if (attempt.bestConflicts >= this.offeredConflicts) return;
    this.offeredConflicts = attempt.bestConflicts;
    this.keep(this.scored(attempt.bestColoring()));
  }

  private keep(candidate: BestSolution): void {
    if (isBetter(candidate, this.bestSolution)) this.bestSolution = candidate;
  }

  private scored(colors: Int32Array): BestSolution {
    return { ...scoreColoring(this.engine.graph, colors), assignment: encodeColours(colors), step: this.stepCount };
  }
}
