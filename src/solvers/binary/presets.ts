// PolyStep presets: `paper` executes what the reference's MAX-SAT runner does; `default` is our tuned setting.

import { withDefaults, type CosineSchedule, type PolyStepConfig } from '../../optimizer/config.js';
import type { EngineKind } from '../engine.js';
import type { CostScale } from './search-point.js';

export type PresetName = 'paper' | 'default';
export const PRESETS: readonly PresetName[] = ['paper', 'default'];

export interface Preset {
  readonly config: PolyStepConfig;
  readonly costScale: CostScale;
  /** Standard deviation of the N(0, σ²) starting logits. */
  readonly initStd: number;
}

/**
 * The reference builds CosineEpsilon(init, target) positionally, which swaps the two: the
 * period truncates to 1, so a value is `first` at t = 0 and `then` from t = 1 on (spec §12.4).
 */
function swapped(first: number, then: number): CosineSchedule {
  return { kind: 'cosine', init: first, target: then, decay: 0.01 };
}

const TURBO_VARS = 1_000_000;

/** Spec §12.3–12.5; n ≥ 1M switches to the turbo radii and unsat counts, which freeze (§12.8). */
export function paperPreset(numVars: number): Preset {
  const turbo = numVars >= TURBO_VARS;
  const s = turbo ? 1 : Math.sqrt(numVars / 100_000);
  const config = withDefaults({
    polytopeType: 'orthoplex',
    particleDim: 2,
    solver: 'softmax',
    scaleCost: 1.0,
    epsilon: swapped(0.5, 5.0),
    stepRadius: turbo ? swapped(1000, 5000) : swapped(600 * s, 3000 * s),
    probeRadius: turbo ? swapped(100, 500) : swapped(20 * s, 100 * s),
    numProbe: 1,
    amortizeSteps: 3,
    amortizeEma: 0.7,
    useMomentum: true,
    momentumInit: 0.5,
    momentumFinal: 0.95,
    maxIterations: 50,
  });
  return { config, costScale: turbo ? 'count' : 'fraction', initStd: 0.1 };
}

/**
 * The paper's n < 1M regime at every size (fraction costs, √n-scaled radii, ε = 5), with each
 * logit bounded to 0.3 × the probe offset so that probes can always flip it: measured on the
 * 1,000-variable paper instance (3 seeds, 3,000 steps) 0.9828 against 0.9784 unbounded; on
 * uf20/uf50, 14 of 40 solved against 5; at 1M it keeps improving where turbo freezes.
 */
export function defaultPreset(numVars: number): Preset {
  const paper = paperPreset(Math.min(numVars, TURBO_VARS - 1));
  return { ...paper, config: { ...paper.config, clipToProbe: 0.3 } };
}

export function maxSatPreset(name: PresetName, numVars: number): Preset {
  return name === 'paper' ? paperPreset(numVars) : defaultPreset(numVars);
}

/** The presets an engine offers: the paper's runner exists for MAX-SAT only. */
export function presetsOf(kind: EngineKind): readonly PresetName[] {
  return kind === 'clauses' ? PRESETS : ['default'];
}

/** The preset a PolyStep run on an engine problem starts from. */
export function presetFor(kind: EngineKind, name: PresetName, numVars: number): Preset {
  if (!presetsOf(kind).includes(name)) throw new RangeError(`preset ${name} is not offered for ${kind} problems`);
  return kind === 'clauses' ? maxSatPreset(name, numVars) : defaultPreset(numVars);
}
