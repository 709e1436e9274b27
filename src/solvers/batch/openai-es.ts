// The OpenAI-ES baseline of the reference (spec §12.10), scoring its population on a batch backend.

import { Rng } from '../../common/rng.js';
import type { BatchObjective } from '../../backends/eval-backend.js';
import type { BinaryEngine } from '../engine.js';
import { BatchSession } from './batch-session.js';

export interface OpenAiEsOptions {
  readonly seed?: number;
  /** Antithetic pairs per generation (population = 2 × pairs). */
  readonly pairs?: number;
  readonly sigma?: number;
  readonly learningRate?: number;
  readonly initStd?: number;
}

/**
 * θ₀ ~ N(0, 0.1²); each generation samples ε_k and scores θ ± σε_k as x > 0 assignments;
 * rewards −cost are z-scored (all zero when their spread is below 1e-8) and
 * θ += lr / (P σ) · Σ_j ε_j · shaped_j. The reported solution is the best sample ever.
 */
export class OpenAiEs extends BatchSession {
  private readonly theta: Float64Array;
  private readonly noise: Float64Array;
  private readonly batch: Uint8Array;
  private readonly costs: Float64Array;
  private readonly rng: Rng;
  private readonly pairs: number;
  private readonly sigma: number;
  private readonly lr: number;

  constructor(problem: BinaryEngine, objective: BatchObjective, options: OpenAiEsOptions = {}) {
    super(problem, objective);
    const n = this.numVars;
    this.pairs = options.pairs ?? 25;
    this.sigma = options.sigma ?? 1.0;
    this.lr = options.learningRate ?? 0.1;
    this.rng = new Rng(options.seed ?? 0);
    const initStd = options.initStd ?? 0.1;
    this.theta = Float64Array.from({ length: n }, () => initStd * this.rng.normal());
    this.noise = new Float64Array(this.pairs * n);
    this.batch = new Uint8Array(2 * this.pairs * n);
    this.costs = new Float64Array(2 * this.pairs);
  }

  async step(): Promise<void> {
    const n = this.numVars;
    const P = 2 * this.pairs;
    this.sample();
    await this.score(this.batch, P, this.costs);
    const shaped = zScoredRewards(this.costs);
    const scale = this.lr / (P * this.sigma);
    for (let k = 0; k < this.pairs; k++) {
      // Candidate 2k used +ε_k, candidate 2k+1 used −ε_k.
      const w = scale * (shaped[2 * k] - shaped[2 * k + 1]);
      if (w === 0) continue;
      const eps = this.noise.subarray(k * n, (k + 1) * n);
      for (let v = 0; v < n; v++) this.theta[v] += w * eps[v];
    }
  }

  private sample(): void {
    const n = this.numVars;
    for (let k = 0; k < this.pairs; k++) {
      const plus = 2 * k * n;
      const minus = plus + n;
      for (let v = 0; v < n; v++) {
        const e = this.rng.normal();
        this.noise[k * n + v] = e;
        const step = this.sigma * e;
        this.batch[plus + v] = this.theta[v] + step > 0 ? 1 : 0;
        this.batch[minus + v] = this.theta[v] - step > 0 ? 1 : 0;
      }
    }
  }
}

/** (r − mean) / std of r = −cost; zeros when std ≤ 1e-8. */
export function zScoredRewards(costs: Float64Array): Float64Array {
  const P = costs.length;
  let mean = 0;
  for (let j = 0; j < P; j++) mean -= costs[j] / P;
  let variance = 0;
  for (let j = 0; j < P; j++) variance += (-costs[j] - mean) ** 2 / P;
  const std = Math.sqrt(variance);
  const out = new Float64Array(P);
  if (std <= 1e-8) return out;
  for (let j = 0; j < P; j++) out[j] = (-costs[j] - mean) / std;
  return out;
}
