// A PolyStep step for some particles only (focused steps): each listed particle probed and moved, the rest left where they are.

import { Rng } from '../common/rng.js';
import type { BlockObjective } from './block-objective.js';
import { stepRadii, type BlockState, type StepMetrics } from './block-optimizer.js';
import { sanitizeCosts, scaleCosts } from './cost-prep.js';
import { adaptRadius } from './dynamics.js';
import { randomRotation, rotateTemplate } from './rotation.js';
import { softmaxRows } from './softmax.js';

/** How a focused step moves its particles (see `focusedBlockStep`). */
export interface FocusedStepOptions {
  /**
   * false (Jacobi): every listed particle is probed against the point as it was at the start of the
   * step, then all move. true (Gauss–Seidel): each listed particle, in list order, is probed against
   * the point left by the moves before it in this step, and moves before the next is probed.
   */
  readonly sequential?: boolean;
}

/**
 * A PolyStep OT step restricted to the particles particles[0 .. count): each listed particle gets its
 * own random rotation, its probes x_i + ρ_p·k/(K+1)·d_iv are costed, and it moves to its softmax
 * barycentre x_i + ρ_s·Σ_v W_iv d_iv (clipped as `clipToProbe` says); every other coordinate of x
 * stays where it is. With all particles listed and `sequential` false it moves the point as an OT
 * step of `blockStep` would with the same rotations (which are drawn in a different order).
 *
 * The objective must hold state.x on entry (as after `setPoint(state.x)`); this step keeps it so,
 * telling it each moved particle through `setBlock` when it has one (else `setPoint`). Softmax weights
 * only (Sinkhorn's column marginal couples particles), no momentum and no amortisation; the adaptive
 * radius, if on, sees the mean cost of the listed particles' probes. Advances t by one.
 */
export function focusedBlockStep(state: BlockState, objective: BlockObjective, particles: ArrayLike<number>, count: number, options: FocusedStepOptions = {}): StepMetrics {
  const { config, t } = state;
  if (state.asked) throw new Error('focusedBlockStep called between askBlock and tellBlock');
  if (config.solver !== 'softmax') throw new RangeError(`a focused step needs softmax weights, got ${config.solver}`);
  if (config.useMomentum || config.amortizeSteps > 1) throw new RangeError('a focused step supports neither momentum nor amortisation');
  if (!(count >= 0 && count <= particles.length)) throw new RangeError(`count ${count} is outside 0..${particles.length}`);
  const p = config.particleDim;
  const V = state.vertices;
  const K = config.numProbe;
  const rng = Rng.restore(state.rng);
  const { epsilon, stepRadius, probeRadius } = stepRadii(state, rng);
  state.lastProbeOffset = (probeRadius * K) / (K + 1);
  const bound = config.clipToProbe === null ? Number.POSITIVE_INFINITY : config.clipToProbe * state.lastProbeOffset;
  const { template, directions, costs, scaled, weights, xnew, probes, probeCosts, rotation, work } = state.scratch;
  const { x } = state;
  const sequential = options.sequential === true;
  let costSum = 0;
  let displacement = 0;
  const probeParticle = (i: number, slot: number): void => {
    if (!Number.isInteger(i) || i < 0 || i >= state.particles) throw new RangeError(`particle ${i} is outside 0..${state.particles - 1}`);
    const start = i * p;
    const len = Math.min(p, state.dim - start);
    const dir = directions.subarray(slot * V * p, (slot + 1) * V * p);
    randomRotation(p, rng, rotation, work);
    rotateTemplate(rotation, template, V, p, dir);
    for (let v = 0; v < V; v++) {
      for (let k = 0; k < K; k++) {
        const offset = (probeRadius * (k + 1)) / (K + 1);
        const at = (v * K + k) * len;
        for (let d = 0; d < len; d++) probes[at + d] = x[start + d] + offset * dir[v * p + d];
      }
    }
    objective.evaluateBlock(start, len, probes, V * K, probeCosts);
    for (let v = 0; v < V; v++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += probeCosts[v * K + k];
      costs[slot * V + v] = sum / K;
    }
    const row = costs.subarray(slot * V, (slot + 1) * V);
    sanitizeCosts(row);
    for (let v = 0; v < V; v++) costSum += row[v];
    const s = scaled.subarray(slot * V, (slot + 1) * V);
    s.set(row);
    scaleCosts(s, config.scaleCost);
    softmaxRows(s, 1, V, epsilon, weights.subarray(slot * V, (slot + 1) * V));
    // the barycentre of this particle, kept in xnew until it moves
    for (let d = 0; d < p; d++) {
      let acc = 0;
      for (let v = 0; v < V; v++) acc += weights[slot * V + v] * dir[v * p + d];
      const y = x[start + d] + stepRadius * acc;
      xnew[start + d] = y > bound ? bound : y < -bound ? -bound : y;
    }
  };
  const moveParticle = (i: number): void => {
    const start = i * p;
    let finite = true;
    for (let d = 0; d < p; d++) if (!Number.isFinite(xnew[start + d])) finite = false;
    if (!finite) return;
    for (let d = 0; d < p; d++) {
      const delta = xnew[start + d] - x[start + d];
      displacement += delta * delta;
      x[start + d] = xnew[start + d];
    }
    const len = Math.min(p, state.dim - start);
    if (objective.setBlock !== undefined) objective.setBlock(start, len, x);
    else objective.setPoint(x);
  };
  if (sequential) {
    // one scratch slot is enough: each particle moves before the next is probed
    for (let j = 0; j < count; j++) {
      probeParticle(particles[j], 0);
      moveParticle(particles[j]);
    }
  } else {
    for (let j = 0; j < count; j++) probeParticle(particles[j], j);
    for (let j = 0; j < count; j++) moveParticle(particles[j]);
  }
  state.rng = rng.serialize();
  const cost = count > 0 ? costSum / (count * V) : state.lastCost;
  if (config.useAdaptiveRadius && count > 0) state.adaptive = adaptRadius(state.adaptive, cost, config.adaptiveRadius);
  state.lastCost = cost;
  state.t = t + 1;
  return { t, coast: false, cost, displacement: count > 0 ? displacement / count : 0, epsilon, stepRadius, probeRadius, evaluations: count * V * K };
}
