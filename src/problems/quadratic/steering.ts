// The float cost a search over a quadratic model steers by, shared by the incremental engine and the batch backends.

import type { CostScale } from '../maxsat/steering.js';
import type { QuadraticModel } from './model.js';

/**
 * 'fraction': cost / Σ|coefficients| (linear and pair terms), so one flip moves the steering cost
 * by a fraction of the model's total weight, as a clause flip does for MAX-SAT; 'count': the cost.
 */
export function quadraticNormalizer(model: QuadraticModel, scale: CostScale): number {
  if (scale !== 'fraction') return 1;
  let total = 0;
  for (let v = 0; v < model.n; v++) total += Math.abs(model.linear[v]);
  for (let k = 0; k < model.pairQ.length; k++) total += Math.abs(model.pairQ[k]);
  return total > 0 ? total : 1;
}
