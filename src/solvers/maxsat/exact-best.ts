// Turns a search's best point into a BestSolution whose cost is exact, whatever the weights.

import { newSoftKey, softKeyValue } from '../../problems/maxsat/exact-soft-sum.js';
import type { IncrementalCost } from '../../problems/maxsat/incremental-cost.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { verifyAssignment } from '../../problems/maxsat/verifier.js';
import type { BestSolution } from '../solver.js';

/** Satisfied clauses over all clauses (1 for an instance without clauses). */
export function satRatioOf(inst: MaxSatInstance, falsified: number): number {
  return inst.numClauses === 0 ? 1 : 1 - falsified / inst.numClauses;
}

/** What an incremental search knows of a point: its exact cost and counts. */
export interface PointCounts {
  readonly cost: bigint;
  readonly hardFalsified: number;
  readonly falsifiedClauses: number;
}

export function bestOf(inst: MaxSatInstance, assignment: Uint8Array, counts: PointCounts, step: number): BestSolution {
  return {
    cost: counts.cost,
    feasible: counts.hardFalsified === 0,
    hardFalsified: counts.hardFalsified,
    satRatio: satRatioOf(inst, counts.falsifiedClauses),
    falsifiedClauses: counts.falsifiedClauses,
    assignment,
    step,
  };
}

/** The current point of an incremental search, copied. */
export function bestOfCurrent(inst: MaxSatInstance, ic: IncrementalCost, step: number): BestSolution {
  const counts = { cost: ic.exactSoftCost, hardFalsified: ic.hardFalsified, falsifiedClauses: ic.clausesFalsified };
  return bestOf(inst, ic.assignment.slice(), counts, step);
}

/** Any assignment, verified from scratch: O(size of the instance). */
export function bestOfAssignment(inst: MaxSatInstance, assignment: Uint8Array, step: number): BestSolution {
  const v = verifyAssignment(inst, assignment);
  return bestOf(inst, assignment, { cost: v.cost, hardFalsified: v.falsifiedHard, falsifiedClauses: v.falsified.length }, step);
}

/**
 * The best point's falsified hard clauses and exact soft cost, as an incremental search compares
 * against at every move: no allocation, and exact whatever the weights.
 */
export class BestMark {
  private hard: number;
  private readonly soft = newSoftKey();

  constructor(ic: IncrementalCost) {
    this.hard = ic.hardFalsified;
    ic.saveSoft(this.soft);
  }

  /** When the current point of `ic` is exactly better than the marked one, marks it and says so. */
  markIfBetter(ic: IncrementalCost): boolean {
    const hard = ic.hardFalsified;
    if (hard > this.hard || (hard === this.hard && !ic.softBelow(this.soft))) return false;
    this.hard = hard;
    ic.saveSoft(this.soft);
    return true;
  }

  get hardFalsified(): number {
    return this.hard;
  }

  get cost(): bigint {
    return softKeyValue(this.soft);
  }
}
