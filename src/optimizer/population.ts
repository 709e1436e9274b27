// Low-level PolyStep population solver (spec §8): independent full-dimension particles, init/step/run.

import { Rng, type RngState } from '../common/rng.js';
import { barycentricStep } from './barycenter.js';
import { DEFAULT_SINKHORN, type PolytopeType, type ScaleCost, type Schedule, type SinkhornConfig, type WeightSolver } from './config.js';
import { sanitizeCosts, scaleCosts } from './cost-prep.js';
import { polytopeTemplate, vertexCount } from './geometry.js';
import { randomRotation, rotateTemplate } from './rotation.js';
import { scheduleAt } from './schedules.js';
import { sinkhorn, type SinkhornDuals } from './sinkhorn.js';
import { softmaxRows } from './softmax.js';

export interface PopulationConfig {
  readonly polytopeType: PolytopeType;
  readonly epsilon: Schedule;
  /** Both radii are multiples of ε(t); the low-level solver never treats them as schedules. */
  readonly stepRadius: number;
  readonly probeRadius: number;
  readonly numProbe: number;
  readonly maxIterations: number;
  readonly minIterations: number;
  /** Relative change of the mean squared displacement below which `run` stops. */
  readonly threshold: number;
  readonly solver: WeightSolver;
  readonly scaleCost: ScaleCost;
  readonly sinkhorn: SinkhornConfig;
}

export const DEFAULT_POPULATION_CONFIG: PopulationConfig = {
  polytopeType: 'orthoplex',
  epsilon: 0.1,
  stepRadius: 1.0,
  probeRadius: 2.0,
  numProbe: 1,
  maxIterations: 50,
  minIterations: 5,
  threshold: 1e-3,
  solver: 'sinkhorn',
  scaleCost: 1.0,
  sinkhorn: DEFAULT_SINKHORN,
};

export function populationConfig(partial: Partial<PopulationConfig> = {}): PopulationConfig {
  return { ...DEFAULT_POPULATION_CONFIG, ...partial, sinkhorn: { ...DEFAULT_SINKHORN, ...partial.sinkhorn } };
}

/** Batched objective: `count` points of the solver's dimension, row-major in `points`; lower is better. */
export type Objective = (points: Float64Array, count: number, out: Float64Array) => void;

export interface PopulationHooks {
  readonly onWarning?: (message: string) => void;
}

/** Scratch buffers sized once at init so a step allocates nothing of its own. */
export interface PopulationScratch {
  readonly rotation: Float64Array; // dim×dim
  readonly rotationWork: Float64Array; // 2·dim²
  readonly directions: Float64Array; // P×V×dim
  readonly vertices: Float64Array; // P×V×dim
  readonly probes: Float64Array; // P×V×K×dim
  readonly probeCosts: Float64Array; // P×V×K
  readonly costs: Float64Array; // P×V
  readonly weights: Float64Array; // P×V
  readonly next: Float64Array; // P×dim
}

/** Everything a run needs to resume: plain data, typed arrays included. */
export interface PopulationState {
  readonly config: PopulationConfig;
  readonly numParticles: number;
  readonly dim: number;
  readonly numVertices: number;
  readonly template: Float64Array;
  readonly x: Float64Array;
  t: number;
  rng: RngState;
  duals: SinkhornDuals | null;
  /** ε used by the latest step (NaN before the first). */
  epsilon: number;
  readonly costs: number[];
  readonly distances: number[];
  readonly scratch: PopulationScratch;
}

export function initPopulation(
  x0: Float64Array,
  numParticles: number,
  dim: number,
  config: Partial<PopulationConfig> = {},
  seed = 0,
): PopulationState {
  const cfg = populationConfig(config);
  validate(x0, numParticles, dim, cfg);
  const V = vertexCount(cfg.polytopeType, dim);
  const pv = numParticles * V;
  return {
    config: cfg,
    numParticles,
    dim,
    numVertices: V,
    template: polytopeTemplate(cfg.polytopeType, dim),
    x: Float64Array.from(x0),
    t: 0,
    rng: new Rng(seed).serialize(),
    duals: null,
    epsilon: Number.NaN,
    costs: [],
    distances: [],
    scratch: {
      rotation: new Float64Array(dim * dim),
      rotationWork: new Float64Array(2 * dim * dim),
      directions: new Float64Array(pv * dim),
      vertices: new Float64Array(pv * dim),
      probes: new Float64Array(pv * cfg.numProbe * dim),
      probeCosts: new Float64Array(pv * cfg.numProbe),
      costs: new Float64Array(pv),
      weights: new Float64Array(pv),
      next: new Float64Array(numParticles * dim),
    },
  };
}

function validate(x0: Float64Array, P: number, dim: number, cfg: PopulationConfig): void {
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`numParticles must be a positive integer, got ${P}`);
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (x0.length !== P * dim) throw new RangeError(`x0 must hold ${P}×${dim} values, got ${x0.length}`);
  if (!Number.isInteger(cfg.numProbe) || cfg.numProbe < 1) throw new RangeError(`numProbe must be ≥ 1, got ${cfg.numProbe}`);
  for (const [name, r] of [['stepRadius', cfg.stepRadius], ['probeRadius', cfg.probeRadius]] as const) {
    if (!(r >= 0) || !Number.isFinite(r)) throw new RangeError(`${name} must be finite and ≥ 0, got ${r}`);
  }
  if (!(cfg.minIterations >= 0) || !(cfg.maxIterations >= 0)) throw new RangeError('iteration limits must be ≥ 0');
}

/** Draws one rotation per particle and writes the rotated template rows d_iv (P×V×dim). */
export function drawDirections(
  template: Float64Array,
  V: number,
  dim: number,
  P: number,
  rng: Rng,
  rotation: Float64Array,
  work: Float64Array,
  out: Float64Array,
): void {
  const block = V * dim;
  for (let i = 0; i < P; i++) {
    randomRotation(dim, rng, rotation, work);
    rotateTemplate(rotation, template, V, dim, out.subarray(i * block, (i + 1) * block));
  }
}

/** Writes x_i + radius·scale·d_iv for every particle i, direction v (and probe scale, if several). */
function placeAlong(x: Float64Array, directions: Float64Array, P: number, V: number, dim: number, radius: number, scales: readonly number[], out: Float64Array): void {
  const K = scales.length;
  for (let i = 0; i < P; i++) {
    for (let v = 0; v < V; v++) {
      const d = (i * V + v) * dim;
      for (let k = 0; k < K; k++) {
        const o = ((i * V + v) * K + k) * dim;
        const r = radius * scales[k];
        for (let j = 0; j < dim; j++) out[o + j] = x[i * dim + j] + r * directions[d + j];
      }
    }
  }
}

/** C_iv = mean over the K probes of (i, v). */
function meanOverProbes(probeCosts: Float64Array, K: number, out: Float64Array): void {
  for (let g = 0; g < out.length; g++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += probeCosts[g * K + k];
    out[g] = s / K;
  }
}

/** Fills `scratch.weights` (rows are un-normalised plans) and returns the solver's reported cost. */
function solveWeights(state: PopulationState, epsilon: number, hooks: PopulationHooks): number {
  const { config: cfg, numParticles: P, numVertices: V, scratch } = state;
  scaleCosts(scratch.costs, cfg.scaleCost);
  if (cfg.solver === 'softmax') {
    softmaxRows(scratch.costs, P, V, epsilon, scratch.weights);
    state.duals = null;
    let cost = 0;
    for (let g = 0; g < P * V; g++) cost += scratch.costs[g] * scratch.weights[g];
    return cost / P; // plan T = W / P: each row carries mass a_i = 1/P
  }
  const result = sinkhorn(scratch.costs, P, V, epsilon, { ...cfg.sinkhorn, onWarning: hooks.onWarning }, state.duals);
  scratch.weights.set(result.plan);
  state.duals = result.duals;
  return result.cost;
}

/** Mean over particles of the squared move ‖x_i' − x_i‖². */
export function meanSquaredDisplacement(before: Float64Array, after: Float64Array, P: number, dim: number): number {
  let total = 0;
  for (let g = 0; g < P * dim; g++) {
    const d = after[g] - before[g];
    total += d * d;
  }
  return total / P;
}

function allFinite(a: Float64Array): boolean {
  for (let g = 0; g < a.length; g++) if (!Number.isFinite(a[g])) return false;
  return true;
}

/** One OT step; mutates `state` (particles, rng, duals, history) and returns it. */
export function populationStep(state: PopulationState, objective: Objective, hooks: PopulationHooks = {}): PopulationState {
  const { config: cfg, numParticles: P, dim, numVertices: V, scratch } = state;
  const K = cfg.numProbe;
  const epsilon = scheduleAt(cfg.epsilon, state.t);
  if (!(epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${epsilon} at t=${state.t}`);
  const rng = Rng.restore(state.rng);
  drawDirections(state.template, V, dim, P, rng, scratch.rotation, scratch.rotationWork, scratch.directions);
  state.rng = rng.serialize();

  const probeScales = Array.from({ length: K }, (_, k) => (k + 1) / (K + 1));
  placeAlong(state.x, scratch.directions, P, V, dim, cfg.probeRadius * epsilon, probeScales, scratch.probes);
  scratch.probeCosts.fill(Number.NaN); // an objective that skips a slot yields "never pick", not stale data
  objective(scratch.probes, P * V * K, scratch.probeCosts);
  meanOverProbes(scratch.probeCosts, K, scratch.costs);
  sanitizeCosts(scratch.costs);
  const cost = solveWeights(state, epsilon, hooks);

  placeAlong(state.x, scratch.directions, P, V, dim, cfg.stepRadius * epsilon, [1], scratch.vertices);
  barycentricStep(scratch.weights, scratch.vertices, P, V, dim, scratch.next);
  let distance = 0;
  if (allFinite(scratch.next)) {
    distance = meanSquaredDisplacement(state.x, scratch.next, P, dim);
    state.x.set(scratch.next);
  } else {
    state.duals = null; // duals that produced a non-finite move would poison the next warm start
  }
  state.epsilon = epsilon;
  state.costs.push(cost);
  state.distances.push(distance);
  state.t += 1;
  return state;
}

/** Relative change of the last two displacements is below the threshold (needs ≥ 3 of them). */
function displacementStalled(distances: readonly number[], threshold: number): boolean {
  const n = distances.length;
  if (n < 3) return false;
  const prev = distances[n - 2];
  return Math.abs(distances[n - 1] - prev) / (Math.abs(prev) + 1e-10) < threshold;
}

export interface PopulationRun {
  readonly state: PopulationState;
  readonly iterations: number;
  readonly stopReason: 'max_iterations' | 'stalled' | 'non_finite_cost';
}

/** `PolyStep.run`: up to maxIterations steps, stopping early only after minIterations (spec §8). */
export function runPopulation(
  x0: Float64Array,
  numParticles: number,
  dim: number,
  config: Partial<PopulationConfig>,
  seed: number,
  objective: Objective,
  hooks: PopulationHooks = {},
): PopulationRun {
  const state = initPopulation(x0, numParticles, dim, config, seed);
  const { maxIterations, minIterations, threshold } = state.config;
  for (let i = 0; i < maxIterations; i++) {
    populationStep(state, objective, hooks);
    if (i < minIterations) continue;
    if (!Number.isFinite(state.costs[state.costs.length - 1])) {
      return { state, iterations: i + 1, stopReason: 'non_finite_cost' };
    }
    if (displacementStalled(state.distances, threshold)) return { state, iterations: i + 1, stopReason: 'stalled' };
  }
  return { state, iterations: maxIterations, stopReason: 'max_iterations' };
}
