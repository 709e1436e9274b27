// `polystep solve <file>`: a solver on a problem of any family, answering in MaxSAT Evaluation style.

import { readFileSync } from 'node:fs';
import { BACKEND_REQUESTS, type BackendRequest } from '../../backends/select-backend.js';
import { AppError } from '../../common/app-error.js';
import { toJson } from '../../common/json.js';
import type { PolyStepConfig } from '../../optimizer/config.js';
import { costOfObjective, objectiveOf, type ProblemFamily } from '../../problems/family.js';
import type { LoadedProblem } from '../../problems/load-problem.js';
import { STATUS_EXIT_CODE, type SolveStatus } from '../../problems/maxsat/solution-output.js';
import { PRESETS, type PresetName } from '../../solvers/binary/presets.js';
import { parseConfigOverrides } from '../../solvers/config-schema.js';
import { checkSolverRequest, SOLVER_NAMES, solverDefinition, type SolverName } from '../../solvers/registry.js';
import type { Termination, TraceEvent } from '../../solvers/run-loop.js';
import { solve } from '../../solvers/solve.js';
import type { BestSolution, SolverSession } from '../../solvers/solver.js';
import { intFlag, numberFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { envConfig } from '../env-config.js';
import { LOAD_OPTIONS, loadProblem } from '../load-problem.js';
import { metricsText, ProgressReporter } from '../progress.js';
import { stopRequested } from '../stop.js';
import { SOLVE_USAGE } from '../usage.js';

const SOLVE_OPTIONS = {
  ...LOAD_OPTIONS,
  preset: { type: 'string' },
  solver: { type: 'string' },
  backend: { type: 'string' },
  steps: { type: 'string' },
  'time-limit': { type: 'string' },
  seed: { type: 'string' },
  target: { type: 'string' },
  stall: { type: 'string' },
  colors: { type: 'string' },
  quiet: { type: 'boolean' },
  progress: { type: 'boolean' },
  config: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof SOLVE_OPTIONS>>['values'];

/** The run's termination; `--target` is an objective in the problem's own sense, turned into the engine's cost. */
function termination(values: Values, problem: LoadedProblem): Termination {
  const timeLimit = values['time-limit'] === undefined ? undefined : numberFlag(values['time-limit'], 'time-limit', 0) * 1000;
  const steps = values.steps === undefined ? (timeLimit === undefined ? 1000 : undefined) : intFlag(values.steps, 'steps', 0, 0);
  return {
    maxSteps: steps,
    timeLimitMs: timeLimit,
    targetCost: values.target === undefined ? undefined : costOfObjective(problem.sense, BigInt(values.target)),
    stallSteps: values.stall === undefined ? undefined : intFlag(values.stall, 'stall', 0, 1),
  };
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${flag} takes ${allowed.join(', ')}; got "${value}"`, EXIT_USAGE);
}

function finalStatus(best: BestSolution, lowerBound: bigint): SolveStatus {
  if (!best.feasible) return 'UNKNOWN';
  return best.cost <= lowerBound ? 'OPTIMUM FOUND' : 'SATISFIABLE';
}

/** A stop before the search leaves nothing to report but that (MaxSAT Evaluation: `s UNKNOWN`, exit 0). */
function stoppedBeforeSearch(io: CliIo, json: boolean): number {
  io.stdout(json ? `${JSON.stringify({ status: 'UNKNOWN', reason: 'stopped before the search started' })}\n` : 'c stopped before the search started\ns UNKNOWN\n');
  return STATUS_EXIT_CODE.UNKNOWN;
}

/** The `o` line of a new best: MAX-SAT's cost as the MaxSAT Evaluation wants it; elsewhere the objective in its own sense. */
function objectiveLine(problem: LoadedProblem, cost: bigint): string {
  return `o ${objectiveOf(problem.sense, cost)}`;
}

function checkedSolver(values: Values, family: ProblemFamily, colors: number | undefined): { solver: SolverName; preset: PresetName } {
  const solver = choice<SolverName>(values.solver, SOLVER_NAMES, 'polystep', 'solver');
  if (values.preset !== undefined) choice<PresetName>(values.preset, PRESETS, 'default', 'preset');
  try {
    const config = values.config === undefined ? undefined : { given: true };
    const preset = checkSolverRequest({ solver, preset: values.preset, config, colors }, { name: family.name, engine: family.engineKind }, { config: '--config', colors: '--colors' });
    return { solver, preset };
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message, EXIT_USAGE);
    throw err;
  }
}

export async function solveCommand(argv: string[], io: CliIo): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseCommandArgs(argv, SOLVE_OPTIONS, SOLVE_USAGE);
  if (positionals.length !== 1) throw new CliError(SOLVE_USAGE, EXIT_USAGE);
  if (values.target !== undefined && !/^-?[0-9]+$/.test(values.target)) throw new CliError(`--target takes a whole number, got "${values.target}"`, EXIT_USAGE);
  const backend = choice<BackendRequest>(values.backend, BACKEND_REQUESTS, envConfig().backend, 'backend');
  const seed = intFlag(values.seed, 'seed', 0, 0);
  const colors = values.colors === undefined ? undefined : intFlag(values.colors, 'colors', 1, 1);
  const json = values.json === true;
  const problem = await loadProblem(positionals[0], values, io, io.stop);
  if (problem === null) return stoppedBeforeSearch(io, json);
  const { family, inst } = problem;
  const { solver, preset } = checkedSolver(values, family, colors);
  const variables = family.variables(inst);
  const config = solverDefinition(solver).usesConfig ? configFlag(values.config, preset, variables, family) : undefined;
  const out = (line: string) => {
    if (!json) io.stdout(`${line}\n`);
  };
  // MaxSAT Evaluation clients count any stderr output as an issue: progress only when someone watches.
  const showProgress = !values.quiet && (io.stderrIsTty || values.progress === true);
  const until = termination(values, problem);
  const progress = new ProgressReporter(io, until.maxSteps, until.timeLimitMs, problem.sense);
  let phases: ((event: TraceEvent) => void) | null = null;
  let lastCost: bigint | null = null;
  const outcome = await solve(family.engine(inst), {
    spec: { solver, preset, seed, backend, config, colors },
    termination: until,
    // The time limit counts from the start of the command, as the MaxSAT Evaluation's wall clock does.
    startedAt: started,
    signal: io.stop,
    progressEvery: 1,
    onStart: async (prepared, precheck) => {
      if (await stopRequested(io.stop)) return false;
      out(`c ${solver}${solverDefinition(solver).usesPreset ? ` preset ${preset}` : ''}, seed ${seed}, backend ${prepared.backend}: ${family.title}, ${variables} variables, ${family.describe(inst).terms} terms`);
      if (family.name !== 'maxsat') out(`c objective ${problem.sense === 'max' ? 'maximised' : 'minimised'}; o lines give it in its own sense`);
      if (family.engineKind === 'coloring') out(coloringAim(colors));
      if (precheck.status === 'satisfiable' && precheck.best !== null) out('c the hard clauses hold: a CDCL model is the first answer');
      phases = phaseReporter(prepared.session, out);
      return true;
    },
    onEvent: (event) => {
      phases?.(event);
      if (event.type === 'improvement' && event.feasible && (lastCost === null || event.bestCost < lastCost)) {
        lastCost = event.bestCost;
        out(objectiveLine(problem, event.bestCost));
      }
      if (showProgress) progress.update(event);
    },
  }).catch((err: Error) => {
    throw err instanceof CliError ? err : new CliError(err.message);
  });
  progress.finish();
  if (outcome.kind === 'stopped') return stoppedBeforeSearch(io, json);
  const { result } = outcome;
  if (outcome.kind === 'unsatisfiable') {
    out('c the hard clauses cannot all be satisfied');
  } else {
    out(`c stopped: ${result.reason} after ${result.step} steps, ${result.evaluations} evaluations, ${(result.elapsedMs / 1000).toFixed(2)} s`);
    if (!result.best.feasible && family.name !== 'maxsat') out(`c best found breaks hard constraints: ${metricsText(result.best.metrics)}`);
  }
  const unsatisfiable = outcome.kind === 'unsatisfiable';
  const status: SolveStatus = unsatisfiable ? 'UNSATISFIABLE' : finalStatus(result.best, outcome.lowerBound);
  const best = result.best.feasible && !unsatisfiable ? result.best : null;
  if (json) {
    io.stdout(`${finalJson(problem, status, result.best, best !== null, { solver, preset, seed, ...(colors === undefined ? {} : { colors }), reason: result.reason, steps: result.step, evaluations: result.evaluations, elapsedMs: result.elapsedMs, backend: outcome.kind === 'solved' ? outcome.backend : null })}\n`);
  } else {
    // the family's lines start with the final `o`, already printed when the search found that best
    const lines = family.solutionLines(inst, { optimal: status === 'OPTIMUM FOUND', unsatisfiable, best });
    const repeated = lastCost === null ? null : objectiveLine(problem, lastCost);
    io.stdout(`${lines.filter((line) => line !== repeated).join('\n')}\n`);
  }
  return STATUS_EXIT_CODE[status];
}

/** What a colouring run looks for: a k-colouring (`--colors`), or ever fewer colours. */
function coloringAim(colors: number | undefined): string {
  if (colors === undefined) return 'c chromatic search: DSATUR first, then one colour fewer after each proper colouring';
  return `c ${colors}-colouring search: stops at the first proper colouring with at most ${colors} colours`;
}

/** The one JSON line of `--json`: exact numbers as decimal strings, the assignment as the family writes it (0/1 string, colours). */
function finalJson(problem: LoadedProblem, status: SolveStatus, best: BestSolution, feasible: boolean, run: Record<string, unknown>): string {
  return toJson({
    family: problem.family.name,
    format: problem.format,
    sense: problem.sense,
    status,
    objective: feasible ? objectiveOf(problem.sense, best.cost) : null,
    cost: best.cost,
    feasible: best.feasible,
    metrics: best.metrics,
    assignment: feasible ? problem.family.formatAssignment(best.assignment) : null,
    ...run,
  });
}

/** `--config '{"particleDim":4}'` or `--config @file.json`: overrides checked by the API's own schema. */
function configFlag(value: string | undefined, preset: PresetName, variables: number, family: ProblemFamily): Partial<PolyStepConfig> | undefined {
  if (value === undefined) return undefined;
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch {
      throw new CliError(`--config: cannot read ${value.slice(1)}`, EXIT_USAGE);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--config takes a JSON object or @file: ${(err as Error).message}`, EXIT_USAGE);
  }
  try {
    return parseConfigOverrides(json, preset, variables, family.engineKind);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(`--config: ${err.message}`, EXIT_USAGE);
    throw err;
  }
}

/** A `c` line whenever a solver that works in phases (the hybrid) enters a new one. */
function phaseReporter(session: SolverSession, out: (line: string) => void): (event: TraceEvent) => void {
  let phase = session.phase;
  return (event) => {
    if (session.phase === phase) return;
    phase = session.phase;
    out(`c phase ${phase} from step ${event.step}, ${(event.elapsedMs / 1000).toFixed(2)} s`);
  };
}
