// TabuCol (Hertz & de Werra 1987, with Galinier & Hao's dynamic tenure): fewest conflicting edges with k colours.

import { Rng } from '../../common/rng.js';
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
  private readonly colors: Int32Array;
  private readonly gamma: Int32Array;
  /** Iteration up to which (v, c) stays tabu, at v·k + c. Doubles: iterations may pass 2^31. */
  private readonly tabuUntil: Float64Array;
  /** Vertices with at least one same-coloured neighbour, in any order; positionOf[v] = −1 when absent. */
  private readonly conflicting: Int32Array;
  private readonly positionOf: Int32Array;
  /** Scratch: the moves tied for the least delta in the current scan. */
  private readonly ties: Int32Array;
  private conflictingCount = 0;
  private readonly tenureRandom: number;
  private readonly lambda: number;
  private readonly movesPerStep: number;
  private readonly workPerStep: number;
  private readonly journalVertex: Int32Array;
  private readonly journalColour: Int32Array;
  private journalLength = 0;
  private bestAt = -1;
  private conflictCount = 0;
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
    this.colors = startColouring(n, k, options.initial, this.rng);
    this.gamma = new Int32Array(n * k);
    this.tabuUntil = new Float64Array(n * k);
    this.conflicting = new Int32Array(n);
    this.positionOf = new Int32Array(n).fill(-1);
    this.ties = new Int32Array(n * k);
    this.journalVertex = new Int32Array(this.movesPerStep);
    this.journalColour = new Int32Array(this.movesPerStep);
    this.initialiseCounts();
    this.bestCount = this.conflictCount;
    this.bestColors = this.colors.slice();
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
    return this.conflictCount;
  }

  get conflictingVertices(): number {
    return this.conflictingCount;
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
    return this.colors.slice();
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
      if (this.conflictCount < this.bestCount) {
        this.bestCount = this.conflictCount;
        this.bestAt = this.journalLength;
        if (this.conflictCount === 0) break;
      }
    }
    this.closeStep();
  }

  /** One move; returns the work it did. */
  private move(): number {
    const { colors, gamma, tabuUntil, conflicting, ties, k } = this;
    const iteration = ++this.iteration;
    const aspiration = this.bestCount - this.conflictCount;
    const count = this.conflictingCount;
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
    const degree = this.recolour(chosenVertex, chosenColour);
    const tenure = this.rng.below(this.tenureRandom) + Math.floor(this.lambda * this.conflictingCount);
    tabuUntil[chosenVertex * k + from] = iteration + tenure;
    this.journalVertex[this.journalLength] = chosenVertex;
    this.journalColour[this.journalLength++] = from;
    return count * k + degree;
  }

  /** Moves v to colour b, updating gamma, the conflict count and the conflicting list; returns deg(v). */
  private recolour(v: number, b: number): number {
    const { colors, gamma, k } = this;
    const { adjStart, adjacent } = this.graph;
    const a = colors[v];
    this.conflictCount += gamma[v * k + b] - gamma[v * k + a];
    colors[v] = b;
    for (let j = adjStart[v]; j < adjStart[v + 1]; j++) {
      const w = adjacent[j];
      const row = w * k;
      gamma[row + a]--;
      gamma[row + b]++;
      const cw = colors[w];
      if (cw === a && gamma[row + a] === 0) this.drop(w);
      else if (cw === b && gamma[row + b] === 1) this.add(w);
    }
    if (gamma[v * k + b] === 0) this.drop(v);
    else this.add(v);
    return adjStart[v + 1] - adjStart[v];
  }

  private add(v: number): void {
    if (this.positionOf[v] >= 0) return;
    this.positionOf[v] = this.conflictingCount;
    this.conflicting[this.conflictingCount++] = v;
  }

  private drop(v: number): void {
    const at = this.positionOf[v];
    if (at < 0) return;
    const last = this.conflicting[--this.conflictingCount];
    this.conflicting[at] = last;
    this.positionOf[last] = at;
    this.positionOf[v] = -1;
  }

  /** Materialises the step's best point when the step improved on the best. */
  private closeStep(): void {
    if (this.bestAt >= 0) {
      const best = this.colors.slice();
      for (let j = this.journalLength - 1; j >= this.bestAt; j--) best[this.journalVertex[j]] = this.journalColour[j];
      this.bestColors = best;
      this.bestStepNumber = this.stepCount;
    }
    this.bestAt = -1;
    this.journalLength = 0;
  }

  private initialiseCounts(): void {
    const { colors, gamma, k } = this;
    const { edgeU, edgeV, numEdges } = this.graph;
    for (let e = 0; e < numEdges; e++) {
      const u = edgeU[e];
      const v = edgeV[e];
      gamma[u * k + colors[v]]++;
      gamma[v * k + colors[u]]++;
      if (colors[u] === colors[v]) this.conflictCount++;
    }
    for (let v = 0; v < this.numVertices; v++) if (gamma[v * k + colors[v]] > 0) this.add(v);
  }
}

function startColouring(n: number, k: number, initial: ArrayLike<number> | undefined, rng: Rng): Int32Array {
  if (initial === undefined) return Int32Array.from({ length: n }, () => rng.below(k));
  if (initial.length !== n) throw new RangeError(`initial colouring has ${initial.length} entries for ${n} vertices`);
  const colors = Int32Array.from(initial);
  for (let v = 0; v < n; v++) {
    if (colors[v] !== initial[v] || colors[v] < 0 || colors[v] >= k) throw new RangeError(`initial colour ${initial[v]} of vertex ${v} is outside 0..${k - 1}`);
  }
  return colors;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
