// `hybrid`: PolyStep first, then local search (WalkSAT by default) polishing from PolyStep's best assignment.

import type { PolyStepConfig } from '../../optimizer/config.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { isBetter, type BestSolution, type SolverSession } from '../solver.js';
import type { LocalSearchSession } from './local-search.js';
import { PolyStepMaxSat } from './polystep-maxsat.js';
import type { MaxSatPresetName } from './presets.js';
import { ProbSat } from './probsat.js';
import { WalkSat } from './walksat.js';

export interface HybridOptions {
  readonly seed?: number;
  readonly preset?: MaxSatPresetName;
  readonly config?: Partial<PolyStepConfig>;
  /** Default walksat: at equal wall time it beat probSAT on the paper instances (10K and 100K). */
  readonly polish?: 'probsat' | 'walksat';
  /** PolyStep hands over after this many steps… */
  readonly maxPolyStepSteps?: number;
  /** …or after this many steps without a better best… */
  readonly stallSteps?: number;
  /** …or after this much wall time (a share of the run's time budget). */
  readonly switchAfterMs?: number;
  readonly now?: () => number;
}

export class HybridMaxSat implements SolverSession {
  readonly lowerBound: bigint;
  /** Released at the handover: the polisher keeps its own incremental state, two would double the memory. */
  private polystep: PolyStepMaxSat | null;
  private polisher: LocalSearchSession | null = null;
  /** PolyStep's counts at the handover. */
  private handedSteps = 0;
  private handedEvaluations = 0;
  private readonly started: number;
  private readonly now: () => number;
  private lastImprovement = 0;
  private lastBest: BestSolution;
  private bestSolution: BestSolution;

  constructor(
    private readonly inst: MaxSatInstance,
    private readonly options: HybridOptions = {},
  ) {
    const polystep = new PolyStepMaxSat(inst, { preset: options.preset, seed: options.seed, config: options.config });
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

  current(): { cost: number; satRatio: number } {
    return (this.polystep ?? (this.polisher as LocalSearchSession)).current();
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  step(): void {
    const polystep = this.polystep;
    if (polystep === null) {
      const polisher = this.polisher as LocalSearchSession;
      polisher.step();
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

  private shouldSwitch(polystep: PolyStepMaxSat): boolean {
    const o = this.options;
    if (polystep.steps >= (o.maxPolyStepSteps ?? 1000)) return true;
    if (polystep.steps - this.lastImprovement >= (o.stallSteps ?? 100)) return true;
    return o.switchAfterMs !== undefined && this.now() - this.started >= o.switchAfterMs;
  }

  private switchToPolish(polystep: PolyStepMaxSat): void {
    this.handedSteps = polystep.steps;
    this.handedEvaluations = polystep.evaluations;
    this.polystep = null;
    const start = { seed: this.options.seed, initial: polystep.best().assignment };
    this.polisher = this.options.polish === 'probsat' ? new ProbSat(this.inst, start) : new WalkSat(this.inst, start);
  }

  private adopt(session: SolverSession): void {
    const candidate = session.best();
    if (isBetter(candidate, this.bestSolution)) this.bestSolution = { ...candidate, step: this.steps };
  }
}
