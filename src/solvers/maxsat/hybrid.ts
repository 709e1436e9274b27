// `hybrid`: PolyStep first, then local search (WalkSAT by default) polishing from PolyStep's best assignment.

import type { PolyStepConfig } from '../../optimizer/config.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import type { BestSolution, SolverSession } from '../solver.js';
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

/** Feasible beats infeasible; then the lower exact cost. */
export function better(a: BestSolution, b: BestSolution): boolean {
  if (a.feasible !== b.feasible) return a.feasible;
  return a.cost < b.cost;
}

export class HybridMaxSat implements SolverSession {
  readonly lowerBound: bigint;
  private readonly polystep: PolyStepMaxSat;
  private polisher: SolverSession | null = null;
  private readonly started: number;
  private readonly now: () => number;
  private lastImprovement = 0;
  private lastBest: BestSolution;
  private bestSolution: BestSolution;

  constructor(
    private readonly inst: MaxSatInstance,
    private readonly options: HybridOptions = {},
  ) {
    this.polystep = new PolyStepMaxSat(inst, { preset: options.preset, seed: options.seed, config: options.config });
    this.lowerBound = this.polystep.lowerBound;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastBest = this.polystep.best();
    this.bestSolution = this.lastBest;
  }

  /** 'polystep' or the polishing local search, for traces and tests. */
  get phase(): 'polystep' | 'polish' {
    return this.polisher === null ? 'polystep' : 'polish';
  }

  get steps(): number {
    return this.polystep.steps + (this.polisher?.steps ?? 0);
  }

  get evaluations(): number {
    return this.polystep.evaluations + (this.polisher?.evaluations ?? 0);
  }

  current(): { cost: number; satRatio: number } {
    return (this.polisher ?? this.polystep).current();
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  step(): void | Promise<void> {
    if (this.polisher !== null) {
      const pending = this.polisher.step();
      return pending instanceof Promise ? pending.then(() => this.adopt(this.polisher)) : this.adopt(this.polisher);
    }
    this.polystep.step();
    const best = this.polystep.best();
    if (best !== this.lastBest) {
      this.lastBest = best;
      this.lastImprovement = this.polystep.steps;
    }
    this.adopt(this.polystep);
    if (this.shouldSwitch()) this.switchToPolish();
  }

  private shouldSwitch(): boolean {
    const o = this.options;
    if (this.polystep.steps >= (o.maxPolyStepSteps ?? 1000)) return true;
    if (this.polystep.steps - this.lastImprovement >= (o.stallSteps ?? 100)) return true;
    return o.switchAfterMs !== undefined && this.now() - this.started >= o.switchAfterMs;
  }

  private switchToPolish(): void {
    const start = { seed: this.options.seed, initial: this.polystep.best().assignment };
    this.polisher = this.options.polish === 'probsat' ? new ProbSat(this.inst, start) : new WalkSat(this.inst, start);
  }

  private adopt(session: SolverSession | null): void {
    if (session === null) return;
    const candidate = session.best();
    if (better(candidate, this.bestSolution)) this.bestSolution = { ...candidate, step: this.steps };
  }
}
