// The full-space PolyStep optimizer (spec §3.1, §4): one point cut into particles, one particle moved per candidate.

import { Rng, type RngState } from '../common/rng.js';
import type { BlockObjective } from './block-objective.js';
import type { PolyStepConfig } from './config.js';
import { sanitizeCosts, scaleCosts } from './cost-prep.js';
import { adaptRadius, amortizeDirection, coastFraction, INITIAL_ADAPTIVE_RADIUS, momentumCoefficient, momentumStep, type AdaptiveRadiusState } from './dynamics.js';
import { polytopeTemplate, vertexCount } from './geometry.js';
import { randomRotation, rotateTemplate } from './rotation.js';
import { resolveRadius, scheduleAt } from './schedules.js';
import { sinkhorn, type SinkhornDuals } from './sinkhorn.js';
import { softmaxRows } from './softmax.js';
import { validateConfig } from './validate-config.js';

/** Everything a run needs to continue: plain data (typed arrays included), no closures. */
export interface BlockState {
  readonly config: PolyStepConfig;
  readonly dim: number;
  readonly particles: number;
  readonly vertices: number;
  /** Current point, zero-padded to particles · particleDim coordinates. */
  readonly x: Float64Array;
  readonly velocity: Float64Array | null;
  /** Amortisation direction D (spec §6.3); null until the first OT step. */
  direction: Float64Array | null;
  /** Global step counter: advances on OT and coast steps alike. */
  t: number;
  rng: RngState;
  adaptive: AdaptiveRadiusState;
  duals: SinkhornDuals | null;
  lastCost: number;
  /** Largest probe offset of the last OT step, the unit of `clipToProbe`. */
  lastProbeOffset: number;
  /** An ask is outstanding (its tell has not come yet). */
  asked: boolean;
  readonly scratch: BlockScratch;
}

interface BlockScratch {
  readonly template: Float64Array;
  readonly directions: Float64Array;
  readonly costs: Float64Array;
  readonly scaled: Float64Array;
  readonly weights: Float64Array;
  readonly xbar: Float64Array;
  readonly xnew: Float64Array;
  readonly raw: Float64Array;
  readonly amortized: Float64Array;
  readonly probes: Float64Array;
  readonly probeCosts: Float64Array;
  readonly rotation: Float64Array;
  readonly work: Float64Array;
}

export interface StepMetrics {
  readonly t: number;
  readonly coast: boolean;
  /** Mean probe cost of the step (the last OT step's on coast steps). */
  readonly cost: number;
  /** Mean over particles of the squared move. */
  readonly displacement: number;
  readonly epsilon: number;
  readonly stepRadius: number;
  readonly probeRadius: number;
  /** Candidate evaluations this step (particles · vertices · numProbe, 0 when coasting). */
  readonly evaluations: number;
}

/** `seed` starts a fresh random stream; an RngState continues one (e.g. after drawing x0 from it). */
export function initBlock(x0: Float64Array, config: PolyStepConfig, seed: number | RngState, onWarning?: (message: string) => void): BlockState {
  validateConfig(config, onWarning);
  const p = config.particleDim;
  const particles = Math.ceil(x0.length / p);
  const V = vertexCount(config.polytopeType, p);
  const size = particles * p;
  const x = new Float64Array(size);
  x.set(x0);
  const K = config.numProbe;
  return {
    config,
    dim: x0.length,
    particles,
    vertices: V,
    x,
    velocity: config.useMomentum ? new Float64Array(size) : null,
    direction: null,
    t: 0,
    rng: typeof seed === 'number' ? new Rng(seed).serialize() : seed,
    adaptive: INITIAL_ADAPTIVE_RADIUS,
    duals: null,
    lastCost: Number.NaN,
    lastProbeOffset: Number.POSITIVE_INFINITY,
    asked: false,
    scratch: {
      template: polytopeTemplate(config.polytopeType, p),
      directions: new Float64Array(particles * V * p),
      costs: new Float64Array(particles * V),
      scaled: new Float64Array(particles * V),
      weights: new Float64Array(particles * V),
      xbar: new Float64Array(size),
      xnew: new Float64Array(size),
      raw: new Float64Array(config.amortizeSteps > 1 ? size : 0),
      amortized: new Float64Array(config.amortizeSteps > 1 ? size : 0),
      probes: new Float64Array(V * K * p),
      probeCosts: new Float64Array(V * K),
      rotation: new Float64Array(p * p),
      work: new Float64Array(2 * p * p),
    },
  };
}

/**
 * What a step asks for. A coast step needs nothing; an OT step needs `costs[i·V + v]`, the mean
 * cost of the probes x_i + ρ_p·k/(K+1)·d_iv (directions in `directions`, particle-major).
 */
export type BlockAsk =
  | { readonly kind: 'coast' }
  | {
      readonly kind: 'evaluate';
      readonly epsilon: number;
      readonly stepRadius: number;
      readonly probeRadius: number;
      readonly directions: Float64Array;
      readonly costs: Float64Array;
    };

/** One call of the reference's `step`: ask, evaluate through `objective`, tell. Mutates `state`. */
export function blockStep(state: BlockState, objective: BlockObjective): StepMetrics {
  const ask = askBlock(state);
  if (ask.kind === 'evaluate') evaluateBlockAsk(state, ask, objective);
  return tellBlock(state, ask);
}

/** Draws the step's rotations and radii; the caller fills `costs` before `tellBlock`. */
export function askBlock(state: BlockState): BlockAsk {
  if (state.asked) throw new Error('askBlock called twice without tellBlock');
  state.asked = true;
  const { config, t } = state;
  const A = config.amortizeSteps;
  if (A > 1 && t % A !== 0 && state.direction !== null) return { kind: 'coast' };
  const rng = Rng.restore(state.rng);
  const { epsilon, stepRadius, probeRadius } = stepRadii(state, rng);
  drawDirections(state, rng);
  state.rng = rng.serialize();
  const { directions, costs } = state.scratch;
  return { kind: 'evaluate', epsilon, stepRadius, probeRadius, directions, costs };
}

/** The step's ε and radii (the adaptive multiplier applied; the probe radius jittered with one draw of `rng`). */
export function stepRadii(state: BlockState, rng: Rng): { readonly epsilon: number; readonly stepRadius: number; readonly probeRadius: number } {
  const { config, t } = state;
  const epsilon = scheduleAt(config.epsilon, t);
  const m = config.useAdaptiveRadius ? state.adaptive.multiplier : 1;
  const stepRadius = resolveRadius(config.stepRadius, epsilon, t) * m;
  let probeRadius = resolveRadius(config.probeRadius, epsilon, t) * m;
  if (config.probeRadiusJitter > 0) probeRadius *= 1 + (2 * rng.uniform() - 1) * config.probeRadiusJitter;
  return { epsilon, stepRadius, probeRadius };
}

/** Fills the ask's costs from a block objective (the synchronous evaluation path). */
export function evaluateBlockAsk(state: BlockState, ask: BlockAsk, objective: BlockObjective): void {
  if (ask.kind !== 'evaluate') return;
  objective.setPoint(state.x);
  evaluateCosts(state, objective, ask.probeRadius);
}

/** Completes the step the last ask started: coasts, or weighs the costs and moves. */
export function tellBlock(state: BlockState, ask: BlockAsk): StepMetrics {
  if (!state.asked) throw new Error('tellBlock called before askBlock');
  state.asked = false;
  return ask.kind === 'coast' ? coastStep(state) : otStep(state, ask);
}

function coastStep(state: BlockState): StepMetrics {
  const { x, direction } = state;
  const { xnew } = state.scratch;
  const f = coastFraction(state.t % state.config.amortizeSteps, state.config.amortizeSteps);
  let finite = true;
  for (let i = 0; i < x.length; i++) {
    xnew[i] = x[i] + f * (direction as Float64Array)[i];
    if (!Number.isFinite(xnew[i])) finite = false;
  }
  const displacement = finite ? moveTo(state, xnew) : 0;
  const t = state.t++;
  return { t, coast: true, cost: state.lastCost, displacement, epsilon: Number.NaN, stepRadius: 0, probeRadius: 0, evaluations: 0 };
}

function otStep(state: BlockState, ask: Extract<BlockAsk, { kind: 'evaluate' }>): StepMetrics {
  const { config, t } = state;
  const { epsilon, stepRadius, probeRadius } = ask;
  state.lastProbeOffset = (probeRadius * config.numProbe) / (config.numProbe + 1);
  const { costs, xbar, xnew } = state.scratch;
  sanitizeCosts(costs);
  const cost = mean(costs);
  computeWeights(state, epsilon);
  barycentre(state, stepRadius);
  if (state.velocity !== null) {
    const beta = momentumCoefficient(t, config.maxIterations, config.momentumInit, config.momentumFinal);
    momentumStep(state.x, xbar, state.velocity, beta, config.velocityLr, xnew);
  } else {
    xnew.set(xbar);
  }
  if (config.useAdaptiveRadius) state.adaptive = adaptRadius(state.adaptive, cost, config.adaptiveRadius);
  let displacement = 0;
  if (allFinite(xnew)) {
    if (config.amortizeSteps > 1) amortize(state);
    displacement = moveTo(state, xnew);
  } else {
    state.velocity?.fill(0);
    state.duals = null;
  }
  state.lastCost = cost;
  state.t = t + 1;
  const evaluations = state.particles * state.vertices * config.numProbe;
  return { t, coast: false, cost, displacement, epsilon, stepRadius, probeRadius, evaluations };
}

function drawDirections(state: BlockState, rng: Rng): void {
  const p = state.config.particleDim;
  const V = state.vertices;
  const { template, directions, rotation, work } = state.scratch;
  for (let i = 0; i < state.particles; i++) {
    randomRotation(p, rng, rotation, work);
    rotateTemplate(rotation, template, V, p, directions.subarray(i * V * p, (i + 1) * V * p));
  }
}

/** C_iv = mean over probes k of the cost of z_ivk = x_i + ρ_p · k/(K+1) · d_iv. */
function evaluateCosts(state: BlockState, objective: BlockObjective, probeRadius: number): void {
  const p = state.config.particleDim;
  const K = state.config.numProbe;
  const V = state.vertices;
  const { x } = state;
  const { directions, costs, probes, probeCosts } = state.scratch;
  for (let i = 0; i < state.particles; i++) {
    const start = i * p;
    const len = Math.min(p, state.dim - start);
    for (let v = 0; v < V; v++) {
      const dir = (i * V + v) * p;
      for (let k = 0; k < K; k++) {
        const offset = (probeRadius * (k + 1)) / (K + 1);
        const at = (v * K + k) * len;
        for (let d = 0; d < len; d++) probes[at + d] = x[start + d] + offset * directions[dir + d];
      }
    }
    objective.evaluateBlock(start, len, probes, V * K, probeCosts);
    for (let v = 0; v < V; v++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += probeCosts[v * K + k];
      costs[i * V + v] = sum / K;
    }
  }
}

/** Row-normalised weights: softmax, or the Sinkhorn plan divided by its realised row sums. */
function computeWeights(state: BlockState, epsilon: number): void {
  const { config, particles: P, vertices: V } = state;
  const { costs, scaled, weights } = state.scratch;
  scaled.set(costs);
  scaleCosts(scaled, config.scaleCost);
  if (config.solver === 'softmax') {
    softmaxRows(scaled, P, V, epsilon, weights);
    return;
  }
  const result = sinkhorn(scaled, P, V, epsilon, config.sinkhorn, state.duals);
  state.duals = result.duals;
  for (let i = 0; i < P; i++) {
    let row = 0;
    for (let v = 0; v < V; v++) row += result.plan[i * V + v];
    const scale = row > 0 && Number.isFinite(row) ? 1 / row : 0;
    for (let v = 0; v < V; v++) weights[i * V + v] = result.plan[i * V + v] * scale;
  }
}

/** Xbar_i = x_i + ρ_s · Σ_v w_iv d_iv, the weighted barycentre of the step vertices. */
function barycentre(state: BlockState, stepRadius: number): void {
  const p = state.config.particleDim;
  const V = state.vertices;
  const { x } = state;
  const { directions, weights, xbar } = state.scratch;
  for (let i = 0; i < state.particles; i++) {
    for (let d = 0; d < p; d++) {
      let acc = 0;
      for (let v = 0; v < V; v++) acc += weights[i * V + v] * directions[(i * V + v) * p + d];
      xbar[i * p + d] = x[i * p + d] + stepRadius * acc;
    }
  }
}

function amortize(state: BlockState): void {
  const { x } = state;
  const { xbar, raw, amortized } = state.scratch;
  for (let i = 0; i < x.length; i++) raw[i] = xbar[i] - x[i];
  state.direction = amortizeDirection(state.direction, raw, state.config.amortizeEma, amortized);
}

/** Moves x to `next` (clipped when configured) and returns the mean squared displacement per particle. */
function moveTo(state: BlockState, next: Float64Array): number {
  const { x } = state;
  const kappa = state.config.clipToProbe;
  if (kappa !== null) clip(next, kappa * state.lastProbeOffset);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const d = next[i] - x[i];
    sum += d * d;
  }
  x.set(next);
  return sum / state.particles;
}

function clip(a: Float64Array, bound: number): void {
  for (let i = 0; i < a.length; i++) {
    if (a[i] > bound) a[i] = bound;
    else if (a[i] < -bound) a[i] = -bound;
  }
}

function mean(a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return sum / a.length;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
