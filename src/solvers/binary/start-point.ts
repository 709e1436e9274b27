// Where a local search starts: the assignment it was given, or a uniformly random one.

import type { Rng } from '../../common/rng.js';

/** `initial` itself when given (checked against `n`), else n fair coin flips from `rng`. */
export function startPoint(n: number, initial: Uint8Array | undefined, rng: Rng): Uint8Array {
  if (initial !== undefined) {
    if (initial.length !== n) throw new RangeError(`initial assignment has ${initial.length} values for ${n} variables`);
    return initial;
  }
  const start = new Uint8Array(n);
  for (let v = 0; v < n; v++) start[v] = rng.below(2);
  return start;
}
