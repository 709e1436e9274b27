// Solver worker thread: runs one RunJob at a time from WorkerCommands and posts WorkerEvents back.

import { parentPort, type MessagePort } from 'node:worker_threads';
import type { PolyStepConfig } from '../optimizer/config.js';
import { parseProblem, STORED_CONTENT_LIMITS, type LoadedProblem } from '../problems/load-problem.js';
import { solve } from '../solvers/solve.js';
import type { RunResult, Termination, TraceEvent } from '../solvers/run-loop.js';
import type { RunJob, WorkerCommand, WorkerEvent } from './run-job.js';
import { ownedBytes } from './owned-bytes.js';

/** The loop must yield at least this often, or a cancel command waits behind the whole run. */
const YIELD_EVERY_MS = 50;

interface ActiveRun {
  readonly runId: string;
  readonly controller: AbortController;
}

if (parentPort === null) throw new Error('run-worker.js must be started as a worker thread');
const port: MessagePort = parentPort;
let active: ActiveRun | null = null;

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Posts an event; a post that itself fails must not take the worker down. */
function post(event: WorkerEvent, transfer: ArrayBuffer[] = []): void {
  try {
    port.postMessage(event, transfer);
  } catch (err) {
    if (event.type !== 'failed') post({ type: 'failed', runId: event.runId, error: errorMessage(err) });
  }
}

function fail(runId: string, err: unknown): void {
  post({ type: 'failed', runId, error: errorMessage(err) });
}

function termination(t: RunJob['termination']): Termination {
  return {
    maxSteps: t.maxSteps,
    timeLimitMs: t.timeLimitMs,
    targetCost: t.targetCost === undefined ? undefined : BigInt(t.targetCost),
    stallSteps: t.stallSteps,
    maxEvaluations: t.maxEvaluations,
  };
}

/** Forwards trace events: every improvement, progress throttled by wall time. */
function forwarder(job: RunJob): (event: TraceEvent) => void {
  let lastProgress = Number.NEGATIVE_INFINITY;
  return (event) => {
    if (event.type === 'progress') {
      const now = performance.now();
      if (now - lastProgress < job.progressEveryMs) return;
      lastProgress = now;
    }
    post({ type: 'trace', runId: job.runId, event });
  };
}

/** Parses the job's content; null (after a `failed` event) when it does not parse. */
function load(job: RunJob): { problem: LoadedProblem; parseMs: number } | null {
  const t0 = performance.now();
  // Stored content passed intake already (possibly in relaxed mode): read it the forgiving way.
  const select = typeof job.options.select === 'number' ? job.options.select : undefined;
  const parsed = parseProblem(job.contentGzip, { family: job.family, format: job.format, select, mode: 'relaxed', limits: STORED_CONTENT_LIMITS });
  const parseMs = performance.now() - t0;
  if (!parsed.ok) {
    fail(job.runId, parsed.issues[0]?.message ?? 'the stored problem does not parse');
    return null;
  }
  return { problem: parsed.value, parseMs };
}

function postFinished(runId: string, result: RunResult): void {
  const { best } = result;
  const assignment = ownedBytes(best.assignment);
  post(
    { type: 'finished', runId, reason: result.reason, steps: result.step, evaluations: result.evaluations, solveMs: result.elapsedMs, best: { ...best, assignment } },
    [assignment.buffer as ArrayBuffer],
  );
}

async function execute(job: RunJob, signal: AbortSignal): Promise<void> {
  const loaded = load(job);
  if (loaded === null) return;
  const { problem, parseMs } = loaded;
  const engine = problem.family.engine(problem.inst);
  const variables = problem.family.variables(problem.inst);
  const terms = problem.family.describe(problem.inst).terms;
  const { solver, preset, seed, backend, colors } = job;
  // One backend thread: the pool already runs one solver per core, more would oversubscribe them.
  // A bad config override or a missing backend throws and becomes a `failed` event upstream.
  const outcome = await solve(engine, {
    spec: { solver, preset, seed, backend, config: job.config as Partial<PolyStepConfig>, threads: 1, ...(colors !== undefined ? { colors } : {}) },
    termination: termination(job.termination),
    maxRunMs: job.maxRunMs,
    signal,
    onEvent: forwarder(job),
    progressEvery: 1,
    yieldEveryMs: YIELD_EVERY_MS,
    onStart: (prepared) => {
      post({ type: 'started', runId: job.runId, parseMs, variables, terms, backend: prepared.backend });
      return true;
    },
  });
  if (outcome.kind === 'stopped') return;
  if (outcome.kind === 'unsatisfiable') {
    post({ type: 'started', runId: job.runId, parseMs, variables, terms, backend: 'none (hard clauses unsatisfiable)' });
  }
  postFinished(job.runId, outcome.result);
}

function startRun(job: RunJob): void {
  if (active !== null) {
    fail(job.runId, `this worker is busy with run ${active.runId}`);
    return;
  }
  const run: ActiveRun = { runId: job.runId, controller: new AbortController() };
  active = run;
  execute(job, run.controller.signal)
    .catch((err: unknown) => fail(job.runId, err))
    .finally(() => {
      if (active === run) active = null;
    });
}

function handle(command: WorkerCommand): void {
  if (command.type === 'run') startRun(command.job);
  else if (command.type === 'cancel' && active?.runId === command.runId) active.controller.abort();
}

port.on('message', (command: WorkerCommand) => {
  try {
    handle(command);
  } catch (err) {
    // Only a malformed command gets here; answer for its run if it names one.
    const runId = (command as { job?: { runId?: unknown } })?.job?.runId;
    fail(typeof runId === 'string' ? runId : '', err);
  }
});
