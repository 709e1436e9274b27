// How a cell's objective compares with its instance's reference, in the problem's own sense: reached, gap.

import type { Sense } from '../problems/family.js';

/*
 * The reference of an instance is its optimum when known, else its best-known objective, both in
 * the problem's own sense (MAX-SAT: least falsified soft weight; Max-Cut: largest cut weight;
 * QUBO: its file's sense). Comparisons are exact (bigint); only the gap's quotient is a float.
 *
 * - reached: the objective is at least as good as the reference (min: ≤, max: ≥).
 * - gap: how much worse than the reference, relative to it, ≥ 0 exactly when not worse:
 *     min: (objective − reference) / max(1, |reference|)
 *     max: (reference − objective) / max(1, |reference|)
 *   The max(1, ·) keeps references of 0 (satisfiable MAX-SAT) finite: there the gap is the
 *   difference itself. A negative gap means the cell beat the best known.
 */

interface Known {
  readonly optimum: bigint | null;
  readonly bestKnown: bigint | null;
}

/** The objective a cell is judged against: the optimum when known, else the best known; null when neither. */
export function referenceOf(known: Known): bigint | null {
  return known.optimum ?? known.bestKnown;
}

/** Whether `a` is at least as good as `b` in `sense`. */
export function atLeastAsGood(sense: Sense, a: bigint, b: bigint): boolean {
  return sense === 'max' ? a >= b : a <= b;
}

/** The better of two objectives in `sense`. */
export function better(sense: Sense, a: bigint, b: bigint): bigint {
  return atLeastAsGood(sense, a, b) ? a : b;
}

/** How far `objective` falls short of `reference`, as a fraction of |reference| (at least 1); negative when it beats it. */
export function gapTo(sense: Sense, objective: bigint, reference: bigint): number {
  const shortfall = sense === 'max' ? reference - objective : objective - reference;
  const magnitude = reference < 0n ? -reference : reference;
  // The difference is exact; only the quotient is a float.
  return Number(shortfall) / Number(magnitude > 1n ? magnitude : 1n);
}

