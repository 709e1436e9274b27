// `hybrid`: PolyStep first, then a local search from PolyStep's best, handed over when it proves the better search.

import { RaceClock } from './hybrid-race.js';
import { isBetter, type BestSolution, type Metrics, type SolverSession } from './solver.js';

export interface HybridOptions {
  /** PolyStep hands over after this many steps (default 1000; none when racing)… */
  readonly maxPolyStepSteps?: number;
  /** …or after this many steps without a better best (default 100; none when racing). */
  readonly stallSteps?: number;
  /**
   * The run's time limit: with it, the hand-over is raced (hybrid-race.ts): PolyStep leads, the
   * local search probes from its best, and, unless the probe gained faster than PolyStep's lead, a
   * duel of equal time from that same point decides who keeps the run. Without it, only the two
   * rules above apply.
   */
  readonly raceWithinMs?: number;
  readonly now?: () => number;
}

/** PolyStep on any engine: a session whose steps are synchronous. */
export type FirstPhase = SolverSession & { step(): void };

/** Builds the polishing search from PolyStep's best assignment. */
export type Polisher = (initial: Uint8Array) => SolverSession;

export class Hybrid implements SolverSession {
  readonly lowerBound: bigint;
  /** Released at the hand-over: the polisher keeps its own incremental state, two would double the memory. */
  private polystep: FirstPhase | null;
  private polisher: SolverSession | null = null;
  /** The polisher's turn while racing (the run belongs to it once PolyStep is released). */
  private polishing = false;
  private readonly now: () => number;
  private readonly race: RaceClock | null;
  private lastImprovement = 0;
  private lastBest: BestSolution;
  private bestSolution: BestSolution;
  private polystepSteps = 0;
  private polystepEvaluations = 0;
  /** Counts of polishers dropped (a polisher rebuilt from a better PolyStep best, or the race's loser). */
  private polisherSteps = 0;
  private polisherEvaluations = 0;
  private raceOver = false;

  constructor(
    polystep: FirstPhase,
    private readonly makePolisher: Polisher,
    private readonly options: HybridOptions = {},
  ) {
    this.polystep = polystep;
    this.lowerBound = polystep.lowerBound;
    this.now = options.now ?? (() => performance.now());
    this.lastBest = polystep.best();
    this.race = options.raceWithinMs === undefined ? null : new RaceClock(options.raceWithinMs, this.now(), this.lastBest);
    this.bestSolution = this.lastBest;
  }

  /** 'polystep' while PolyStep has the turn, else 'polish' (for traces and tests). */
  get phase(): 'polystep' | 'polish' {
    return this.polystep !== null && !this.polishing ? 'polystep' : 'polish';
  }

  get steps(): number {
    return (this.polystep?.steps ?? this.polystepSteps) + this.polisherSteps + (this.polisher?.steps ?? 0);
  }

  get evaluations(): number {
    return (this.polystep?.evaluations ?? this.polystepEvaluations) + this.polisherEvaluations + (this.polisher?.evaluations ?? 0);
  }

  private get active(): SolverSession {
    return this.phase === 'polystep' ? (this.polystep as FirstPhase) : (this.polisher as SolverSession);
  }

  /** The phase at work has nothing left to search. */
  get finished(): boolean {
    return this.active.finished === true;
  }

  current(): { cost: number; metrics: Metrics } {
    return this.active.current();
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  step(): void | Promise<void> {
    if (this.phase === 'polish') {
      const polisher = this.polisher as SolverSession;
      const pending = polisher.step();
      if (pending instanceof Promise) return pending.then(() => this.afterStep(polisher));
      this.afterStep(polisher);
      return;
    }
    const polystep = this.polystep as FirstPhase;
    polystep.step();
    const best = polystep.best();
    if (best !== this.lastBest) {
      this.lastBest = best;
      this.lastImprovement = polystep.steps;
    }
    if (this.shouldSwitch(polystep)) {
      this.adopt(polystep);
      this.release(polystep);
    } else this.afterStep(polystep);
  }

  /** Takes the stepped search's best, and moves the race on when its turn is over. */
  private afterStep(session: SolverSession): void {
    this.adopt(session);
    const polystep = this.polystep;
    if (polystep === null || this.race === null || this.raceOver) return;
    switch (this.race.next(this.now(), polystep.best(), this.polisher?.best() ?? null)) {
      case null:
        return;
      case 'probe':
        this.replacePolisher(polystep.best().assignment);
        this.race.restartTurn(this.now());
        this.polishing = true;
        return;
      case 'duel':
        this.polishing = false;
        return;
      case 'polish':
        this.release(polystep);
        return;
      case 'polystep':
        this.dropPolisher();
    }
  }

  private shouldSwitch(polystep: FirstPhase): boolean {
    const o = this.options;
    if (polystep.steps >= (o.maxPolyStepSteps ?? (this.race === null ? 1000 : Number.POSITIVE_INFINITY))) return true;
    return polystep.steps - this.lastImprovement >= (o.stallSteps ?? (this.race === null ? 100 : Number.POSITIVE_INFINITY));
  }

  /** PolyStep is done for this run: the polisher (built now if it was not) keeps it. */
  private release(polystep: FirstPhase): void {
    this.polystepSteps = polystep.steps;
    this.polystepEvaluations = polystep.evaluations;
    if (this.polisher === null || isBetter(polystep.best(), this.polisher.best())) this.replacePolisher(polystep.best().assignment);
    this.polystep = null;
    this.polishing = true;
  }

  /** A new polisher from `initial`; the counts of the one it replaces stay in the totals. */
  private replacePolisher(initial: Uint8Array): void {
    if (this.polisher !== null) {
      this.polisherSteps += this.polisher.steps;
      this.polisherEvaluations += this.polisher.evaluations;
    }
    this.polisher = this.makePolisher(initial);
  }

  /** PolyStep won the race: it keeps the run alone (the polisher's state is freed). */
  private dropPolisher(): void {
    this.polisherSteps += (this.polisher as SolverSession).steps;
    this.polisherEvaluations += (this.polisher as SolverSession).evaluations;
    this.polisher = null;
    this.polishing = false;
    this.raceOver = true;
  }

  private adopt(session: SolverSession): void {
    const candidate = session.best();
    if (isBetter(candidate, this.bestSolution)) this.bestSolution = { ...candidate, step: this.steps };
  }
}

