// TabuCol (Hertz & de Werra 1987, with Galinier & Hao's dynamic tenure): fewest conflicting edges with k colours.

import { Rng } from '../../common/rng.js';
import { ConflictTable } from '../../problems/coloring/conflict-table.js';
import type { ColoringGraph } from '../../problems/coloring/graph.js';

export interface TabuColOptions {
  readonly seed?: number;
  /** Starting colouring, values in 0..k−1; uniformly random when absent. */
  readonly initial?: ArrayLike<number>;
  /** Tenure L + λ·(conflicting vertices), L uniform in 0..tenureRandom−1. Defaults 10 and 0.6. */
  readonly tenureRandom?: number;
  readonly lambda?: number;
  /** A step ends after this many moves or once it has done `workPerStep` units of work. */
  readonly movesPerStep?: number;
  /** One unit: a (vertex, colour) pair scanned or a neighbour updated. */
  readonly workPerStep?: number;
}

const DEFAULT_MOVES_PER_STEP = 10_000;
/** ~0.5 ms at the ~2.5 ns a unit measured on DSJC250.5 and le450_15c, so a step stays under a millisecond on a busy core. */
const DEFAULT_WORK_PER_STEP = 200_000;

/**
 * Each move recolours a conflicting vertex v from colour a to b ≠ a with the least change in the
 * number of conflicting edges, gamma[v][b] − gamma[v][a] (gamma[v][c]: v's neighbours coloured c),
 * ties at random. A pair (v, b) is tabu for a while after v left b, unless moving there beats the
 * best count seen (aspiration). When every move is tabu, a random conflicting vertex takes a random
 * other colour. Counts are integers, so `conflicts` and `bestConflicts` are exact.
 *
 * The best colouring is not copied at each improvement: a step journals its moves, remembers where
 * its best point was, and at the step's end copies the colouring once and undoes the later moves on
 * the copy. Step boundaries draw no random numbers, so the trajectory does not depend on step sizes.
 */
export class TabuCol {
  readonly numVertices: number;
  private readonly rng: Rng;
  /** Colours, gamma, the exact conflict count and the list of conflicting vertices. */
  private readonly table: ConflictTable;
  /** Iteration up to which (v, c) stays tabu, at v·k + c. Doubles: iterations may pass 2^31. */
  private readonly tabuUntil: Float64Array;
  /** Scratch: the moves tied for the least delta in the current scan. */
  private readonly ties: Int32Array;
  private readonly tenureRandom: number;
  private readonly lambda: number;
  private readonly movesPerStep: number;
  private readonly workPerStep: number;
  private readonly journalVertex: Int32Array;
  private readonly journalColour: Int32Array;
  private journalLength = 0;
  private bestAt = -1;
  private bestCount: number;
  private bestColors: Int32Array;
  private bestStepNumber = 0;
  private iteration = 0;
  private stepCount = 0;

  constructor(
    readonly graph: ColoringGraph,
    readonly k: number,
    options: TabuColOptions = {},
  ) {
    const n = graph.numVertices;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    this.numVertices = n;
    this.rng = new Rng(options.seed ?? 0);
    this.tenureRandom = positive(options.tenureRandom ?? 10, 'tenureRandom');
    this.lambda = options.lambda ?? 0.6;
    if (!(this.lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${this.lambda}`);
    this.movesPerStep = positive(options.movesPerStep ?? DEFAULT_MOVES_PER_STEP, 'movesPerStep');
    this.workPerStep = positive(options.workPerStep ?? DEFAULT_WORK_PER_STEP, 'workPerStep');
    const start = options.initial ?? Int32Array.from({ length: n }, () => this.rng.below(k));
    this.table = new ConflictTable(graph, k, start);
    this.tabuUntil = new Float64Array(n * k);
    this.ties = new Int32Array(n * k);
    this.journalVertex = new Int32Array(this.movesPerStep);
    this.journalColour = new Int32Array(this.movesPerStep);
    this.bestCount = this.table.conflicts;
    this.bestColors = this.table.coloring();
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Moves made so far. */
  get evaluations(): number {
    return this.iteration;
  }

  /** Conflicting edges of the current colouring. */
  get conflicts(): number {
    return this.table.conflicts;
  }

  get conflictingVertices(): number {
    return this.table.conflictingCount;
  }

  get bestConflicts(): number {
    return this.bestCount;
  }

  /** Step after which the best was found (0: the start). */
  get bestStep(): number {
    return this.bestStepNumber;
  }

  /** The colouring with `bestConflicts` conflicting edges (a copy the caller may keep). */
  bestColoring(): Int32Array {
    return this.bestColors.slice();
  }

  /** The current colouring (a copy), with `conflicts` conflicting edges. */
  currentColoring(): Int32Array {
    return this.table.coloring();
  }

  /** True once a proper k-colouring has been found; further steps do nothing. */
  get solved(): boolean {
    return this.bestCount === 0;
  }

  step(): void {
    this.stepCount++;
    if (this.bestCount === 0) return;
    let work = 0;
    for (let moves = 0; moves < this.movesPerStep && work < this.workPerStep; moves++) {
      work += this.move();
      const conflicts = this.table.conflicts;
      if (conflicts < this.bestCount) {
        this.bestCount = conflicts;
        this.bestAt = this.journalLength;
        if (conflicts === 0) break;
      }
    }
    this.closeStep();
  }

  /** One move; returns the work it did. */
  private move(): number {
    const { tabuUntil, ties, k, table } = this;
    const { colours: colors, gamma, conflicting } = table;
    const iteration = ++this.iteration;
    const aspiration = this.bestCount - table.conflicts;
    const count = table.conflictingCount;
    // the least-delta admissible moves, as v·k + c; one is drawn at the end (one random number per move)
    let bestDelta = Number.POSITIVE_INFINITY;
    let tieCount = 0;
    for (let i = 0; i < count; i++) {
      const v = conflicting[i];
      const row = v * k;
      const own = row + colors[v];
      const here = gamma[own];
      for (let at = row; at < row + k; at++) {
        const delta = gamma[at] - here;
        if (delta > bestDelta || at === own) continue;
        if (tabuUntil[at] >= iteration && delta >= aspiration) continue;
        if (delta < bestDelta) {
          bestDelta = delta;
          tieCount = 0;
        }
        ties[tieCount++] = at;
      }
    }
    let chosenVertex: number;
    let chosenColour: number;
    if (tieCount > 0) {
      const at = ties[tieCount === 1 ? 0 : this.rng.below(tieCount)];
      chosenVertex = (at / k) | 0;
      chosenColour = at - chosenVertex * k;
    } else {
      chosenVertex = conflicting[this.rng.below(count)];
      chosenColour = (colors[chosenVertex] + 1 + this.rng.below(k - 1)) % k;
    }
    const from = colors[chosenVertex];
    const degree = table.recolour(chosenVertex, chosenColour);
    const tenure = this.rng.below(this.tenureRandom) + Math.floor(this.lambda * table.conflictingCount);
    tabuUntil[chosenVertex * k + from] = iteration + tenure;
    this.journalVertex[this.journalLength] = chosenVertex;
    this.journalColour[this.journalLength++] = from;
    return count * k + degree;
  }

  /** Materialises the step's best point when the step improved on the best. */
  private closeStep(): void {
    if (this.bestAt >= 0) {
      const best = this.table.coloring();
      for (let j = this.journalLength - 1; j >= this.bestAt; j--) best[this.journalVertex[j]] = this.journalColour[j];
      this.bestColors = best;
      this.bestStepNumber = this.stepCount;
    }
    this.bestAt = -1;
    this.journalLength = 0;
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
