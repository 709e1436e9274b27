// Seeded random sparse structure for generated Max-Cut graphs and QUBO matrices: distinct index pairs.

import { Rng } from '../../common/rng.js';

/** `count` distinct pairs (i, j), 0-based, i < j (or i ≤ j with the diagonal), sorted by (i, j). */
export interface RandomPairs {
  readonly i: Int32Array;
  readonly j: Int32Array;
}

/** Generated files stay below this many lines (a 16M-line file is about 200 MB of text). */
export const MAX_GENERATED_PAIRS = 2 ** 24;
/** Pair keys i·n + j stay exact doubles up to this n. */
export const MAX_GENERATED_VARS = 2 ** 26;

/** How many pairs a matrix of `n` variables has: n(n−1)/2, plus n with the diagonal. */
export function pairCapacity(n: number, diagonal: boolean): number {
  return (n * (n - 1)) / 2 + (diagonal ? n : 0);
}

/**
 * Draws `count` distinct pairs uniformly. Below half the capacity by rejection over a set of keys;
 * above it, the pairs left out are drawn instead, so the work stays O(count) either way.
 */
export function randomPairs(n: number, count: number, rng: Rng, diagonal: boolean): RandomPairs {
  const capacity = pairCapacity(n, diagonal);
  if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED_VARS) throw new RangeError(`variable count must be 1..${MAX_GENERATED_VARS}, got ${n}`);
  if (!Number.isInteger(count) || count < 0 || count > capacity || count > MAX_GENERATED_PAIRS) {
    throw new RangeError(`pair count must be 0..${Math.min(capacity, MAX_GENERATED_PAIRS)} for ${n} variables, got ${count}`);
  }
  const drawn = count <= capacity / 2 ? count : capacity - count;
  const keys = new Set<number>();
  while (keys.size < drawn) {
    let a = rng.below(n);
    let b = rng.below(n);
    if (a === b && !diagonal) continue;
    if (a > b) [a, b] = [b, a];
    keys.add(a * n + b);
  }
  const chosen = drawn === count ? Float64Array.from(keys).sort() : complement(n, keys, count, diagonal);
  const i = new Int32Array(count);
  const j = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    i[k] = Math.floor(chosen[k] / n);
    j[k] = chosen[k] - i[k] * n;
  }
  return { i, j };
}

/** Every pair key not in `left`, in order (only called when the result is the larger half). */
function complement(n: number, left: Set<number>, count: number, diagonal: boolean): Float64Array {
  const out = new Float64Array(count);
  let k = 0;
  for (let a = 0; a < n; a++) {
    for (let b = diagonal ? a : a + 1; b < n; b++) {
      const key = a * n + b;
      if (!left.has(key)) out[k++] = key;
    }
  }
  return out;
}

/** Integer weights: all 1, ±1 at random, or uniform in lo..hi with zero skipped. */
export type WeightRule = { readonly kind: 'unit' } | { readonly kind: 'pm1' } | { readonly kind: 'range'; readonly lo: number; readonly hi: number };

export function drawWeights(count: number, rule: WeightRule, rng: Rng): Float64Array {
  const w = new Float64Array(count);
  if (rule.kind === 'range' && (!Number.isSafeInteger(rule.lo) || !Number.isSafeInteger(rule.hi) || rule.lo > rule.hi || (rule.lo === 0 && rule.hi === 0))) {
    throw new RangeError(`weight range ${rule.lo}..${rule.hi} must be safe integers, lo ≤ hi, not only 0`);
  }
  for (let k = 0; k < count; k++) {
    if (rule.kind === 'unit') w[k] = 1;
    else if (rule.kind === 'pm1') w[k] = rng.below(2) === 0 ? -1 : 1;
    else w[k] = nonZeroIn(rule.lo, rule.hi, rng);
  }
  return w;
}

function nonZeroIn(lo: number, hi: number, rng: Rng): number {
  const span = hi - lo + 1;
  for (;;) {
    const v = lo + (span <= 2 ** 32 ? rng.below(span) : Math.floor(rng.uniform() * span));
    if (v !== 0) return v;
  }
}
