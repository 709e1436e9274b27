// Turns a search's best point into a BestSolution whose cost is exact, whatever the weights.

import { newSoftKey, softKeyValue } from '../../problems/maxsat/exact-soft-sum.js';
import type { SoftKey } from '../../problems/maxsat/exact-soft-sum.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { maxSatFamily } from '../../problems/maxsat/family.js';
import { clauseMetrics } from '../../problems/maxsat/clause-metrics.js';
import type { BestSolution } from '../solver.js';

/**
 * An incremental search's current point as exact-best reads it (IncrementalCost and FlipState
 * both are one): its counts and its exact soft cost, compared without allocating.
 */
export interface ExactPoint {
  readonly assignment: Uint8Array;
  readonly hardFalsified: number;
  readonly clausesFalsified: number;
  readonly exactSoftCost: bigint;
  softBelow(key: SoftKey): boolean;
  saveSoft(key: SoftKey): void;
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
    metrics: clauseMetrics(inst, counts.falsifiedClauses),
    assignment,
    step,
  };
}

/** The current point of an incremental search, copied. */
export function bestOfCurrent(inst: MaxSatInstance, ic: ExactPoint, step: number): BestSolution {
  const counts = { cost: ic.exactSoftCost, hardFalsified: ic.hardFalsified, falsifiedClauses: ic.clausesFalsified };
  return bestOf(inst, ic.assignment.slice(), counts, step);
}

/** Any assignment, verified from scratch: O(size of the instance). */
export function bestOfAssignment(inst: MaxSatInstance, assignment: Uint8Array, step: number): BestSolution {
  return { ...maxSatFamily.score(inst, assignment), assignment, step };
}

/**
 * The best point's falsified hard clauses and exact soft cost, as an incremental search compares
 * against at every move: no allocation, and exact whatever the weights.
 */
export class BestMark {
  private hard: number;
  private readonly soft = newSoftKey();

  constructor(ic: ExactPoint) {
    this.hard = ic.hardFalsified;
    ic.saveSoft(this.soft);
  }

  /** When the current point of `ic` is exactly better than the marked one, marks it and says so. */
  markIfBetter(ic: ExactPoint): boolean {
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
