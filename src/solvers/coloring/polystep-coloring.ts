// PolyStep on graph colouring: the block optimizer over k logits per vertex, with the best colouring ever seen.

import { Rng } from '../../common/rng.js';
import { blockStep, initBlock, type BlockState, type StepMetrics } from '../../optimizer/block-optimizer.js';
import { focusedBlockStep } from '../../optimizer/focused-step.js';
import { withDefaults, type PolyStepConfig } from '../../optimizer/config.js';
import type { ColoringGraph } from '../../problems/coloring/graph.js';
import { CategoricalRelaxation, type RecolourCandidate } from './categorical-relaxation.js';
import type { AttemptFactory } from './k-attempt.js';

export interface PolyStepColoringOptions {
  readonly seed?: number;
  /** Overrides on top of coloringConfig(k, edges, mode); particleDim must stay k. */
  readonly config?: Partial<PolyStepConfig>;
  /** Starting colouring (values 0..k−1): its colour's logit +1, the others −1, plus noise. Random logits when absent. */
  readonly initial?: ArrayLike<number>;
  /** Standard deviation of the starting noise (default 0.1 with `initial`, 1 without). */
  readonly initStd?: number;
  /** 'focused' (default): each step moves a few vertices drawn from the conflicting ones; 'full': every vertex, at once. */
  readonly mode?: 'focused' | 'full';
  /** Overrides of DEFAULT_FOCUS (focused mode only). */
  readonly focus?: Partial<FocusSettings>;
}

/** Which vertices a focused step probes and moves. */
export interface FocusSettings {
  /** Conflicting vertices drawn (without replacement) per step, at most. */
  readonly blocks: number;
  /** Vertices drawn uniformly from all vertices per step, on top (plateau moves, diversification). */
  readonly randomBlocks: number;
  /** Each drawn vertex is probed after the previous one has moved (Gauss–Seidel), not all at once. */
  readonly sequential: boolean;
  /** Surcharge (conflicts) on probes that keep a vertex's colour: CategoricalRelaxation.stayCost. */
  readonly stayCost: number;
}

export const DEFAULT_FOCUS: FocusSettings = { blocks: 1, randomBlocks: 0, sequential: true, stayCost: 1.5 };

const constant = (value: number) => ({ kind: 'linear', init: value, target: value, decay: 0 }) as const;

/**
 * Defaults for k colours on a graph of `edges` edges. Steering costs are conflict fractions; the
 * scale turns them back into conflict counts, so ε is in conflicts and the radii are absolute in
 * logit units (the starting gap between a vertex's colour and the others is 2). `mode` 'focused'
 * (the default stepping) moves by 1.5, 'full' by 1 (the setting tuned for all-at-once steps; a
 * focused vertex steps alone, and 1.5 against 1 took DSJC125.5 at k = 17 from 3.3 to 2.0 mean
 * conflicts and le450_15a at k = 15 from 10.7 to 9.3 after 100,000 steps, 3 seeds).
 */
export function coloringConfig(k: number, edges: number, mode: 'focused' | 'full' = 'focused'): PolyStepConfig {
  return withDefaults({
    polytopeType: 'orthoplex',
    particleDim: k,
    solver: 'softmax',
    scaleCost: 1 / Math.max(1, edges),
    epsilon: 0.25,
    stepRadius: constant(mode === 'focused' ? 1.5 : 1),
    probeRadius: constant(4),
    numProbe: 1,
    // logits bounded to ±0.6 so a probe (offset 2) can always change a vertex's argmax: without
    // it the logits grow until nothing moves (DSJC125.5, k = 17: 74 conflicts frozen against 16)
    clipToProbe: 0.3,
  });
}

/**
 * Session-like, as TabuCol. Two ways of stepping, both PolyStep moves over the logits (random
 * rotated orthoplex probes, softmax weights over their exact costs, barycentre move, clipping):
 *
 * - 'focused' (default): a step is a focused optimizer step (`focusedBlockStep`) over a few
 *   vertices drawn from the conflicting ones (FocusSettings), moved one after the other; every
 *   other vertex keeps its logits and its colour. Probes that keep a vertex's colour pay
 *   `stayCost`, so a drawn vertex leaves for an equally good colour, or a slightly worse one with
 *   softmax odds. O(k³ + k·deg) per drawn vertex, nothing O(n).
 * - 'full': the reference step; every vertex is probed along 2k directions and all take their new
 *   argmax at once (oscillates on bipartite graphs at k = 2; kept for comparison).
 *
 * The best colouring ever met (a probe's or a move's, or in full mode the step's cheapest improving
 * recolouring) is kept; counts are integers, so `conflicts` and `bestConflicts` are exact. Once a
 * proper colouring is found further steps do nothing.
 */
export class PolyStepColoring {
  readonly numVertices: number;
  private readonly relaxation: CategoricalRelaxation;
  private readonly state: BlockState;
  private bestCount: number;
  private bestColors: Int32Array;
  private bestStepNumber = 0;
  private evaluationCount = 0;
  private lastMetrics: StepMetrics | null = null;
  readonly mode: 'focused' | 'full';
  readonly focus: FocusSettings;
  /** Draws the focused steps' vertices (apart from the optimizer's own stream). */
  private readonly picker: Rng;
  private readonly picked: Int32Array;

  constructor(
    readonly graph: ColoringGraph,
    readonly k: number,
    options: PolyStepColoringOptions = {},
  ) {
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
    const mode = options.mode ?? 'focused';
    const config = withDefaults({ ...coloringConfig(k, graph.numEdges, mode), ...options.config });
    if (config.particleDim !== k) throw new RangeError(`particleDim must be k = ${k} (one block per vertex), got ${config.particleDim}`);
    const n = graph.numVertices;
    this.numVertices = n;
    const rng = new Rng(options.seed ?? 0);
    const x0 = startLogits(n, k, options.initial, options.initStd, rng);
    this.relaxation = new CategoricalRelaxation(graph, k, x0, Math.max(1, graph.numEdges));
    this.state = initBlock(x0.length > 0 ? x0 : new Float64Array(k), config, rng.serialize());
    this.bestCount = this.relaxation.table.conflicts;
    this.bestColors = this.relaxation.table.coloring();
    this.mode = mode;
    this.focus = { ...DEFAULT_FOCUS, ...options.focus };
    const { blocks, randomBlocks } = this.focus;
    if (!(Number.isInteger(blocks) && blocks >= 0 && Number.isInteger(randomBlocks) && randomBlocks >= 0 && blocks + randomBlocks >= 1)) {
      throw new RangeError(`focus needs whole blocks ≥ 0 and randomBlocks ≥ 0, not both 0; got ${blocks} and ${randomBlocks}`);
    }
    this.picker = new Rng(((options.seed ?? 0) ^ 0x5bd1e995) >>> 0);
    this.picked = new Int32Array(blocks + randomBlocks);
    if (this.mode === 'focused') {
      this.relaxation.trackBelow(this.bestCount);
      this.relaxation.stayCost = this.focus.stayCost;
    }
  }

  get steps(): number {
    return this.state.t;
  }

  /** Probe evaluations so far. */
  get evaluations(): number {
    return this.evaluationCount;
  }

  get metrics(): StepMetrics | null {
    return this.lastMetrics;
  }

  /** Conflicting edges of the current colouring (the logits' argmax). */
  get conflicts(): number {
    return this.relaxation.table.conflicts;
  }

  get bestConflicts(): number {
    return this.bestCount;
  }

  /** Step after which the best was found (0: the start). */
  get bestStep(): number {
    return this.bestStepNumber;
  }

  get solved(): boolean {
    return this.bestCount === 0;
  }

  /** The colouring with `bestConflicts` conflicting edges (a copy the caller may keep). */
  bestColoring(): Int32Array {
    return this.bestColors.slice();
  }

  /** The current colouring (a copy), with `conflicts` conflicting edges. */
  currentColoring(): Int32Array {
    return this.relaxation.table.coloring();
  }

  step(): void {
    if (this.bestCount === 0 || this.numVertices === 0) {
      this.state.t++;
      return;
    }
    if (this.mode === 'focused') {
      this.focusedStep();
      return;
    }
    const metrics = blockStep(this.state, this.relaxation);
    this.lastMetrics = metrics;
    this.evaluationCount += metrics.evaluations;
    if (!metrics.coast) this.considerCandidate(this.relaxation.takeBestCandidate());
    this.relaxation.setPoint(this.state.x);
    const table = this.relaxation.table;
    if (table.conflicts < this.bestCount) this.keep(table.conflicts, table.coloring());
  }

  /**
   * Up to `blocks` conflicting vertices (uniformly, without replacement) and `randomBlocks` uniform
   * vertices take one PolyStep move each; the rest keep their logits. Any colouring met on the way
   * (probe or move) with fewer conflicts than the best is recorded by the relaxation.
   */
  private focusedStep(): void {
    const { table } = this.relaxation;
    const { picked, picker } = this;
    const { blocks, randomBlocks, sequential } = this.focus;
    const m = table.conflictingCount;
    let count = 0;
    if (m <= blocks) {
      for (let j = 0; j < m; j++) picked[count++] = table.conflicting[j];
    } else {
      // distinct uniform draws by rejection: blocks ≪ m here, O(blocks²) expected
      while (count < blocks) {
        const v = table.conflicting[picker.below(m)];
        let seen = false;
        for (let j = 0; j < count && !seen; j++) seen = picked[j] === v;
        if (!seen) picked[count++] = v;
      }
    }
    for (let j = 0; j < randomBlocks; j++) picked[count++] = picker.below(this.numVertices);
    const metrics = focusedBlockStep(this.state, this.relaxation, picked, count, { sequential });
    this.lastMetrics = metrics;
    this.evaluationCount += metrics.evaluations;
    // the relaxation records only below its bound, which is the best count: any record is a new best
    const record = this.relaxation.takeRecord();
    if (record !== null) this.keep(this.relaxation.recordCount, record);
  }

  /** The step's cheapest improving recolouring of the point it probed, kept if exactly better than the best. */
  private considerCandidate(candidate: RecolourCandidate | null): void {
    if (candidate === null) return;
    const table = this.relaxation.table;
    const count = table.conflicts + candidate.delta;
    if (count >= this.bestCount) return;
    const colours = table.coloring();
    colours[candidate.vertex] = candidate.colour;
    this.keep(count, colours);
  }

  private keep(count: number, colours: Int32Array): void {
    this.bestCount = count;
    this.bestColors = colours;
    this.bestStepNumber = this.state.t;
  }
}

function startLogits(n: number, k: number, initial: ArrayLike<number> | undefined, initStd: number | undefined, rng: Rng): Float64Array {
  const x = new Float64Array(n * k);
  if (initial === undefined) {
    const std = initStd ?? 1;
    for (let i = 0; i < x.length; i++) x[i] = std * rng.normal();
    return x;
  }
  if (initial.length !== n) throw new RangeError(`initial colouring has ${initial.length} entries for ${n} vertices`);
  const std = initStd ?? 0.1;
  // noise bounded below half the gap of 2, so the starting argmax is exactly `initial`
  const noise = () => Math.max(-0.99, Math.min(0.99, std * rng.normal()));
  for (let v = 0; v < n; v++) {
    const c = initial[v];
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`initial colour ${c} of vertex ${v} is outside 0..${k - 1}`);
    for (let j = 0; j < k; j++) x[v * k + j] = (j === c ? 1 : -1) + noise();
  }
  return x;
}

/** PolyStep k-colouring attempts, for chromatic searches and colouring sessions. */
export const polyStepAttempts = (): AttemptFactory => (graph, k, initial, seed) => new PolyStepColoring(graph, k, { seed, initial });
