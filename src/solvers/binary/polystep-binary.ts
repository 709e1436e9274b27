// PolyStep on any binary problem: the block optimizer over the relaxation, with the best assignment ever seen.

import { Rng } from '../../common/rng.js';
import { blockStep, initBlock, type BlockState, type StepMetrics } from '../../optimizer/block-optimizer.js';
import { withDefaults } from '../../optimizer/config.js';
import { engineVariables, type BinaryEngine } from '../engine.js';
import type { BestSolution, Metrics, SolverSession } from '../solver.js';
import { FocusedPolyStep } from './focused-polystep.js';
import type { PolyStepOptions } from './polystep-options.js';
import { presetFor } from './presets.js';
import { BinaryRelaxation, MAX_BLOCK, type CandidateRecord } from './relaxation.js';
import { openSearchPoint, type SearchPoint } from './search-point.js';

export type { PolyStepOptions } from './polystep-options.js';

/**
 * PolyStep on a binary problem: the focused preset runs FocusedPolyStep, the others the reference
 * block optimizer (ReferencePolyStep).
 */
export class PolyStepBinary implements SolverSession {
  private readonly impl: ReferencePolyStep | FocusedPolyStep;

  constructor(problem: BinaryEngine, options: PolyStepOptions = {}) {
    this.impl = options.preset === 'focused' ? new FocusedPolyStep(problem, options) : new ReferencePolyStep(problem, options);
  }

  get lowerBound(): bigint {
    return this.impl.lowerBound;
  }

  get steps(): number {
    return this.impl.steps;
  }

  get evaluations(): number {
    return this.impl.evaluations;
  }

  get metrics(): StepMetrics | null {
    return this.impl.metrics;
  }

  get finished(): boolean | undefined {
    return this.impl instanceof FocusedPolyStep ? this.impl.finished : undefined;
  }

  step(): void {
    this.impl.step();
  }

  current(): { cost: number; metrics: Metrics } {
    return this.impl.current();
  }

  best(): BestSolution {
    return this.impl.best();
  }
}

/** Every particle probed and moved each step, as the reference optimizer does (presets paper and default). */
export class ReferencePolyStep implements SolverSession {
  readonly lowerBound: bigint;
  private readonly n: number;
  private readonly point: SearchPoint;
  private readonly relaxation: BinaryRelaxation;
  private readonly state: BlockState;
  private bestSolution: BestSolution;
  private evaluationCount = 0;
  private lastMetrics: StepMetrics | null = null;

  constructor(problem: BinaryEngine, options: PolyStepOptions = {}) {
    this.n = engineVariables(problem);
    const preset = presetFor(problem.kind, options.preset ?? 'default', this.n);
    const config = withDefaults({ ...preset.config, ...options.config });
    const rng = new Rng(options.seed ?? 0);
    const x0 = Float64Array.from({ length: this.n }, () => preset.initStd * rng.normal());
    this.state = initBlock(x0.length > 0 ? x0 : new Float64Array(1), config, rng.serialize());
    const bits = Uint8Array.from(x0, (x) => (x > 0 ? 1 : 0));
    this.point = openSearchPoint(problem, bits, { maxBlock: MAX_BLOCK, costScale: options.costScale ?? preset.costScale });
    this.relaxation = new BinaryRelaxation(this.point.evaluator, this.point.normalizer);
    this.lowerBound = this.point.lowerBound;
    this.bestSolution = this.point.snapshot(0);
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
    if (this.n === 0) {
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

  current(): { cost: number; metrics: Metrics } {
    return { cost: this.relaxation.value, metrics: this.point.metrics() };
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
    const ev = this.point.evaluator;
    for (const v of flips) ev.flip(v);
    this.keepIfBetter();
    for (const v of flips) ev.flip(v);
  }

  /** The current assignment becomes the best when it is exactly better. */
  private keepIfBetter(): void {
    if (this.point.markIfBetter()) this.bestSolution = this.point.snapshot(this.state.t);
  }
}
