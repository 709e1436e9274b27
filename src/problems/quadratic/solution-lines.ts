// The closing lines of a Max-Cut or QUBO solve, in the MaxSAT Evaluation's o/s/v shape.

import { objectiveOf, type Sense, type SolutionOutcome } from '../family.js';
import { formatAssignment } from '../maxsat/assignment.js';

/**
 * The convention for unconstrained families (every assignment is feasible):
 *   c objective: <what> (maximised|minimised)
 *   o <objective in the family's own sense>     (a cut weight, x'Qx; not the engine cost)
 *   s OPTIMUM FOUND | SATISFIABLE               (OPTIMUM FOUND only when proven: the bound was reached)
 *   v <one 0/1 character per variable, variable 1 first>
 * With no best there is no `o` and no `v`, and the status is `s UNKNOWN`; a best whose assignment
 * is not at hand (a run still going) gets its `o` and `s` but no `v`.
 */
export function quadraticSolutionLines(what: string, sense: Sense, outcome: SolutionOutcome): string[] {
  const lines = [`c objective: ${what} (${sense}imised)`];
  const best = outcome.best;
  if (best === null) return [...lines, 's UNKNOWN'];
  lines.push(`o ${objectiveOf(sense, best.cost)}`);
  lines.push(`s ${outcome.optimal ? 'OPTIMUM FOUND' : 'SATISFIABLE'}`);
  if (best.assignment !== null) lines.push(`v ${formatAssignment(best.assignment)}`);
  return lines;
}

