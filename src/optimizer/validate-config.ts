// Rejects PolyStep settings the algorithm cannot run with (RangeError), warns about costly ones.

import type { PolyStepConfig, Schedule } from './config.js';

function positiveSchedule(s: Schedule, name: string): void {
  const values = typeof s === 'number' ? [s] : [s.init, s.target];
  if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new RangeError(`${name} must be finite and non-negative`);
}

function integerAtLeast(value: number, min: number, name: string): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

export function validateConfig(c: PolyStepConfig, onWarning?: (message: string) => void): void {
  integerAtLeast(c.particleDim, 2, 'particleDim');
  integerAtLeast(c.numProbe, 1, 'numProbe');
  integerAtLeast(c.amortizeSteps, 1, 'amortizeSteps');
  integerAtLeast(c.maxIterations, 1, 'maxIterations');
  if (c.polytopeType === 'cube' && c.particleDim > 16) throw new RangeError('cube polytopes need particleDim ≤ 16 (2^p vertices)');
  if (c.polytopeType === 'cube' && c.particleDim > 4) onWarning?.(`cube with particleDim ${c.particleDim} has ${2 ** c.particleDim} vertices`);
  if (!(c.probeRadiusJitter >= 0 && c.probeRadiusJitter < 1)) throw new RangeError('probeRadiusJitter must be in [0, 1)');
  if (!(c.amortizeEma >= 0 && c.amortizeEma <= 1)) throw new RangeError('amortizeEma must be in [0, 1]');
  if (!(c.velocityLr > 0 && Number.isFinite(c.velocityLr))) throw new RangeError('velocityLr must be positive');
  positiveSchedule(c.epsilon, 'epsilon');
  positiveSchedule(c.stepRadius, 'stepRadius');
  positiveSchedule(c.probeRadius, 'probeRadius');
}
