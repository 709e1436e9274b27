// PolyStepES (the population ask/tell front end) on a binary problem, scored by a batch backend.

import { Rng } from '../../common/rng.js';
import type { BatchObjective } from '../../backends/eval-backend.js';
import { PolyStepES } from '../../optimizer/polystep-es.js';
import type { BinaryEngine } from '../engine.js';
import { BatchSession } from './batch-session.js';

export interface PolyStepEsOptions {
  readonly seed?: number;
  readonly numParticles?: number;
  readonly epsilon?: number;
  readonly stepRadius?: number;
}

/** Population size is numParticles · 2n candidates of n variables: meant for small instances. */
export const MAX_ES_CANDIDATE_BYTES = 64 * 1024 * 1024;

export class PolyStepEsSession extends BatchSession {
  private readonly es: PolyStepES;
  private readonly batch: Uint8Array;
  private readonly costs: Float64Array;

  constructor(problem: BinaryEngine, objective: BatchObjective, options: PolyStepEsOptions = {}) {
    super(problem, objective);
    const n = Math.max(1, this.numVars);
    const particles = options.numParticles ?? 1;
    if (particles * 2 * n * n > MAX_ES_CANDIDATE_BYTES) {
      throw new RangeError(`polystep-es scores ${particles}·2n candidates of n variables; ${n} variables is too many (use polystep)`);
    }
    const rng = new Rng(options.seed ?? 0);
    const x0 = Float64Array.from({ length: particles * n }, () => 0.1 * rng.normal());
    this.es = new PolyStepES(n, {
      numParticles: particles,
      epsilon: options.epsilon ?? 0.5,
      stepRadius: options.stepRadius ?? 0.5,
      solver: 'softmax',
      scaleCost: 'mean',
      x0,
      seed: options.seed ?? 0,
    });
    this.batch = new Uint8Array(this.es.popsize * n);
    this.costs = new Float64Array(this.es.popsize);
  }

  async step(): Promise<void> {
    const candidates = this.es.ask();
    const count = this.es.popsize;
    const n = this.numVars;
    const stride = this.es.dim;
    for (let j = 0; j < count; j++) {
      for (let v = 0; v < n; v++) this.batch[j * n + v] = candidates[j * stride + v] > 0 ? 1 : 0;
    }
    await this.score(this.batch, count, this.costs);
    this.es.tell(this.costs);
  }
}
