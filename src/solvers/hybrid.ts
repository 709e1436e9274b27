// `hybrid`: PolyStep first, then a local search polishing from PolyStep's best assignment.

import { isBetter, type BestSolution, type Metrics, type SolverSession } from './solver.js';

export interface HybridOptions {
  /** PolyStep hands over after this many steps… */
  readonly maxPolyStepSteps?: number;
  /** …or after this many steps without a better best… */
  readonly stallSteps?: number;
  /** …or after this much wall time (a share of the run's time budget). */
  readonly switchAfterMs?: number;
  readonly now?: () => number;
}

/** PolyStep on any engine: a session whose steps are synchronous. */
export type FirstPhase = SolverSession & { step(): void };

/** Builds the polishing search from PolyStep's best assignment. */
export type Polisher = (initial: Uint8Array) => SolverSession;

export class Hybrid implements SolverSession {
  readonly lowerBound: bigint;
  /** Released at the handover: the polisher keeps its own incremental state, two would double the memory. */
  private polystep: FirstPhase | null;
  private polisher: SolverSession | null = null;
  /** PolyStep's counts at the handover. */
  private handedSteps = 0;
  private handedEvaluations = 0;
  private readonly started: number;
  private readonly now: () => number;
  private lastImprovement = 0;
  private lastBest: BestSolution;
  private bestSolution: BestSolution;

  constructor(
    polystep: FirstPhase,
    private readonly makePolisher: Polisher,
    private readonly options: HybridOptions = {},
  ) {
    this.polystep = polystep;
    this.lowerBound = polystep.lowerBound;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastBest = polystep.best();
    this.bestSolution = this.lastBest;
  }

  /** 'polystep' or the polishing local search, for traces and tests. */
  get phase(): 'polystep' | 'polish' {
    return this.polisher === null ? 'polystep' : 'polish';
  }

  get steps(): number {
    return this.polystep !== null ? this.polystep.steps : this.handedSteps + (this.polisher?.steps ?? 0);
  }

  get evaluations(): number {
    return this.polystep !== null ? this.polystep.evaluations : this.handedEvaluations + (this.polisher?.evaluations ?? 0);
  }

  /** The phase at work has nothing left to search. */
  get finished(): boolean {
    return (this.polystep ?? (this.polisher as SolverSession)).finished === true;
  }

  current(): { cost: number; metrics: Metrics } {
    return (this.polystep ?? (this.polisher as SolverSession)).current();
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  step(): void | Promise<void> {
    const polystep = this.polystep;
    if (polystep === null) {
      const polisher = this.polisher as SolverSession;
      const pending = polisher.step();
      if (pending instanceof Promise) return pending.then(() => this.adopt(polisher));
      this.adopt(polisher);
      return;
    }
    polystep.step();
    const best = polystep.best();
    if (best !== this.lastBest) {
      this.lastBest = best;
      this.lastImprovement = polystep.steps;
    }
    this.adopt(polystep);
    if (this.shouldSwitch(polystep)) this.switchToPolish(polystep);
  }

  private shouldSwitch(polystep: FirstPhase): boolean {
    const o = this.options;
    if (polystep.steps >= (o.maxPolyStepSteps ?? 1000)) return true;
    if (polystep.steps - this.lastImprovement >= (o.stallSteps ?? 100)) return true;
    return o.switchAfterMs !== undefined && this.now() - this.started >= o.switchAfterMs;
  }

  private switchToPolish(polystep: FirstPhase): void {
    this.handedSteps = polystep.steps;
    this.handedEvaluations = polystep.evaluations;
    this.polystep = null;
    this.polisher = this.makePolisher(polystep.best().assignment);
  }

  private adopt(session: SolverSession): void {
    const candidate = session.best();
    if (isBetter(candidate, this.bestSolution)) this.bestSolution = { ...candidate, step: this.steps };
  }
}
