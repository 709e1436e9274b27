// How a focused local search keeps break values: integer counts, exact float sums, or a rescan.

import type { MaxSatInstance } from './instance.js';
import type { Occurrences } from './occurrences.js';

/**
 * 'count': every clause has the same steering weight w > 0, so the break of a variable is
 * w · (clauses it alone satisfies), kept as an Int32 count and no weight is ever loaded. That
 * holds for plain CNF (and for instances whose clauses are all hard); exactness then also needs
 * the soft weights to be safe integers, so that the exact soft cost is count · w.
 *
 * 'sum': every steering weight is an integer and each variable's occurrences weigh less than
 * 2^53 in total, so a Float64 running sum of the critical clauses' weights is exact under any
 * sequence of additions and subtractions: the kept break equals a recount, bit for bit.
 *
 * 'scan': anything else (fractional weights, or weights and penalties past 2^53, where running
 * sums would drift). The break is recomputed from the variable's occurrence list when asked.
 */
export type BreakMode = 'count' | 'sum' | 'scan';

/**
 * `wordBits`: how many bits a clause word has left beside its count (see FlipState). They hold
 * the critical variable ('count', 'sum'), and in 'count' mode a falsified clause's slot in the
 * falsified list; when variables (or clauses) do not fit, e.g. millions of them next to clauses
 * of hundreds of literals, breaks are rescanned.
 */
export function chooseBreakMode(inst: MaxSatInstance, weight: Float64Array, occ: Occurrences, wordBits: number): BreakMode {
  const m = inst.numClauses;
  const fits = (count: number) => wordBits > 0 && count <= 2 ** wordBits;
  if (!fits(inst.numVars)) return 'scan';
  if (m === 0) return 'count';
  const w0 = weight[0];
  let uniform = w0 > 0;
  let integral = true;
  for (let c = 0; c < m && (uniform || integral); c++) {
    const w = weight[c];
    if (w !== w0) uniform = false;
    if (!Number.isInteger(w)) integral = false;
  }
  // Counted rather than read from stats: callers may hand in an instance with `hard` replaced.
  let hard = 0;
  for (let c = 0; c < m; c++) hard += inst.hard[c];
  if (uniform && fits(m) && (hard === m || (hard === 0 && inst.exactWeights === null && Number.isSafeInteger(w0)))) return 'count';
  if (!integral) return 'scan';
  const entries = occ.entries;
  for (let v = 0; v + 1 < occ.start.length; v++) {
    let sum = 0;
    for (let k = occ.start[v]; k < occ.start[v + 1]; k++) sum += weight[entries[k] >> 1];
    // Non-negative integers: if the (monotone) float total stays below 2^53, every partial sum was exact.
    if (!(sum < 2 ** 53)) return 'scan';
  }
  return 'sum';
}
