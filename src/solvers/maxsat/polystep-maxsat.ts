// PolyStep on a MAX-SAT instance: the block optimizer over the relaxation, with the best assignment ever seen.

import { Rng } from '../../common/rng.js';
import { blockStep, initBlock, type BlockState, type StepMetrics } from '../../optimizer/block-optimizer.js';
import { withDefaults, type PolyStepConfig } from '../../optimizer/config.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { trivialLowerBound } from '../../problems/maxsat/verifier.js';
import type { BestSolution, SolverSession } from '../solver.js';
import { maxSatPreset, type MaxSatPresetName } from './presets.js';
import { MaxSatRelaxation, type CandidateRecord, type CostScale } from './relaxation.js';
import { exactBestMaker, satRatioOf, type BestMaker } from './exact-best.js';

export interface PolyStepMaxSatOptions {
  readonly preset?: MaxSatPresetName;
  readonly seed?: number;
  /** Overrides on top of the preset. */
  readonly config?: Partial<PolyStepConfig>;
  readonly costScale?: CostScale;
}

export class PolyStepMaxSat implements SolverSession {
  readonly lowerBound: bigint;
  private readonly relaxation: MaxSatRelaxation;
  private readonly state: BlockState;
  private readonly makeBest: BestMaker;
  private bestSteering: number;
  private bestSolution: BestSolution;
  private evaluationCount = 0;
  private lastMetrics: StepMetrics | null = null;

  constructor(
    private readonly inst: MaxSatInstance,
    options: PolyStepMaxSatOptions = {},
  ) {
    const preset = maxSatPreset(options.preset ?? 'default', inst.numVars);
    const config = withDefaults({ ...preset.config, ...options.config });
    const rng = new Rng(options.seed ?? 0);
    const x0 = Float64Array.from({ length: inst.numVars }, () => preset.initStd * rng.normal());
    this.state = initBlock(x0.length > 0 ? x0 : new Float64Array(1), config, rng.serialize());
    this.relaxation = new MaxSatRelaxation(inst, options.costScale ?? preset.costScale, x0);
    this.lowerBound = trivialLowerBound(inst);
    this.makeBest = exactBestMaker(inst);
    this.bestSteering = this.relaxation.value;
    this.bestSolution = this.snapshot();
  }

  get steps(): number {
    return this.state.t;
  }

  get evaluations(): number {
    return this.evaluationCount;
  }

  get metrics(): StepMetrics | null {
    return this.lastMetrics;
  }

  step(): void {
    if (this.inst.numVars === 0) {
      this.state.t++;
      return;
    }
    const metrics = blockStep(this.state, this.relaxation);
    this.lastMetrics = metrics;
    this.evaluationCount += metrics.evaluations;
    if (!metrics.coast) this.considerCandidate(this.relaxation.takeBestCandidate());
    this.relaxation.setPoint(this.state.x);
    if (this.relaxation.value < this.bestSteering) {
      this.bestSteering = this.relaxation.value;
      this.bestSolution = this.snapshot();
    }
  }

  current(): { cost: number; satRatio: number } {
    return { cost: this.relaxation.value, satRatio: satRatioOf(this.inst, this.relaxation.cost.clausesFalsified) };
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  /** A probe candidate better than the best so far becomes the best (applied, copied, undone). */
  private considerCandidate(candidate: CandidateRecord | null): void {
    if (candidate === null || candidate.cost >= this.bestSteering) return;
    const flips: number[] = [];
    for (let d = 0; candidate.mask >> d !== 0; d++) if ((candidate.mask >> d) & 1) flips.push(candidate.start + d);
    for (const v of flips) this.relaxation.cost.flip(v);
    this.bestSteering = this.relaxation.value;
    this.bestSolution = this.snapshot();
    for (const v of flips) this.relaxation.cost.flip(v);
  }

  private snapshot(): BestSolution {
    const ic = this.relaxation.cost;
    return this.makeBest(Uint8Array.from(ic.assignment), ic.softCost, ic.clausesFalsified, ic.hardFalsified === 0, this.state.t);
  }
}
