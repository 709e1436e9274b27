// MAX-SAT's account of an assignment: its status and the clauses it falsifies, beside its exact score.

import type { Scored } from '../engine-problem.js';
import { clauseMetrics } from './clause-metrics.js';
import { clauseLiterals, exactWeight, type MaxSatInstance } from './instance.js';
import { trivialLowerBound, verifyAssignment } from './verifier.js';

const MAX_LISTED_CLAUSES = 1000;

/** The score and the clause details from one verification (the first thousand falsified clauses listed). */
export function explainAssignment(inst: MaxSatInstance, assignment: Uint8Array): { score: Scored; details: Record<string, unknown> } {
  const v = verifyAssignment(inst, assignment);
  const score: Scored = { cost: v.cost, feasible: v.falsifiedHard === 0, hardFalsified: v.falsifiedHard, metrics: clauseMetrics(inst, v.falsified.length) };
  const status = inst.stats.emptyHardClauses > 0 ? 'UNSATISFIABLE' : !v.hardSatisfied ? 'UNKNOWN' : v.cost === trivialLowerBound(inst) ? 'OPTIMUM FOUND' : 'SATISFIABLE';
  const details = {
    hardSatisfied: v.hardSatisfied,
    status,
    falsifiedCount: v.falsified.length,
    falsifiedHard: v.falsifiedHard,
    falsifiedClauses: Array.from(v.falsified.subarray(0, MAX_LISTED_CLAUSES), (c) => ({
      clause: c + 1,
      hard: inst.hard[c] === 1,
      weight: inst.hard[c] === 1 ? null : exactWeight(inst, c).toString(),
      literals: clauseLiterals(inst, c),
    })),
  };
  return { score, details };
}
