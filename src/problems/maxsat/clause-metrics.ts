// MAX-SAT's metrics of a point: how many clauses hold.

import type { Metrics } from '../engine-problem.js';
import type { MaxSatInstance } from './instance.js';

/** Satisfied clauses over all clauses (1 for an instance without clauses). */
export function satRatioOf(inst: MaxSatInstance, falsified: number): number {
  return inst.numClauses === 0 ? 1 : 1 - falsified / inst.numClauses;
}

export function clauseMetrics(inst: MaxSatInstance, falsified: number): Metrics {
  return { satRatio: satRatioOf(inst, falsified), falsifiedClauses: falsified };
}
