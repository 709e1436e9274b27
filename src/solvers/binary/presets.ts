// PolyStep presets: `paper` executes what the reference's MAX-SAT runner does; `default` is our tuned setting.

import { withDefaults, type CosineSchedule, type PolyStepConfig, type Schedule } from '../../optimizer/config.js';
import type { EngineKind } from '../engine.js';
import type { CostScale } from './search-point.js';

export type PresetName = 'paper' | 'default' | 'focused';
export const PRESETS: readonly PresetName[] = ['paper', 'default', 'focused'];

/** For people (the catalog a client builds its forms from): what each preset is, in a sentence. */
export const PRESET_SUMMARIES: Readonly<Record<PresetName, string>> = {
  paper: 'What the reference’s MAX-SAT runner does: its radii scaled with √n, momentum and amortisation (turbo radii from 1M variables).',
  default: 'The paper’s setting at every size, each logit bounded to 0.3 × the probe offset so probes can always flip it.',
  focused: 'Focused steps over pairs drawn from the variables of falsified constraints, with constant ε and radii.',
};

export interface Preset {
  readonly config: PolyStepConfig;
  readonly costScale: CostScale;
  /** Standard deviation of the N(0, σ²) starting logits. */
  readonly initStd: number;
  /** Present for the focused preset: how its steps pick and move particles. */
  readonly focus?: FocusSettings;
}

/** How a focused PolyStep step picks its particles (see FocusedPolyStep). */
export interface FocusSettings {
  /** Particles per optimizer step, each from its own focus draw. */
  readonly blocks: number;
  /** Each particle is probed after the previous one moved (Gauss–Seidel). */
  readonly sequential: boolean;
  /** Steering surcharge on probes that flip nothing, in typical constraints (FocusSource.unit). */
  readonly stayCost: number;
  /** 'focus': two drawn variables are made to share a particle; 'fixed': particles as the index pairs them. */
  readonly pairing: 'focus' | 'fixed';
  /** Optimizer steps per session step (the unit a best is materialised at most once per). */
  readonly movesPerStep: number;
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

const constant = (value: number): Schedule => ({ kind: 'linear', init: value, target: value, decay: 0 });

export const DEFAULT_FOCUS: FocusSettings = { blocks: 1, sequential: true, stayCost: 3, pairing: 'focus', movesPerStep: 1000 };

/**
 * Not in the reference: focused steps (FocusedPolyStep) over pairs drawn from the variables of
 * falsified constraints, softmax weights, no momentum or amortisation, constant ε and radii. Costs
 * are scaled to typical constraints at run time (scaleCost = FocusSource.unit), so ε and the radii
 * do not depend on the size; logits are bounded as in `default` so probes can always flip them.
 * Tuned with `bench:focused` on the paper's 10K and 100K instances at 2M pair moves, 2 seeds:
 * ε 0.35 against 0.25 / 0.5 / 1; a stay surcharge of 3 clauses against 0 / 1 / 2 / 4 / 5 (0 left
 * 100K at ~2× the unsat); step radius 1.5 against 0.8 / 3; one pair per step against 2 / 4;
 * re-paired against fixed pairs (10K, 1M moves, 2 seeds: median 73 against 737 unsat;
 * `bench:focused -- --vars 10000 --seeds 2 --solvers focused --moves 1000000 --focus '{"pairing":"fixed"}'`).
 */
export function focusedPreset(): Preset {
  const config = withDefaults({
    polytopeType: 'orthoplex',
    particleDim: 2,
    solver: 'softmax',
    epsilon: 0.35,
    stepRadius: constant(1.5),
    probeRadius: constant(4),
    numProbe: 1,
    clipToProbe: 0.3,
  });
  return { config, costScale: 'fraction', initStd: 0.1, focus: DEFAULT_FOCUS };
}

/** The presets an engine offers: the paper's runner exists for MAX-SAT only. */
export function presetsOf(kind: EngineKind): readonly PresetName[] {
  return kind === 'clauses' ? PRESETS : QUADRATIC_PRESETS;
}

/**
 * Focused steps beat `default` on Max-Cut at equal time (`polystep solve instances/gset/G1.txt
 * --preset focused|default --time-limit 5 --seed 1`: G1 cut 11,565 against 11,429, G22 13,153
 * against 12,781; best known 11,624 and 13,359).
 */
const QUADRATIC_PRESETS: readonly PresetName[] = ['default', 'focused'];

/** The preset a PolyStep run on an engine problem starts from. */
export function presetFor(kind: EngineKind, name: PresetName, numVars: number): Preset {
  if (!presetsOf(kind).includes(name)) throw new RangeError(`preset ${name} is not offered for ${kind} problems`);
  // past the check, `paper` is a MAX-SAT preset: the name alone decides
  return name === 'paper' ? paperPreset(numVars) : name === 'focused' ? focusedPreset() : defaultPreset(numVars);
}
