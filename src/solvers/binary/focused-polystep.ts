// Focused PolyStep on any binary problem with a focus source: each optimizer step moves a few pairs drawn from
// the variables worth moving, with the best assignment kept exactly and copied lazily.

import { Rng } from '../../common/rng.js';
import { initBlock, type BlockState, type StepMetrics } from '../../optimizer/block-optimizer.js';
import { withDefaults } from '../../optimizer/config.js';
import { focusedBlockStep } from '../../optimizer/focused-step.js';
import { engineVariables, type BinaryEngine } from '../engine.js';
import type { BestSolution, Metrics, SolverSession } from '../solver.js';
import { FocusedRelaxation } from './focused-relaxation.js';
import type { PolyStepOptions } from './polystep-options.js';
import { DEFAULT_FOCUS, focusedPreset, type FocusSettings } from './presets.js';
import { openSearchPoint, type FocusSource, type SearchPoint } from './search-point.js';

/** Most variables one focus draw names (longer constraints are sampled down to this). */
const FOCUS_BUFFER = 16;

/**
 * One `step()` runs `movesPerStep` focused optimizer steps. Each draws `blocks` particles: per
 * particle a fresh focus draw (MAX-SAT: a falsified clause), two of its variables at random made to
 * share a particle (`pairing` 'focus'; 'fixed' keeps the particle the index gives the first one),
 * then one `focusedBlockStep` over them. Nothing per optimizer step is O(n): the relaxation flips
 * only moved variables and journals them, the exact best mark is compared after each move, and
 * the best point is copied at most once per `step()` (undoing the journal's later flips on the
 * evaluator, snapshotting, redoing them). LocalSearchSession XORs the later flips on a copy
 * instead; here the snapshot's exact score comes from the evaluator, so it must stand at the point.
 */
export class FocusedPolyStep implements SolverSession {
  readonly lowerBound: bigint;
  readonly focus: FocusSettings;
  private readonly n: number;
  private readonly point: SearchPoint;
  private readonly source: FocusSource;
  private readonly relaxation: FocusedRelaxation;
  private readonly state: BlockState;
  /** Draws focus blocks, apart from the optimizer's own stream. */
  private readonly picker: Rng;
  private readonly drawn = new Int32Array(FOCUS_BUFFER);
  private readonly particles: Int32Array;
  private bestSolution: BestSolution;
  private stepCount = 0;
  private evaluationCount = 0;
  private lastMetrics: StepMetrics | null = null;
  /** Journal length at the segment's best point when it beats the stored best, else -1. */
  private candidateAt = -1;
  private idle = false;

  constructor(problem: BinaryEngine, options: PolyStepOptions = {}) {
    this.n = engineVariables(problem);
    // not presetFor: the preset is offered where it pays (presetsOf), but runs wherever a focus source exists
    const preset = focusedPreset();
    const focus: FocusSettings = { ...DEFAULT_FOCUS, ...preset.focus, ...options.focus };
    checkFocus(focus);
    this.focus = focus;
    const seed = options.seed ?? 0;
    const rng = new Rng(seed);
    const x0 = Float64Array.from({ length: this.n }, () => preset.initStd * rng.normal());
    const bits = Uint8Array.from(x0, (x) => (x > 0 ? 1 : 0));
    this.point = openSearchPoint(problem, bits, { maxBlock: 2, costScale: options.costScale ?? preset.costScale, focus: true });
    if (this.point.focus === undefined) throw new RangeError(`the focused preset needs a focus source, which ${problem.kind} problems do not offer`);
    this.source = this.point.focus;
    // ε, surcharges and radii are in "one typical constraint" units unless the caller scales costs itself
    const config = withDefaults({ ...preset.config, scaleCost: this.source.unit, ...options.config });
    if (config.particleDim !== 2 || config.solver !== 'softmax' || config.useMomentum || config.amortizeSteps !== 1) {
      throw new RangeError('the focused preset moves pairs (particleDim 2) by softmax weights, without momentum or amortisation');
    }
    this.state = initBlock(x0.length > 0 ? x0 : new Float64Array(1), config, rng.serialize());
    this.relaxation = new FocusedRelaxation(this.point.evaluator, this.point.normalizer, Math.max(1, focus.movesPerStep * focus.blocks * 2));
    this.relaxation.stayCost = focus.stayCost * this.source.unit * this.point.normalizer;
    this.particles = new Int32Array(focus.blocks);
    this.picker = new Rng((seed ^ 0x2545f491) >>> 0);
    this.lowerBound = this.point.lowerBound;
    this.bestSolution = this.point.snapshot(0);
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Probe evaluations so far. */
  get evaluations(): number {
    return this.evaluationCount;
  }

  /** Focused optimizer steps so far (`movesPerStep` per step). */
  get moves(): number {
    return this.state.t;
  }

  get metrics(): StepMetrics | null {
    return this.lastMetrics;
  }

  /** The current assignment (a live view: do not change it; it changes with every step). */
  get assignment(): Uint8Array {
    return this.point.evaluator.assignment;
  }

  /** True once no variable is worth moving (every focusable constraint holds). */
  get finished(): boolean {
    return this.idle;
  }

  step(): void {
    this.stepCount++;
    if (this.n === 0 || this.idle) return;
    for (let m = 0; m < this.focus.movesPerStep; m++) {
      const count = this.drawParticles();
      if (count === 0) {
        this.idle = true;
        break;
      }
      const before = this.relaxation.journaled;
      const metrics = focusedBlockStep(this.state, this.relaxation, this.particles, count, { sequential: this.focus.sequential });
      this.evaluationCount += metrics.evaluations;
      this.lastMetrics = metrics;
      if (this.relaxation.journaled !== before && this.point.markIfBetter()) this.candidateAt = this.relaxation.journaled;
    }
    this.closeSegment();
  }

  current(): { cost: number; metrics: Metrics } {
    return { cost: this.relaxation.value, metrics: this.point.metrics() };
  }

  best(): BestSolution {
    return this.bestSolution;
  }

  /** Fills `particles` with up to `blocks` distinct particles from fresh focus draws; returns how many. */
  private drawParticles(): number {
    const { picker, drawn, particles, relaxation } = this;
    let count = 0;
    for (let b = 0; b < this.focus.blocks; b++) {
      const k = this.source.draw(picker, drawn);
      if (k === 0) break;
      const u = drawn[picker.below(k)];
      let particle: number;
      if (this.focus.pairing === 'focus' && k > 1) {
        let w = drawn[picker.below(k - 1)];
        if (w === u) w = drawn[k - 1];
        particle = relaxation.pair(u, w, this.state.x);
      } else {
        particle = relaxation.positionOf(u) >> 1;
      }
      let seen = false;
      for (let j = 0; j < count && !seen; j++) seen = particles[j] === particle;
      if (!seen) particles[count++] = particle;
    }
    return count;
  }

  /** Materialises the segment's best point, if any, and starts a new segment. */
  private closeSegment(): void {
    const { journal, journaled } = this.relaxation;
    if (this.candidateAt >= 0) {
      const ev = this.point.evaluator;
      for (let j = journaled - 1; j >= this.candidateAt; j--) ev.flip(journal[j]);
      this.bestSolution = this.point.snapshot(this.stepCount);
      for (let j = this.candidateAt; j < journaled; j++) ev.flip(journal[j]);
      this.candidateAt = -1;
    }
    this.relaxation.clearJournal();
  }
}

function checkFocus(f: FocusSettings): void {
  const whole = (x: number) => Number.isSafeInteger(x) && x >= 1;
  if (!whole(f.blocks) || !whole(f.movesPerStep)) throw new RangeError(`focus blocks and movesPerStep must be positive integers, got ${f.blocks} and ${f.movesPerStep}`);
  if (!(f.stayCost >= 0 && Number.isFinite(f.stayCost))) throw new RangeError(`focus stayCost must be finite and ≥ 0, got ${f.stayCost}`);
  if (f.pairing !== 'focus' && f.pairing !== 'fixed') throw new RangeError(`focus pairing is 'focus' or 'fixed', got ${String(f.pairing)}`);
}
