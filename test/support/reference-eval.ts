// The slow, obviously correct batch evaluator: each candidate through the exact verifier, then steering weights.

import type { MaxSatInstance } from '../../src/problems/maxsat/instance.js';
import { steering, type CostScale, type Steering } from '../../src/problems/maxsat/steering.js';
import { verifyAssignment } from '../../src/problems/maxsat/verifier.js';

/** Σ steering weight of the clauses `candidate` falsifies, over the normalizer (steering.ts). */
function cost(inst: MaxSatInstance, candidate: Uint8Array, { weight, normalizer }: Steering): number {
  // The verifier wants exactly 0/1; a batch byte is true when non-zero.
  const assignment = Uint8Array.from(candidate, (b) => (b !== 0 ? 1 : 0));
  let sum = 0;
  for (const c of verifyAssignment(inst, assignment).falsified) sum += weight[c];
  return sum / normalizer;
}

/** Expected costs of `count` candidates laid out as a BatchObjective takes them (numVars bytes each). */
export function referenceCosts(inst: MaxSatInstance, batch: Uint8Array, count: number, scale: CostScale): Float64Array {
  const st = steering(inst, scale);
  const n = inst.numVars;
  return Float64Array.from({ length: count }, (_, j) => cost(inst, batch.subarray(j * n, (j + 1) * n), st));
}
