// A k-colouring attempt by the hybrid evolutionary algorithm (Galinier & Hao 1999): GPX crossover, then TabuCol.

import { Rng } from '../../common/rng.js';
import type { ColoringGraph } from '../../problems/coloring/graph.js';
import { gpx } from './gpx.js';
import type { AttemptFactory, KColoringAttempt } from './k-attempt.js';
import { TabuCol } from './tabucol.js';

export interface EvolutionaryOptions {
  /** Colourings kept (default 10). */
  readonly population?: number;
  /** TabuCol moves given to each new colouring, parents and children alike (default max(2000, 8n)). */
  readonly tabuMoves?: number;
  /** Children without a better best before the population is drawn afresh (default 100). */
  readonly restartAfter?: number;
  /** TabuCol moves for `initial` alone, before the population (default 25 · tabuMoves): where one tabu search suffices, it is not diluted. */
  readonly firstMoves?: number;
}

/**
 * `initial` is first improved by TabuCol for `firstMoves` moves (the chromatic search's start is
 * good: often one tabu search suffices). The population is that and random colourings, each
 * improved by TabuCol for `tabuMoves` moves before it joins. After that, every child is the GPX of
 * two parents drawn at random, improved the same way, and replaces the worse of its parents; after
 * `restartAfter` children without a better best the population is drawn afresh. A step is one
 * TabuCol step of the colouring being improved (≲ 1 ms), so the chromatic search's budget stays
 * fine-grained. Conflict counts come from TabuCol's exact integer counts.
 */
export class EvolutionaryAttempt implements KColoringAttempt {
  readonly numVertices: number;
  private readonly rng: Rng;
  private readonly size: number;
  private readonly tabuMoves: number;
  private readonly restartAfter: number;
  private readonly firstMoves: number;
  /** Colourings improved so far. */
  private settled = 0;
  private sinceBetter = 0;
  private readonly members: Int32Array[] = [];
  private readonly memberConflicts: number[] = [];
  /** The colouring being improved, and the parents it replaces the worse of (none while filling). */
  private tabu: TabuCol;
  private parents: readonly [number, number] | null = null;
  private spentBefore = 0;
  private stepCount = 0;
  private bestCount: number;
  private bestColors: Int32Array;

  constructor(
    readonly graph: ColoringGraph,
    readonly k: number,
    initial: Int32Array,
    seed: number,
    options: EvolutionaryOptions = {},
  ) {
    this.numVertices = graph.numVertices;
    this.rng = new Rng(seed);
    this.size = Math.max(2, options.population ?? 10);
    this.tabuMoves = options.tabuMoves ?? Math.max(2000, 8 * graph.numVertices);
    this.restartAfter = options.restartAfter ?? 100;
    this.firstMoves = options.firstMoves ?? 25 * this.tabuMoves;
    this.tabu = this.improve(initial);
    this.bestCount = this.tabu.bestConflicts;
    this.bestColors = this.tabu.bestColoring();
  }

  get steps(): number {
    return this.stepCount;
  }

  get evaluations(): number {
    return this.spentBefore + this.tabu.evaluations;
  }

  get conflicts(): number {
    return this.tabu.conflicts;
  }

  get bestConflicts(): number {
    return this.bestCount;
  }

  get solved(): boolean {
    return this.bestCount === 0;
  }

  bestColoring(): Int32Array {
    return this.bestColors.slice();
  }

  step(): void {
    this.stepCount++;
    if (this.solved) return;
    const tabu = this.tabu;
    tabu.step();
    if (tabu.bestConflicts < this.bestCount) {
      this.bestCount = tabu.bestConflicts;
      this.bestColors = tabu.bestColoring();
      this.sinceBetter = 0;
    }
    const moves = this.settled === 0 ? this.firstMoves : this.tabuMoves;
    if (!tabu.solved && tabu.evaluations >= moves) this.settle(tabu);
  }

  /** The improved colouring joins the population (or replaces its worse parent), and the next one starts. */
  private settle(tabu: TabuCol): void {
    this.spentBefore += tabu.evaluations;
    this.settled++;
    const colours = tabu.bestColoring();
    if (this.parents === null) {
      this.members.push(colours);
      this.memberConflicts.push(tabu.bestConflicts);
    } else {
      const [a, b] = this.parents;
      const worse = this.memberConflicts[a] >= this.memberConflicts[b] ? a : b;
      this.members[worse] = colours;
      this.memberConflicts[worse] = tabu.bestConflicts;
    }
    if (this.parents !== null && ++this.sinceBetter >= this.restartAfter) {
      // converged without progress: a population drawn afresh (the best so far stays the attempt's)
      this.members.length = 0;
      this.memberConflicts.length = 0;
      this.sinceBetter = 0;
    }
    if (this.members.length < this.size) {
      this.parents = null;
      this.tabu = this.improve(Int32Array.from({ length: this.numVertices }, () => this.rng.below(this.k)));
      return;
    }
    const a = this.rng.below(this.size);
    const b = (a + 1 + this.rng.below(this.size - 1)) % this.size;
    this.parents = [a, b];
    this.tabu = this.improve(gpx(this.members[a], this.members[b], this.k, (n) => this.rng.below(n)));
  }

  private improve(start: Int32Array): TabuCol {
    return new TabuCol(this.graph, this.k, { seed: this.rng.nextU32(), initial: start, movesPerStep: this.tabuMoves });
  }
}

export const evolutionaryAttempts =
  (options: EvolutionaryOptions = {}): AttemptFactory =>
  (graph, k, initial, seed) =>
    new EvolutionaryAttempt(graph, k, initial, seed, options);
