// PolyStep on graph colouring: the block optimizer over k logits per vertex, with the best colouring ever seen.

import { Rng } from '../../common/rng.js';
import { blockStep, initBlock, type BlockState, type StepMetrics } from '../../optimizer/block-optimizer.js';
import { withDefaults, type PolyStepConfig } from '../../optimizer/config.js';
import type { ColoringGraph } from '../../problems/coloring/graph.js';
import { CategoricalRelaxation, type RecolourCandidate } from './categorical-relaxation.js';
import type { AttemptFactory } from './k-attempt.js';

export interface PolyStepColoringOptions {
  readonly seed?: number;
  /** Overrides on top of coloringConfig(k, edges); particleDim must stay k. */
  readonly config?: Partial<PolyStepConfig>;
  /** Starting colouring (values 0..k−1): its colour's logit +1, the others −1, plus noise. Random logits when absent. */
  readonly initial?: ArrayLike<number>;
  /** Standard deviation of the starting noise (default 0.1 with `initial`, 1 without). */
  readonly initStd?: number;
}

const constant = (value: number) => ({ kind: 'linear', init: value, target: value, decay: 0 }) as const;

/**
 * Defaults for k colours on a graph of `edges` edges. Steering costs are conflict fractions; the
 * scale turns them back into conflict counts, so ε is in conflicts and the radii are absolute in
 * logit units (the starting gap between a vertex's colour and the others is 2).
 */
export function coloringConfig(k: number, edges: number): PolyStepConfig {
  return withDefaults({
    polytopeType: 'orthoplex',
    particleDim: k,
    solver: 'softmax',
    scaleCost: 1 / Math.max(1, edges),
    epsilon: 0.25,
    stepRadius: constant(1),
    probeRadius: constant(4),
    numProbe: 1,
    // logits bounded to ±0.6 so a probe (offset 2) can always change a vertex's argmax: without
    // it the logits grow until nothing moves (DSJC125.5, k = 17: 74 conflicts frozen against 16)
    clipToProbe: 0.3,
  });
}

/**
 * Session-like, as TabuCol: each step() is one PolyStep step (every vertex probed along 2k rotated
 * directions), then the step's cheapest improving single-vertex recolouring is checked against the
 * best, and the logits' argmax becomes the current colouring. Counts are integers, so `conflicts`
 * and `bestConflicts` are exact. Once a proper colouring is found further steps do nothing.
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

  constructor(
    readonly graph: ColoringGraph,
    readonly k: number,
    options: PolyStepColoringOptions = {},
  ) {
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
    const config = withDefaults({ ...coloringConfig(k, graph.numEdges), ...options.config });
    if (config.particleDim !== k) throw new RangeError(`particleDim must be k = ${k} (one block per vertex), got ${config.particleDim}`);
    const n = graph.numVertices;
    this.numVertices = n;
    const rng = new Rng(options.seed ?? 0);
    const x0 = startLogits(n, k, options.initial, options.initStd, rng);
    this.relaxation = new CategoricalRelaxation(graph, k, x0, Math.max(1, graph.numEdges));
    this.state = initBlock(x0.length > 0 ? x0 : new Float64Array(k), config, rng.serialize());
    this.bestCount = this.relaxation.table.conflicts;
    this.bestColors = this.relaxation.table.coloring();
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
    const metrics = blockStep(this.state, this.relaxation);
    this.lastMetrics = metrics;
    this.evaluationCount += metrics.evaluations;
    if (!metrics.coast) this.considerCandidate(this.relaxation.takeBestCandidate());
    this.relaxation.setPoint(this.state.x);
    const table = this.relaxation.table;
    if (table.conflicts < this.bestCount) this.keep(table.conflicts, table.coloring());
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
export const polyStepAttempts =
  (config?: Partial<PolyStepConfig>): AttemptFactory =>
  (graph, k, initial, seed) =>
    new PolyStepColoring(graph, k, { seed, initial, config });
