// Exact verification of an assignment: bigint cost of falsified soft clauses, hard clauses checked.

import { exactWeight, type MaxSatInstance } from './instance.js';

export interface Verification {
  /** Sum of the weights of falsified soft clauses (exact). */
  readonly cost: bigint;
  readonly hardSatisfied: boolean;
  /** 0-based indices of falsified clauses, hard and soft, in clause order. */
  readonly falsified: Uint32Array;
  readonly falsifiedHard: number;
  readonly falsifiedSoft: number;
}

/** True when clause `c` has a literal made true by `assignment` (0/1 per variable, index v - 1). */
export function clauseSatisfied(inst: MaxSatInstance, assignment: Uint8Array, c: number): boolean {
  const lits = inst.literals;
  for (let k = inst.clauseStart[c], end = inst.clauseStart[c + 1]; k < end; k++) {
    const lit = lits[k];
    if (lit > 0 ? assignment[lit - 1] === 1 : assignment[-lit - 1] === 0) return true;
  }
  return false;
}

export function verifyAssignment(inst: MaxSatInstance, assignment: Uint8Array): Verification {
  if (assignment.length !== inst.numVars) {
    throw new RangeError(`assignment has ${assignment.length} values for ${inst.numVars} variables`);
  }
  const falsified: number[] = [];
  let falsifiedHard = 0;
  let safeCost = 0;
  let bigCost = 0n;
  for (let c = 0; c < inst.numClauses; c++) {
    if (clauseSatisfied(inst, assignment, c)) continue;
    falsified.push(c);
    if (inst.hard[c] === 1) falsifiedHard++;
    else if (inst.exactWeights === null && safeCost + inst.weights[c] <= Number.MAX_SAFE_INTEGER) safeCost += inst.weights[c];
    else bigCost += exactWeight(inst, c);
  }
  return {
    cost: BigInt(safeCost) + bigCost,
    hardSatisfied: falsifiedHard === 0,
    falsified: Uint32Array.from(falsified),
    falsifiedHard,
    falsifiedSoft: falsified.length - falsifiedHard,
  };
}

/** Weight every assignment pays: the empty soft clauses. A cost equal to it is optimal. */
export function trivialLowerBound(inst: MaxSatInstance): bigint {
  let bound = 0n;
  for (let c = 0; c < inst.numClauses; c++) {
    if (inst.hard[c] === 0 && inst.clauseStart[c] === inst.clauseStart[c + 1]) bound += exactWeight(inst, c);
  }
  return bound;
}
