// Solver worker thread: runs one RunJob at a time from WorkerCommands and posts WorkerEvents back.

import { parentPort, type MessagePort } from 'node:worker_threads';
import type { PolyStepConfig } from '../optimizer/config.js';
import { parseDimacs } from '../problems/maxsat/parse-dimacs.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import { createMaxSatSession } from '../solvers/maxsat/create-session.js';
import { bestOfAssignment } from '../solvers/maxsat/exact-best.js';
import { precheckBudgetMs, precheckHardClauses } from '../solvers/maxsat/hard-precheck.js';
import { afterSpent, runSolver, type RunResult, type Termination, type TraceEvent } from '../solvers/run-loop.js';
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

/**
 * The termination the loop stops at: the run's own, and the service's cap when that comes first.
 * Solvers keep seeing the run's own time limit (the hybrid splits that one, not the cap).
 */
function capped(until: Termination, maxRunMs: number | undefined, spentMs: number): Termination {
  if (maxRunMs === undefined) return until;
  const left = Math.max(0, maxRunMs - spentMs);
  return { ...until, timeLimitMs: until.timeLimitMs === undefined ? left : Math.min(until.timeLimitMs, left) };
}

/** Turns trace events into worker events: every improvement, progress throttled by wall time. */
function forwarder(job: RunJob): (event: TraceEvent) => void {
  let lastProgress = Number.NEGATIVE_INFINITY;
  return (event) => {
    const { step, evaluations, elapsedMs } = event;
    if (event.type === 'improvement') {
      const { feasible, satRatio } = event;
      post({ type: 'improvement', runId: job.runId, step, evaluations, elapsedMs, bestCost: event.bestCost.toString(), feasible, satRatio });
      return;
    }
    const now = performance.now();
    if (now - lastProgress < job.progressEveryMs) return;
    lastProgress = now;
    const { cost, satRatio, bestSatRatio } = event;
    post({ type: 'progress', runId: job.runId, step, evaluations, elapsedMs, cost, satRatio, bestCost: event.bestCost.toString(), bestSatRatio });
  };
}

/** Parses the job's DIMACS; null (after a `failed` event) when it does not parse. */
function load(job: RunJob): { inst: MaxSatInstance; parseMs: number } | null {
  const t0 = performance.now();
  // Stored content passed intake already (possibly in relaxed mode): read it the forgiving way.
  const parsed = parseDimacs(job.contentGzip, { format: job.format, mode: 'relaxed' });
  const parseMs = performance.now() - t0;
  if (!parsed.ok) {
    fail(job.runId, parsed.issues[0]?.message ?? 'the DIMACS input does not parse');
    return null;
  }
  return { inst: parsed.value, parseMs };
}

function postFinished(runId: string, result: RunResult): void {
  const { best } = result;
  const assignment = ownedBytes(best.assignment);
  post(
    {
      type: 'finished',
      runId,
      reason: result.reason,
      steps: result.step,
      evaluations: result.evaluations,
      solveMs: result.elapsedMs,
      best: {
        cost: best.cost.toString(),
        feasible: best.feasible,
        satRatio: best.satRatio,
        falsifiedClauses: best.falsifiedClauses,
        step: best.step,
        assignment,
      },
    },
    [assignment.buffer as ArrayBuffer],
  );
}

async function execute(job: RunJob, signal: AbortSignal): Promise<void> {
  const loaded = load(job);
  if (loaded === null) return;
  const { inst, parseMs } = loaded;
  const t0 = performance.now();
  const precheck = await precheckHardClauses(inst, { budgetMs: precheckBudgetMs(job.termination.timeLimitMs), signal });
  if (precheck.status === 'unsatisfiable') return postUnsatisfiable(job, inst, parseMs, performance.now() - t0);
  const until = afterSpent(termination(job.termination), performance.now() - t0);
  // A bad config override or a missing backend throws here and becomes a `failed` event upstream.
  const { solver, preset, seed, backend } = job;
  // One backend thread: the pool already runs one solver per core, more would oversubscribe them.
  const spec = { solver, preset, seed, backend, config: job.config as Partial<PolyStepConfig>, timeLimitMs: until.timeLimitMs, threads: 1 };
  const prepared = await createMaxSatSession(inst, spec);
  try {
    post({ type: 'started', runId: job.runId, parseMs, variables: inst.numVars, clauses: inst.numClauses, backend: prepared.backend });
    const result = await runSolver(prepared.session, capped(until, job.maxRunMs, performance.now() - t0), {
      signal,
      onEvent: forwarder(job),
      progressEvery: 1,
      yieldEveryMs: YIELD_EVERY_MS,
      initialBest: precheck.status === 'satisfiable' ? (precheck.best ?? undefined) : undefined,
    });
    postFinished(job.runId, result);
  } finally {
    await prepared.dispose();
  }
}

/** The hard clauses cannot all hold: the run ends at once, with no search and no model. */
function postUnsatisfiable(job: RunJob, inst: MaxSatInstance, parseMs: number, checkMs: number): void {
  post({ type: 'started', runId: job.runId, parseMs, variables: inst.numVars, clauses: inst.numClauses, backend: 'none (hard clauses unsatisfiable)' });
  const best = bestOfAssignment(inst, new Uint8Array(inst.numVars), 0);
  postFinished(job.runId, { reason: 'unsatisfiable', step: 0, evaluations: 0, elapsedMs: checkMs, best });
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
