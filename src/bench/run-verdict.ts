// Judges one solver run against the instance: does the final model cost the last `o`, is the
// status right, does the exit code match it, was stderr quiet.

import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import { STATUS_EXIT_CODE, type SolveStatus } from '../problems/maxsat/solution-output.js';
import { verifyAssignment } from '../problems/maxsat/verifier.js';
import { costsDecrease, decodeModel, finalStatus, lastCost, parseSolverOutput, type SolverOutput } from './solver-output.js';

/** What is known about an instance, and from where. */
export interface InstanceTruth {
  /** Whether the hard clauses can all hold; null when unknown. */
  readonly feasible: boolean | null;
  /** The optimum, when certified (a proof in the CSV, or enumeration); null otherwise. */
  readonly optimum: bigint | null;
  readonly source: string;
}

/** How a final model can disagree with what the solver claimed. Any one makes the run a violation. */
export type ViolationKind =
  | 'v-cost-differs' // the model's exact cost is not the last o
  | 'v-without-o' // a model, but no o line at all
  | 'o-without-v' // o lines, but no model
  | 'v-breaks-hard' // the model falsifies a hard clause
  | 'v-malformed' // not one 0/1 character per variable, or several v lines
  | 'claim-without-v'; // s OPTIMUM FOUND / SATISFIABLE with no model

export interface RunFacts {
  readonly stdout: string;
  readonly stderr: string;
  /** null when the process ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The harness had to stop it (it outlived the time limit by the grace period). */
  readonly killed: boolean;
}

export interface RunVerdict {
  readonly lastO: bigint | null;
  readonly status: SolveStatus | null;
  /** Exact cost of the final model; null when there is no readable model. */
  readonly vCost: bigint | null;
  readonly violations: readonly ViolationKind[];
  /** The status line is missing or repeated, the process crashed or was killed, or it printed junk. */
  readonly broken: boolean;
  readonly exitConsistent: boolean;
  readonly stderrBytes: number;
  readonly costsDecrease: boolean;
  /** Last o equals the certified optimum (null: no certified optimum). */
  readonly reachedOptimum: boolean | null;
  /** Hard error: s UNSATISFIABLE on an instance known to be feasible. */
  readonly wrongUnsat: boolean;
  /** Hard error: a feasible model cheaper than the certified optimum (the certificate or the verifier is wrong). */
  readonly belowOptimum: boolean;
  /** s OPTIMUM FOUND with a cost other than the certified optimum. */
  readonly falseOptimum: boolean;
  readonly notes: readonly string[];
}

interface ModelCheck {
  readonly vCost: bigint | null;
  readonly violations: ViolationKind[];
  readonly notes: string[];
}

function checkModel(inst: MaxSatInstance, models: readonly string[], lastO: bigint | null): ModelCheck {
  const violations: ViolationKind[] = [];
  const notes: string[] = [];
  if (models.length === 0) return { vCost: null, violations: lastO === null ? [] : ['o-without-v'], notes };
  if (lastO === null) violations.push('v-without-o');
  if (models.length > 1) {
    violations.push('v-malformed');
    notes.push(`${models.length} v lines`);
  }
  const model = decodeModel(models[models.length - 1], inst.numVars);
  if (typeof model === 'string') {
    if (!violations.includes('v-malformed')) violations.push('v-malformed');
    notes.push(model);
    return { vCost: null, violations, notes };
  }
  const check = verifyAssignment(inst, model);
  if (!check.hardSatisfied) violations.push('v-breaks-hard');
  if (lastO !== null && check.cost !== lastO) violations.push('v-cost-differs');
  return { vCost: check.cost, violations, notes };
}

const EXIT_CODES: readonly number[] = Object.values(STATUS_EXIT_CODE);

/** Notes on how the process ended and what it printed besides the answer; empty for a clean run. */
function runNotes(out: SolverOutput, facts: RunFacts): string[] {
  const notes: string[] = [];
  if (out.statuses.length !== 1) notes.push(out.statuses.length === 0 ? 'no s line' : `${out.statuses.length} s lines`);
  if (out.badLines.length > 0) notes.push(`unreadable line ${out.badLines[0].line}: "${out.badLines[0].text}"`);
  if (facts.killed) notes.push('killed by the harness');
  else if (facts.signal !== null) notes.push(`ended by ${facts.signal}`);
  else if (facts.exitCode !== null && !EXIT_CODES.includes(facts.exitCode)) notes.push(`exit code ${facts.exitCode}`);
  return notes;
}

export function judgeRun(inst: MaxSatInstance, truth: InstanceTruth, facts: RunFacts): RunVerdict {
  const out = parseSolverOutput(facts.stdout);
  const lastO = lastCost(out);
  const status = finalStatus(out);
  const model = checkModel(inst, out.models, lastO);
  const violations = model.violations;
  if ((status === 'OPTIMUM FOUND' || status === 'SATISFIABLE') && out.models.length === 0) violations.push('claim-without-v');
  const ending = runNotes(out, facts);
  const expectedExit = status === null ? STATUS_EXIT_CODE.UNKNOWN : STATUS_EXIT_CODE[status];
  const optimum = truth.optimum;
  const feasibleCost = model.vCost !== null && !violations.includes('v-breaks-hard') ? model.vCost : null;
  const claimed = lastO ?? feasibleCost;
  return {
    lastO,
    status,
    vCost: model.vCost,
    violations,
    broken: ending.length > 0,
    exitConsistent: !facts.killed && facts.exitCode === expectedExit,
    stderrBytes: Buffer.byteLength(facts.stderr),
    costsDecrease: costsDecrease(out),
    reachedOptimum: optimum === null ? null : lastO === optimum,
    wrongUnsat: status === 'UNSATISFIABLE' && truth.feasible === true,
    belowOptimum: optimum !== null && feasibleCost !== null && feasibleCost < optimum,
    falseOptimum: status === 'OPTIMUM FOUND' && optimum !== null && claimed !== optimum,
    notes: [...model.notes, ...ending],
  };
}
