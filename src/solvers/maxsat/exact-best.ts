// Turns an incremental search's best point into a BestSolution with its exact bigint cost.

import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { verifyAssignment } from '../../problems/maxsat/verifier.js';
import type { BestSolution } from '../solver.js';

/** Satisfied clauses over all clauses (1 for an instance without clauses). */
export function satRatioOf(inst: MaxSatInstance, falsified: number): number {
  return inst.numClauses === 0 ? 1 : 1 - falsified / inst.numClauses;
}

export type BestMaker = (assignment: Uint8Array, softCost: number, falsified: number, feasible: boolean, step: number) => BestSolution;

/**
 * While every weight is a safe integer and their sum stays below 2^53, the float soft cost the
 * search tracks is exact; otherwise the cost is recounted exactly (only when a best is taken).
 */
export function exactBestMaker(inst: MaxSatInstance): BestMaker {
  let softTotal = 0;
  for (let c = 0; c < inst.numClauses; c++) softTotal += inst.weights[c];
  const floatIsExact = inst.exactWeights === null && softTotal <= Number.MAX_SAFE_INTEGER;
  return (assignment, softCost, falsified, feasible, step) => ({
    cost: floatIsExact ? BigInt(softCost) : verifyAssignment(inst, assignment).cost,
    feasible,
    satRatio: satRatioOf(inst, falsified),
    falsifiedClauses: falsified,
    assignment,
    step,
  });
}
