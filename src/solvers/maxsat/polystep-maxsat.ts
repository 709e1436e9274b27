// PolyStep on a MAX-SAT instance: the block optimizer over the relaxation, with the best assignment ever seen.

import { Rng } from '../../common/rng.js';
import { blockStep, initBlock, type BlockState, type StepMetrics } from '../../optimizer/block-optimizer.js';
import { withDefaults, type PolyStepConfig } from '../../optimizer/config.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { trivialLowerBound } from '../../problems/maxsat/verifier.js';
import type { BestSolution, SolverSession } from '../solver.js';
import { maxSatPreset, type MaxSatPresetName } from './presets.js';
import { MaxSatRelaxation, type CandidateRecord, type CostScale } from './relaxation.js';
import { BestMark, bestOfCurrent, satRatioOf } from './exact-best.js';

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
  /** Bests are decided exactly, never by the float steering cost. */
  private readonly bestMark: BestMark;
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
    this.bestMark = new BestMark(this.relaxation.cost);
    this.bestSolution = bestOfCurrent(inst, this.relaxation.cost, 0);
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
    this.keepIfBetter();
  }

  current(): { cost: number; satRatio: number } {
    return { cost: this.relaxation.value, satRatio: satRatioOf(this.inst, this.relaxation.cost.clausesFalsified) };
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  /**
   * The step's cheapest improving probe (by its steering delta), applied, kept if it is exactly
   * better than the best so far, and undone. Compared exactly rather than by its float cost, which
   * cannot tell a weight-1 gain next to a 2^64 total.
   */
  private considerCandidate(candidate: CandidateRecord | null): void {
    if (candidate === null) return;
    const flips: number[] = [];
    for (let d = 0; candidate.mask >> d !== 0; d++) if ((candidate.mask >> d) & 1) flips.push(candidate.start + d);
    for (const v of flips) this.relaxation.cost.flip(v);
    this.keepIfBetter();
    for (const v of flips) this.relaxation.cost.flip(v);
  }

  /** The current assignment becomes the best when it is exactly better. */
  private keepIfBetter(): void {
    const ic = this.relaxation.cost;
    if (this.bestMark.markIfBetter(ic)) this.bestSolution = bestOfCurrent(this.inst, ic, this.state.t);
  }
}
