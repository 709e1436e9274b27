// The slow, obviously correct cost of a binary quadratic model: bigint arithmetic over the exact coefficients.

import type { QuadraticModel } from './model.js';

/** offset + Σ linearExact[i]·x_i + Σ pairExact[k]·x_i·x_j, exactly; the reference every fast count is checked against. */
export function quadraticCost(model: QuadraticModel, x: Uint8Array): bigint {
  if (x.length !== model.n) throw new RangeError(`assignment has ${x.length} values for ${model.n} variables`);
  let cost = model.offset;
  for (let i = 0; i < model.n; i++) if (x[i] === 1) cost += model.linearExact[i];
  for (let k = 0; k < model.pairI.length; k++) {
    if (x[model.pairI[k]] === 1 && x[model.pairJ[k]] === 1) cost += model.pairExact[k];
  }
  return cost;
}

/** The float coefficient of pair {a, b} (0 when absent): a binary search in a's sorted adjacency row, O(log deg). */
export function pairCoefficient(model: QuadraticModel, a: number, b: number): number {
  const adjVar = model.adjVar;
  let lo = model.adjStart[a];
  let hi = model.adjStart[a + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const u = adjVar[mid];
    if (u === b) return model.adjQ[mid];
    if (u < b) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}
