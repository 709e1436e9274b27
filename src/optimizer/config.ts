// PolyStep hyperparameters (reference names in camelCase) and their defaults (spec §11).

export type PolytopeType = 'orthoplex' | 'simplex' | 'cube';
export type WeightSolver = 'softmax' | 'sinkhorn';
/** null: unchanged; a number s > 0: C / s; 'mean' / 'max_cost': divide by mean|C| / max|C|. */
export type ScaleCost = null | number | 'mean' | 'max_cost';

export interface LinearSchedule {
  readonly kind: 'linear';
  readonly init: number;
  readonly target: number;
  readonly decay: number;
}

export interface CosineSchedule {
  readonly kind: 'cosine';
  readonly init: number;
  readonly target: number;
  readonly decay: number;
  readonly totalSteps?: number;
  readonly restartMult?: number;
}

/** A constant, or a schedule of the step counter t. */
export type Schedule = number | LinearSchedule | CosineSchedule;

export interface SinkhornConfig {
  readonly maxIterations: number;
  readonly threshold: number;
  readonly checkEvery: number;
  readonly omega: number;
}

export interface AdaptiveRadiusConfig {
  readonly threshold: number;
  readonly patience: number;
  readonly increase: number;
  readonly decrease: number;
  readonly min: number;
  readonly max: number;
}

export interface PolyStepConfig {
  readonly polytopeType: PolytopeType;
  readonly particleDim: number;
  readonly epsilon: Schedule;
  /** A constant radius is multiplied by ε(t); a scheduled one is not (spec §7). */
  readonly stepRadius: Schedule;
  readonly probeRadius: Schedule;
  readonly numProbe: number;
  readonly solver: WeightSolver;
  readonly scaleCost: ScaleCost;
  readonly sinkhorn: SinkhornConfig;
  readonly useMomentum: boolean;
  readonly momentumInit: number;
  readonly momentumFinal: number;
  readonly velocityLr: number;
  /** Length of the momentum ramp (the reference's max_iterations); it stops nothing. */
  readonly maxIterations: number;
  readonly amortizeSteps: number;
  readonly amortizeEma: number;
  readonly useAdaptiveRadius: boolean;
  readonly adaptiveRadius: AdaptiveRadiusConfig;
  readonly probeRadiusJitter: number;
  /**
   * Not in the reference: bounds every coordinate to ±clipToProbe · (largest probe offset) after
   * each move, so the probes can always cross zero (no freeze, spec §12.8). null: unbounded.
   */
  readonly clipToProbe: number | null;
}

export const DEFAULT_SINKHORN: SinkhornConfig = { maxIterations: 2000, threshold: 1e-6, checkEvery: 10, omega: 1 };

export const DEFAULT_ADAPTIVE_RADIUS: AdaptiveRadiusConfig = {
  threshold: 1e-4,
  patience: 10,
  increase: 1.5,
  decrease: 0.9,
  min: 0.5,
  max: 3.0,
};

/** `PolyStepOptimizer` defaults, except that the weight solver is an explicit choice here. */
export const DEFAULT_CONFIG: PolyStepConfig = {
  polytopeType: 'orthoplex',
  particleDim: 2,
  epsilon: 0.1,
  stepRadius: 1.0,
  probeRadius: 2.0,
  numProbe: 1,
  solver: 'sinkhorn',
  scaleCost: 1.0,
  sinkhorn: DEFAULT_SINKHORN,
  useMomentum: false,
  momentumInit: 0.5,
  momentumFinal: 0.95,
  velocityLr: 1.0,
  maxIterations: 50,
  amortizeSteps: 1,
  amortizeEma: 0.7,
  useAdaptiveRadius: false,
  adaptiveRadius: DEFAULT_ADAPTIVE_RADIUS,
  probeRadiusJitter: 0,
  clipToProbe: null,
};

export function withDefaults(partial: Partial<PolyStepConfig>): PolyStepConfig {
  return {
    ...DEFAULT_CONFIG,
    ...partial,
    sinkhorn: { ...DEFAULT_SINKHORN, ...partial.sinkhorn },
    adaptiveRadius: { ...DEFAULT_ADAPTIVE_RADIUS, ...partial.adaptiveRadius },
  };
}
