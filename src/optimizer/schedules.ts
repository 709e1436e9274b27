// ε / radius schedules of the step counter t (spec §7): constants, linear decay, cosine with restarts.

import type { CosineSchedule, LinearSchedule, Schedule } from './config.js';

/** The reference gives up unwinding restart periods after this many, leaving t past the last one. */
const MAX_RESTARTS = 100;

/** Value of `s` at step `t`; a plain number is a constant schedule. */
export function scheduleAt(s: Schedule, t: number): number {
  if (typeof s === 'number') return s;
  return s.kind === 'linear' ? linearAt(s, t) : cosineAt(s, t);
}

/** True for a schedule object, false for a plain number (which callers may scale by ε). */
export function isScheduled(s: Schedule): boolean {
  return typeof s !== 'number';
}

/**
 * Radius for step `t`: a constant radius is relative to the current ε, a scheduled radius is
 * absolute (spec §4, §16 item 4: the docs claim both are scaled, the code scales only constants).
 */
export function resolveRadius(radius: Schedule, epsilonT: number, t: number): number {
  return typeof radius === 'number' ? radius * epsilonT : scheduleAt(radius, t);
}

function linearAt(s: LinearSchedule, t: number): number {
  return Math.max(s.init - s.decay * t, s.target);
}

/**
 * Length of one cosine period. Without `totalSteps` it is derived by IEEE division then
 * truncation, so init < target yields a negative quotient and T collapses to 1 (spec §7 pitfall).
 */
export function cosinePeriod(s: CosineSchedule): number {
  const total = s.totalSteps ?? 0;
  if (total > 0) return total;
  return Math.max(1, Math.trunc((s.init - s.target) / Math.max(s.decay, 1e-12)));
}

function cosineAt(s: CosineSchedule, t: number): number {
  const { tau, length } = cosinePosition(s, t);
  const clamped = Math.min(Math.max(tau, 0), length);
  return s.target + 0.5 * (s.init - s.target) * (1 + Math.cos((Math.PI * clamped) / Math.max(length, 1)));
}

/** Position inside the current period and that period's length. */
function cosinePosition(s: CosineSchedule, t: number): { tau: number; length: number } {
  const period0 = cosinePeriod(s);
  const mult = s.restartMult ?? 1;
  if (mult <= 1) return { tau: Math.min(t, period0), length: period0 };
  let tau = t;
  let period = period0;
  // Periods grow by truncation, so a multiplier barely above 1 keeps them constant.
  for (let n = 0; n < MAX_RESTARTS && tau >= period; n++) {
    tau -= period;
    period = Math.trunc(period * mult);
  }
  return { tau, length: Math.max(period, 1) };
}
