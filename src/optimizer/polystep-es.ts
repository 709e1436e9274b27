// Ask/tell front end PolyStepES (spec §14): the caller evaluates the step vertices, tell moves the particles.

import { Rng, type RngState } from '../common/rng.js';
import { barycentricStep } from './barycenter.js';
import { DEFAULT_SINKHORN, type ScaleCost, type SinkhornConfig, type WeightSolver } from './config.js';
import { sanitizeCosts, scaleCosts } from './cost-prep.js';
import { polytopeTemplate } from './geometry.js';
import { drawDirections } from './population.js';
import { sinkhorn } from './sinkhorn.js';
import { softmaxRows } from './softmax.js';

export interface PolyStepESOptions {
  readonly numParticles?: number;
  readonly epsilon?: number;
  /** Absolute distance of the step vertices from their particle (not scaled by ε). */
  readonly stepRadius?: number;
  readonly solver?: WeightSolver;
  readonly scaleCost?: ScaleCost;
  readonly sinkhorn?: Partial<SinkhornConfig>;
  /** A scalar for every coordinate, one row of `dim` for every particle, or all P×dim values. */
  readonly x0?: number | Float64Array;
  readonly seed?: number;
  readonly onWarning?: (message: string) => void;
}

/** Plain, structured-clonable state; the class only adds behaviour and the warning callback. */
export interface PolyStepESState {
  readonly dim: number;
  readonly numParticles: number;
  readonly epsilon: number;
  readonly stepRadius: number;
  readonly solver: WeightSolver;
  readonly scaleCost: ScaleCost;
  readonly sinkhorn: SinkhornConfig;
  readonly x: Float64Array; // P×dim
  rng: RngState;
  /** Vertices handed out by `ask` and not yet told (P×2dim×dim), or null. */
  pending: Float64Array | null;
  bestFitness: number;
  bestSolution: Float64Array | null;
  generation: number;
}

export class PolyStepES {
  readonly state: PolyStepESState;
  private readonly onWarning: (message: string) => void;

  constructor(dim: number, options?: PolyStepESOptions);
  /** Resumes from a state previously taken from `.state` (or a structured clone of it). */
  constructor(state: PolyStepESState, onWarning?: (message: string) => void);
  constructor(dimOrState: number | PolyStepESState, extra?: PolyStepESOptions | ((message: string) => void)) {
    if (typeof dimOrState !== 'number') {
      this.state = dimOrState;
      this.onWarning = typeof extra === 'function' ? extra : () => {};
      return;
    }
    const options = typeof extra === 'object' ? extra : {};
    this.state = initialState(dimOrState, options);
    this.onWarning = options.onWarning ?? (() => {});
    if (this.state.solver === 'sinkhorn' && this.state.numParticles === 1) {
      this.onWarning('PolyStepES: Sinkhorn with one particle forces a uniform plan, so particles never move; use softmax or more particles');
    }
  }

  get dim(): number {
    return this.state.dim;
  }

  get numVertices(): number {
    return 2 * this.state.dim;
  }

  /** Candidates per generation: P particles × 2·dim orthoplex vertices. */
  get popsize(): number {
    return this.state.numParticles * this.numVertices;
  }

  get bestFitness(): number {
    return this.state.bestFitness;
  }

  get bestSolution(): Float64Array | null {
    return this.state.bestSolution === null ? null : Float64Array.from(this.state.bestSolution);
  }

  /** Average particle. */
  get mean(): Float64Array {
    const { x, numParticles: P, dim } = this.state;
    const m = new Float64Array(dim);
    for (let i = 0; i < P; i++) for (let j = 0; j < dim; j++) m[j] += x[i * dim + j];
    for (let j = 0; j < dim; j++) m[j] /= P;
    return m;
  }

  /** Step vertices y_iv = x_i + ρ·R_i·u_v, particle-major (popsize×dim); a copy the caller may keep. */
  ask(): Float64Array {
    const s = this.state;
    if (s.pending !== null) throw new Error('PolyStepES.ask called twice without tell');
    const { dim, numParticles: P } = s;
    const V = this.numVertices;
    const directions = new Float64Array(P * V * dim);
    const rng = Rng.restore(s.rng);
    const template = polytopeTemplate('orthoplex', dim);
    drawDirections(template, V, dim, P, rng, new Float64Array(dim * dim), new Float64Array(2 * dim * dim), directions);
    s.rng = rng.serialize();
    for (let i = 0; i < P; i++) {
      for (let g = i * V * dim; g < (i + 1) * V * dim; g++) directions[g] = s.x[i * dim + (g % dim)] + s.stepRadius * directions[g];
    }
    s.pending = directions;
    return Float64Array.from(directions);
  }

  /** Fitness of the asked candidates in ask order (lower is better); moves every particle. */
  tell(fitness: ArrayLike<number>): void {
    const s = this.state;
    const vertices = s.pending;
    if (vertices === null) throw new Error('PolyStepES.tell called before ask');
    if (fitness.length !== this.popsize) throw new RangeError(`tell expects ${this.popsize} fitness values, got ${fitness.length}`);
    const costs = Float64Array.from(fitness);
    this.trackBest(costs, vertices);
    const weights = this.weigh(costs);
    const next = new Float64Array(s.numParticles * s.dim);
    barycentricStep(weights, vertices, s.numParticles, this.numVertices, s.dim, next);
    // A non-finite move (e.g. an all-zero plan row) keeps the particles where they were.
    if (next.every(Number.isFinite)) s.x.set(next);
    s.pending = null;
    s.generation += 1;
  }

  private trackBest(costs: Float64Array, vertices: Float64Array): void {
    const s = this.state;
    for (let g = 0; g < costs.length; g++) {
      if (Number.isFinite(costs[g]) && costs[g] < s.bestFitness) {
        s.bestFitness = costs[g];
        s.bestSolution = vertices.slice(g * s.dim, (g + 1) * s.dim);
      }
    }
  }

  /** Row weights (any positive scale per row) from raw fitness; `costs` is consumed. */
  private weigh(costs: Float64Array): Float64Array {
    const s = this.state;
    const P = s.numParticles;
    const V = this.numVertices;
    sanitizeCosts(costs);
    scaleCosts(costs, s.scaleCost);
    if (s.solver === 'softmax') {
      const w = new Float64Array(P * V);
      softmaxRows(costs, P, V, s.epsilon, w);
      return w;
    }
    return sinkhorn(costs, P, V, s.epsilon, { ...s.sinkhorn, onWarning: this.onWarning }).plan;
  }
}

function initialState(dim: number, o: PolyStepESOptions): PolyStepESState {
  const P = o.numParticles ?? 1;
  const epsilon = o.epsilon ?? 0.5;
  const stepRadius = o.stepRadius ?? 0.5;
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`numParticles must be a positive integer, got ${P}`);
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`epsilon must be finite and > 0, got ${epsilon}`);
  if (!(stepRadius >= 0) || !Number.isFinite(stepRadius)) throw new RangeError(`stepRadius must be finite and ≥ 0, got ${stepRadius}`);
  return {
    dim,
    numParticles: P,
    epsilon,
    stepRadius,
    solver: o.solver ?? 'softmax',
    scaleCost: o.scaleCost === undefined ? 'mean' : o.scaleCost,
    sinkhorn: { ...DEFAULT_SINKHORN, ...o.sinkhorn },
    x: initialParticles(o.x0 ?? 0, P, dim),
    rng: new Rng(o.seed ?? 0).serialize(),
    pending: null,
    bestFitness: Number.POSITIVE_INFINITY,
    bestSolution: null,
    generation: 0,
  };
}

function initialParticles(x0: number | Float64Array, P: number, dim: number): Float64Array {
  if (typeof x0 === 'number') return new Float64Array(P * dim).fill(x0);
  if (x0.length === P * dim) return Float64Array.from(x0);
  if (x0.length === dim) {
    const x = new Float64Array(P * dim);
    for (let i = 0; i < P; i++) x.set(x0, i * dim);
    return x;
  }
  throw new RangeError(`x0 must hold ${dim} or ${P}×${dim} values, got ${x0.length}`);
}

export interface MinimizeOptions extends PolyStepESOptions {
  readonly steps?: number;
}

export interface MinimizeResult {
  readonly bestSolution: Float64Array;
  readonly bestFitness: number;
  readonly mean: Float64Array;
  readonly evaluations: number;
  readonly state: PolyStepESState;
}

/** Runs `steps` ask/tell generations of `f` (one candidate per call) and returns the best candidate seen. */
export function minimize(f: (x: Float64Array) => number, dim: number, options: MinimizeOptions = {}): MinimizeResult {
  const steps = options.steps ?? 200;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  const es = new PolyStepES(dim, options);
  const fitness = new Float64Array(es.popsize);
  for (let n = 0; n < steps; n++) {
    const candidates = es.ask();
    for (let g = 0; g < es.popsize; g++) fitness[g] = f(candidates.subarray(g * dim, (g + 1) * dim));
    es.tell(fitness);
  }
  return {
    bestSolution: es.bestSolution ?? es.mean,
    bestFitness: es.bestFitness,
    mean: es.mean,
    evaluations: steps * es.popsize,
    state: es.state,
  };
}
