// One way to solve an engine problem: the pre-search check, the session, the loop and its caps, disposal.

import type { EngineProblem } from '../problems/engine-problem.js';
import { engineVariables, exactScorer } from './engine.js';
import { precheckBudgetMs, precheckHardClauses, type HardPrecheck } from './maxsat/hard-precheck.js';
import { createSession, type PreparedSession, type SessionSpec } from './registry.js';
import { afterSpent, runSolver, type RunResult, type Termination, type TraceEvent } from './run-loop.js';

export interface SolveOptions {
  /** The solver and its settings; the time limit comes from `termination`. */
  readonly spec: Omit<SessionSpec, 'timeLimitMs'>;
  /** The run's own termination; its time limit counts from `startedAt`. */
  readonly termination: Termination;
  /** When the clock of the time limit started (performance.now()); default: now. */
  readonly startedAt?: number;
  /**
   * The service's cap on the search time: the loop stops there (`time_limit`) even without a time
   * limit of its own. Solvers keep seeing the run's own limit (the hybrid splits that, not the cap).
   */
  readonly maxRunMs?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: TraceEvent) => void;
  readonly progressEvery?: number;
  readonly yieldEveryMs?: number;
  /** Called once the session is built, before the search; false stops the solve there (`stopped`). */
  readonly onStart?: (prepared: PreparedSession, precheck: HardPrecheck) => boolean | Promise<boolean>;
}

export type SolveOutcome =
  /** The hard constraints cannot all hold: no search ran; `result.best` scores the all-false assignment. */
  | { readonly kind: 'unsatisfiable'; readonly result: RunResult }
  /** Stopped before the search started. */
  | { readonly kind: 'stopped' }
  | { readonly kind: 'solved'; readonly result: RunResult; readonly backend: string; readonly lowerBound: bigint };

/** Solves `problem` as `options` say: what the CLI, the service's workers and the benchmarks all run. */
export async function solve(problem: EngineProblem, options: SolveOptions): Promise<SolveOutcome> {
  const now = () => performance.now();
  const startedAt = options.startedAt ?? now();
  const precheck: HardPrecheck =
    problem.kind === 'clauses' ? await precheckHardClauses(problem.inst, { budgetMs: precheckBudgetMs(options.termination.timeLimitMs), signal: options.signal }) : { status: 'satisfiable', best: null };
  if (precheck.status === 'unsatisfiable') {
    const best = exactScorer(problem)(new Uint8Array(engineVariables(problem)), 0);
    return { kind: 'unsatisfiable', result: { reason: 'unsatisfiable', step: 0, evaluations: 0, elapsedMs: now() - startedAt, best } };
  }
  const until = afterSpent(withColors(options.termination, options.spec.colors), now() - startedAt);
  const prepared = await createSession(problem, { ...options.spec, timeLimitMs: until.timeLimitMs });
  try {
    if (options.onStart !== undefined && !(await options.onStart(prepared, precheck))) return { kind: 'stopped' };
    const result = await runSolver(prepared.session, capped(until, options.maxRunMs, now() - startedAt), {
      signal: options.signal,
      onEvent: options.onEvent,
      progressEvery: options.progressEvery,
      yieldEveryMs: options.yieldEveryMs,
      initialBest: precheck.status === 'satisfiable' ? (precheck.best ?? undefined) : undefined,
    });
    return { kind: 'solved', result, backend: prepared.backend, lowerBound: prepared.session.lowerBound };
  } finally {
    await prepared.dispose();
  }
}

/** A k-colouring ends at its first proper colouring with at most k colours: `colors` is a target. */
function withColors(t: Termination, colors: number | undefined): Termination {
  if (colors === undefined) return t;
  const k = BigInt(colors);
  return { ...t, targetCost: t.targetCost !== undefined && t.targetCost < k ? t.targetCost : k };
}

function capped(until: Termination, maxRunMs: number | undefined, spentMs: number): Termination {
  if (maxRunMs === undefined) return until;
  const left = Math.max(0, maxRunMs - spentMs);
  return { ...until, timeLimitMs: until.timeLimitMs === undefined ? left : Math.min(until.timeLimitMs, left) };
}
