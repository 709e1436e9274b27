// Focused local search as a solver session: flips in fixed batches, restarts, and a lazily copied best.

import { Rng } from '../../common/rng.js';
import { FlipState } from '../../problems/maxsat/flip-state.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { steering, type CostScale } from '../../problems/maxsat/steering.js';
import { trivialLowerBound } from '../../problems/maxsat/verifier.js';
import { startPoint } from '../binary/start-point.js';
import type { BestSolution, Metrics, SolverSession } from '../solver.js';
import { clauseMetrics } from '../../problems/maxsat/clause-metrics.js';
import { BestMark, bestOf, bestOfCurrent } from './exact-best.js';

export interface LocalSearchOptions {
  readonly seed?: number;
  /** Flips per `step()`: small enough that the run loop's time limit and abort stay responsive. */
  readonly flipsPerStep?: number;
  /** Starting assignment (0/1 per variable); random when absent. */
  readonly initial?: Uint8Array;
  /** Restart from a fresh random assignment every this many flips; none when absent or 0. */
  readonly restartEvery?: number;
  /** Scale of `current().cost`; the search itself is scale-free. Default 'fraction'. */
  readonly costScale?: CostScale;
}

export const DEFAULT_FLIPS_PER_STEP = 1000;

/**
 * The loop shared by WalkSAT and probSAT: repair a falsified clause (hard ones first) by
 * flipping one of its variables, chosen by `pickVariable`.
 *
 * Best tracking without an O(n) copy per improvement: every flip of the current step goes to a
 * journal, and the step remembers only where (journal length) and how good its best point was.
 * At the end of the step, if that point beat the stored best, the assignment is copied once and
 * the journal's later flips are undone on the copy by XOR: O(n + flipsPerStep) at most once per
 * step (and once per restart, which closes its segment the same way before it moves; a restart
 * costs O(n) anyway), never per improvement. The copy is needed regardless, since a BestSolution
 * handed out must not change. Step boundaries draw no random numbers, so the trajectory and the
 * best found after a given number of flips do not depend on flipsPerStep.
 *
 * The state (FlipState) keeps every variable's break current inside the flip, so a pick reads
 * one value per literal of the clause instead of rescanning occurrence lists.
 *
 * Which point is best is decided exactly (fewer falsified hard clauses, then the exact soft
 * cost), never by the float steering cost: that one drifts once penalties and weights pass 2^53,
 * and cannot see a weight-1 difference next to 2^64.
 */
export abstract class LocalSearchSession implements SolverSession {
  readonly lowerBound: bigint;
  protected readonly cost: FlipState;
  protected readonly weight: Float64Array;
  protected readonly rng: Rng;
  /** The common clause length when every clause has it (random k-SAT), else 0; see clauseFrom. */
  private readonly stride: number;
  private readonly normalizer: number;
  private readonly flipsPerStep: number;
  private readonly restartEvery: number;
  private readonly journal: Int32Array;
  private journalLength = 0;
  private flipsSinceRestart = 0;
  private stepCount = 0;
  private flipCount = 0;
  private bestSolution: BestSolution;
  /** The best point so far, exactly; moves at every better point, before the segment closes. */
  private readonly bestMark: BestMark;
  /** Journal length at the segment's best point if it beats the stored best, else -1. */
  private candidateAt = -1;
  private candidateFalsified = 0;

  constructor(
    protected readonly inst: MaxSatInstance,
    options: LocalSearchOptions = {},
  ) {
    const n = inst.numVars;
    this.rng = new Rng(options.seed ?? 0);
    this.flipsPerStep = positiveInteger(options.flipsPerStep ?? DEFAULT_FLIPS_PER_STEP, 'flipsPerStep');
    this.restartEvery = options.restartEvery === undefined || options.restartEvery === 0 ? 0 : positiveInteger(options.restartEvery, 'restartEvery');
    const { weight, normalizer } = steering(inst, options.costScale ?? 'fraction');
    this.weight = weight;
    this.normalizer = normalizer;
    const start = startPoint(n, options.initial, this.rng);
    this.cost = new FlipState(inst, weight, start);
    this.journal = new Int32Array(this.flipsPerStep);
    this.stride = commonLength(inst);
    this.lowerBound = trivialLowerBound(inst);
    this.bestMark = new BestMark(this.cost);
    this.bestSolution = bestOfCurrent(inst, this.cost, 0);
  }

  /** The variable (0-based) to flip to repair falsified clause `c`. */
  protected abstract pickVariable(c: number): number;

  /** Where clause `c`'s literals start: with a common length, without loading clauseStart (one cache miss less per pick). */
  protected clauseFrom(c: number): number {
    return this.stride !== 0 ? c * this.stride : this.inst.clauseStart[c];
  }

  /** Where clause `c`'s literals end, given where they start. */
  protected clauseTo(c: number, from: number): number {
    return this.stride !== 0 ? from + this.stride : this.inst.clauseStart[c + 1];
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Flips made so far. */
  get evaluations(): number {
    return this.flipCount;
  }

  step(): void {
    const ic = this.cost;
    const journal = this.journal;
    // Counted first, so a best found during this step (restarts included) carries its number.
    this.stepCount++;
    for (let i = 0; i < this.flipsPerStep; i++) {
      if (this.restartEvery !== 0 && this.flipsSinceRestart >= this.restartEvery) this.restart();
      const c = ic.pickFalsified(this.rng);
      if (c < 0) break;
      const v = this.pickVariable(c);
      ic.flip(v);
      journal[this.journalLength++] = v;
      this.flipsSinceRestart++;
      this.flipCount++;
      this.consider();
    }
    this.closeSegment();
  }

  current(): { cost: number; metrics: Metrics } {
    return { cost: this.cost.cost / this.normalizer, metrics: clauseMetrics(this.inst, this.cost.clausesFalsified) };
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  /** Marks the current point as the segment's best when it is exactly better than the best so far. */
  private consider(): void {
    if (!this.bestMark.markIfBetter(this.cost)) return;
    this.candidateAt = this.journalLength;
    this.candidateFalsified = this.cost.clausesFalsified;
  }

  /** Materialises the segment's best point, if any, and starts a new segment here. */
  private closeSegment(): void {
    if (this.candidateAt >= 0) {
      const assignment = this.cost.assignment.slice();
      for (let j = this.candidateAt; j < this.journalLength; j++) assignment[this.journal[j]] ^= 1;
      const counts = { cost: this.bestMark.cost, hardFalsified: this.bestMark.hardFalsified, falsifiedClauses: this.candidateFalsified };
      this.bestSolution = bestOf(this.inst, assignment, counts, this.stepCount);
      this.candidateAt = -1;
    }
    this.journalLength = 0;
  }

  private restart(): void {
    this.closeSegment();
    const a = this.cost.assignment;
    for (let v = 0; v < a.length; v++) if (this.rng.below(2) !== a[v]) this.cost.flip(v);
    this.flipsSinceRestart = 0;
    this.consider();
  }
}

function commonLength(inst: MaxSatInstance): number {
  const m = inst.numClauses;
  if (m === 0) return 0;
  const k = inst.clauseStart[1] - inst.clauseStart[0];
  // c · k must stay exact: it does, since it never exceeds the literal count (a Uint32 offset).
  for (let c = 0; c <= m; c++) if (inst.clauseStart[c] !== c * k) return 0;
  return k;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
