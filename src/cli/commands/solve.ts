// `polystep solve <file>`: PolyStep on a MaxSAT instance, answering in MaxSAT Evaluation format.

import { solutionLines, STATUS_EXIT_CODE, costLine, type SolveStatus } from '../../problems/maxsat/solution-output.js';
import { BACKEND_REQUESTS, type BackendRequest } from '../../backends/select-backend.js';
import { createMaxSatSession, MAX_SAT_SOLVERS, type MaxSatSolverName } from '../../solvers/maxsat/create-session.js';
import { precheckBudgetMs, precheckHardClauses } from '../../solvers/maxsat/hard-precheck.js';
import { AppError } from '../../common/app-error.js';
import { parseConfigOverrides } from '../../solvers/config-schema.js';
import type { PolyStepConfig } from '../../optimizer/config.js';
import { readFileSync } from 'node:fs';
import { MAX_SAT_PRESETS, type MaxSatPresetName } from '../../solvers/maxsat/presets.js';
import { afterSpent, runSolver, type Termination, type TraceEvent } from '../../solvers/run-loop.js';
import type { BestSolution, SolverSession } from '../../solvers/solver.js';
import { intFlag, numberFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LOAD_OPTIONS, loadInstance } from '../load-instance.js';
import { ProgressReporter } from '../progress.js';
import { envConfig } from '../env-config.js';
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
  quiet: { type: 'boolean' },
  progress: { type: 'boolean' },
  config: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof SOLVE_OPTIONS>>['values'];

function termination(values: Values): Termination {
  const timeLimit = values['time-limit'] === undefined ? undefined : numberFlag(values['time-limit'], 'time-limit', 0) * 1000;
  const steps = values.steps === undefined ? (timeLimit === undefined ? 1000 : undefined) : intFlag(values.steps, 'steps', 0, 0);
  if (values.target !== undefined && !/^[0-9]+$/.test(values.target)) throw new CliError(`--target takes a whole number, got "${values.target}"`, EXIT_USAGE);
  return {
    maxSteps: steps,
    timeLimitMs: timeLimit,
    targetCost: values.target === undefined ? undefined : BigInt(values.target),
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
function stoppedBeforeSearch(io: CliIo): number {
  io.stdout('c stopped before the search started\ns UNKNOWN\n');
  return STATUS_EXIT_CODE.UNKNOWN;
}

export async function solveCommand(argv: string[], io: CliIo): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseCommandArgs(argv, SOLVE_OPTIONS, SOLVE_USAGE);
  if (positionals.length !== 1) throw new CliError(SOLVE_USAGE, EXIT_USAGE);
  const preset = choice<MaxSatPresetName>(values.preset, MAX_SAT_PRESETS, 'default', 'preset');
  const solver = choice<MaxSatSolverName>(values.solver, MAX_SAT_SOLVERS, 'polystep', 'solver');
  const backend = choice<BackendRequest>(values.backend, BACKEND_REQUESTS, envConfig().backend, 'backend');
  const requested = termination(values);
  const seed = intFlag(values.seed, 'seed', 0, 0);
  const inst = await loadInstance(positionals[0], values, io, io.stop);
  if (inst === null) return stoppedBeforeSearch(io);
  const precheck = await precheckHardClauses(inst, { budgetMs: precheckBudgetMs(requested.timeLimitMs), signal: io.stop });
  if (precheck.status === 'unsatisfiable') {
    io.stdout('c the hard clauses cannot all be satisfied\ns UNSATISFIABLE\n');
    return STATUS_EXIT_CODE.UNSATISFIABLE;
  }
  // The time limit counts from the start of the command, as the MaxSAT Evaluation's wall clock does.
  const until = afterSpent(requested, performance.now() - started);
  const config = configFlag(values.config, preset, inst.numVars);
  const spec = { solver, preset, seed, backend, config, timeLimitMs: until.timeLimitMs };
  const prepared = await createMaxSatSession(inst, spec).catch((err: Error) => {
    throw new CliError(err.message);
  });
  if (await stopRequested(io.stop)) {
    await prepared.dispose();
    return stoppedBeforeSearch(io);
  }
  const { session } = prepared;
  io.stdout(`c ${solver} preset ${preset}, seed ${seed}, backend ${prepared.backend}: ${inst.numVars} variables, ${inst.numClauses} clauses\n`);
  if (precheck.status === 'satisfiable' && precheck.best !== null) io.stdout('c the hard clauses hold: a CDCL model is the first answer\n');
  // MaxSAT Evaluation clients count any stderr output as an issue: progress only when someone watches.
  const showProgress = !values.quiet && (io.stderrIsTty || values.progress === true);
  const progress = new ProgressReporter(io, until.maxSteps, until.timeLimitMs);
  const phases = phaseReporter(session, io);
  let lastCost: bigint | null = null;
  const result = await runSolver(session, until, {
    signal: io.stop,
    progressEvery: 1,
    initialBest: precheck.status === 'satisfiable' ? (precheck.best ?? undefined) : undefined,
    onEvent: (event) => {
      phases(event);
      if (event.type === 'improvement' && event.feasible && (lastCost === null || event.bestCost < lastCost)) {
        lastCost = event.bestCost;
        io.stdout(`${costLine(event.bestCost)}\n`);
      }
      if (showProgress) progress.update(event);
    },
  }).finally(() => prepared.dispose());
  progress.finish();
  const status = finalStatus(result.best, session.lowerBound);
  io.stdout(`c stopped: ${result.reason} after ${result.step} steps, ${result.evaluations} evaluations, ${(result.elapsedMs / 1000).toFixed(2)} s\n`);
  const report = result.best.feasible ? { status, assignment: result.best.assignment } : { status };
  io.stdout(`${solutionLines(report).join('\n')}\n`);
  return STATUS_EXIT_CODE[status];
}

/** `--config '{"particleDim":4}'` or `--config @file.json`: overrides checked by the API's own schema. */
function configFlag(value: string | undefined, preset: MaxSatPresetName, variables: number): Partial<PolyStepConfig> | undefined {
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
    return parseConfigOverrides(json, preset, variables);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(`--config: ${err.message}`, EXIT_USAGE);
    throw err;
  }
}

/** A `c` line whenever a solver that works in phases (the hybrid) enters a new one. */
function phaseReporter(session: SolverSession, io: CliIo): (event: TraceEvent) => void {
  let phase = session.phase;
  return (event) => {
    if (session.phase === phase) return;
    phase = session.phase;
    io.stdout(`c phase ${phase} from step ${event.step}, ${(event.elapsedMs / 1000).toFixed(2)} s\n`);
  };
}
