// `polystep verify <file> <assignment>`: exact objective and status of an assignment, MaxSAT Evaluation style.

import { readFile, stat } from 'node:fs/promises';
import { formatIssue } from '../../common/parse-result.js';
import { checkHardFeasibility } from '../../problems/maxsat/hard-feasibility.js';
import { clauseLiterals, exactWeight, type MaxSatInstance } from '../../problems/maxsat/instance.js';
import { solutionLines, STATUS_EXIT_CODE, type SolutionReport } from '../../problems/maxsat/solution-output.js';
import { trivialLowerBound, verifyAssignment, type Verification } from '../../problems/maxsat/verifier.js';
import { intFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { objectiveOf } from '../../problems/family.js';
import type { LoadedProblem } from '../../problems/load-problem.js';
import { lowerBoundOf } from '../../solvers/engine.js';
import { LOAD_OPTIONS, loadProblem } from '../load-problem.js';
import { VERIFY_USAGE } from '../usage.js';
import { verifyColoring } from './verify-coloring.js';

async function readAssignmentText(arg: string): Promise<{ text: string; source: string }> {
  if (arg === '-') return { text: await readStdin(), source: '<stdin>' };
  const info = await stat(arg).catch(() => null);
  if (info?.isFile()) return { text: await readFile(arg, 'utf8'), source: arg };
  return { text: arg, source: '<assignment>' };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function describeClause(inst: MaxSatInstance, c: number): string {
  const kind = inst.hard[c] === 1 ? 'hard' : `soft, weight ${exactWeight(inst, c)}`;
  return `c falsified clause ${c + 1} (${kind}): ${[...clauseLiterals(inst, c), 0].join(' ')}`;
}

function report(inst: MaxSatInstance, v: Verification, assignment: Uint8Array): { lines: string[]; result: SolutionReport } {
  if (inst.stats.emptyHardClauses > 0) {
    return { lines: ['c the instance has an empty hard clause'], result: { status: 'UNSATISFIABLE' } };
  }
  if (v.hardSatisfied) {
    const optimal = v.cost === trivialLowerBound(inst);
    return { lines: [], result: { status: optimal ? 'OPTIMUM FOUND' : 'SATISFIABLE', cost: v.cost, assignment } };
  }
  const feasibility = checkHardFeasibility(inst);
  const lines = [`c the assignment falsifies ${v.falsifiedHard} hard clause(s)`];
  if (feasibility.status === 'unsatisfiable') {
    lines.push('c the hard clauses cannot all be satisfied');
    return { lines, result: { status: 'UNSATISFIABLE' } };
  }
  if (feasibility.status === 'satisfiable') lines.push('c another assignment satisfies every hard clause');
  return { lines, result: { status: 'UNKNOWN' } };
}

export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const options = { ...LOAD_OPTIONS, 'max-falsified': { type: 'string' }, model: { type: 'boolean' } } as const;
  const { values, positionals } = parseCommandArgs(argv, options, VERIFY_USAGE);
  if (positionals.length !== 2) throw new CliError(VERIFY_USAGE, EXIT_USAGE);
  const maxFalsified = intFlag(values['max-falsified'], 'max-falsified', 20, 0);
  const problem = (await loadProblem(positionals[0], values, io))!;
  const { text, source } = await readAssignmentText(positionals[1]);
  // The MaxSAT Evaluation checker reads a longer model and ignores the extra values: so do we, saying so.
  const parsed = problem.family.parseAssignment(problem.inst, text, { ignoreExtraValues: true });
  if (!parsed.ok) throw new CliError(parsed.issues.map((i) => formatIssue(i, source)).join('\n'));
  for (const w of parsed.warnings) io.stderr(`${formatIssue(w, source)}\n`);
  if (problem.family.name === 'coloring') return verifyColoring(problem, parsed.value, maxFalsified, values.model === true, io);
  if (problem.family.name !== 'maxsat') return verifyOther(problem, parsed.value, values.model === true, io);
  const inst = problem.inst as MaxSatInstance;
  const verification = verifyAssignment(inst, parsed.value);
  const { lines, result } = report(inst, verification, parsed.value);
  const shown = Array.from(verification.falsified.subarray(0, maxFalsified), (c) => describeClause(inst, c));
  if (verification.falsified.length > maxFalsified) shown.push(`c … and ${verification.falsified.length - maxFalsified} more falsified clause(s)`);
  const output = values.model ? solutionLines(result) : solutionLines({ ...result, assignment: undefined });
  io.stdout([...lines, ...shown, ...output].join('\n') + '\n');
  return STATUS_EXIT_CODE[result.status];
}

/** Unconstrained families (Max-Cut, QUBO): every assignment is feasible; its objective in its own sense, and the family's metrics. */
function verifyOther(problem: LoadedProblem, assignment: Uint8Array, model: boolean, io: CliIo): number {
  const { family, inst, sense } = problem;
  const score = family.score(inst, assignment);
  // A cost at the model's lower bound (all negative terms taken) cannot be beaten.
  const optimal = score.cost <= lowerBoundOf(family.engine(inst));
  const lines = [`c objective ${sense === 'max' ? 'maximised' : 'minimised'}: ${objectiveOf(sense, score.cost)}`];
  for (const [name, value] of Object.entries(score.metrics)) lines.push(`c ${name} ${value}`);
  const best = { ...score, assignment };
  const output = family.solutionLines(inst, { optimal, unsatisfiable: false, best }).filter((l) => model || !l.startsWith('v '));
  io.stdout([...lines, ...output].join('\n') + '\n');
  return STATUS_EXIT_CODE[optimal ? 'OPTIMUM FOUND' : 'SATISFIABLE'];
}
