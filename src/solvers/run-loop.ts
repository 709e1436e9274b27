// Drives a solver session: budgets, time limit, target, stall, abort, and trace events to a sink.

import { isBetter, type BestSolution, type Metrics, type SolverSession } from './solver.js';

export interface Termination {
  readonly maxSteps?: number;
  readonly timeLimitMs?: number;
  /** Stop once a feasible assignment costs at most this much. */
  readonly targetCost?: bigint;
  /** Stop after this many steps without a better best. */
  readonly stallSteps?: number;
  /** Stop once this many cost evaluations were spent (benchmarks compare solvers at equal effort). */
  readonly maxEvaluations?: number;
}

/** `unsatisfiable` is decided before a search starts (the hard clauses cannot all hold), never by the loop. */
/** `t` with `spentMs` (work before the search: parsing, checks) taken off its time limit. */
export function afterSpent(t: Termination, spentMs: number): Termination {
  return t.timeLimitMs === undefined ? t : { ...t, timeLimitMs: Math.max(0, t.timeLimitMs - spentMs) };
}

export type StopReason = 'max_steps' | 'max_evaluations' | 'time_limit' | 'target_reached' | 'optimal' | 'completed' | 'stalled' | 'aborted' | 'unsatisfiable';

interface Progress {
  readonly step: number;
  readonly evaluations: number;
  readonly elapsedMs: number;
}

/**
 * What a run reports as it goes; bigints stay bigints in process and across worker threads
 * (structured clone keeps them) and become decimal strings only in JSON (common/json.ts).
 * progress: the current point's steering cost and metrics, and the best cost so far;
 * improvement: a new best, with its exact cost, feasibility and metrics.
 */
export type TraceEvent =
  | (Progress & { readonly type: 'progress'; readonly cost: number; readonly metrics: Metrics; readonly bestCost: bigint })
  | (Progress & { readonly type: 'improvement'; readonly bestCost: bigint; readonly feasible: boolean; readonly metrics: Metrics });

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: TraceEvent) => void;
  /** A progress event every this many steps (0: none). */
  readonly progressEvery?: number;
  /** How often the loop lets the event loop run (signals, I/O), in ms. */
  readonly yieldEveryMs?: number;
  readonly now?: () => number;
  /**
   * A solution known before the search (e.g. a model of the hard clauses): the run starts from it
   * as its best, and the session's bests replace it only when they are exactly better.
   */
  readonly initialBest?: BestSolution;
}

export interface RunResult extends Progress {
  readonly reason: StopReason;
  readonly best: BestSolution;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function reachedEnd(session: SolverSession, t: Termination, best: BestSolution, lastImprovement: number, elapsedMs: number): StopReason | null {
  if (best.feasible && best.cost <= session.lowerBound) return 'optimal';
  if (t.targetCost !== undefined && best.feasible && best.cost <= t.targetCost) return 'target_reached';
  if (session.finished === true) return 'completed';
  if (t.maxSteps !== undefined && session.steps >= t.maxSteps) return 'max_steps';
  if (t.maxEvaluations !== undefined && session.evaluations >= t.maxEvaluations) return 'max_evaluations';
  if (t.timeLimitMs !== undefined && elapsedMs >= t.timeLimitMs) return 'time_limit';
  if (t.stallSteps !== undefined && session.steps - lastImprovement >= t.stallSteps) return 'stalled';
  return null;
}

export async function runSolver(session: SolverSession, termination: Termination, options: RunOptions = {}): Promise<RunResult> {
  const now = options.now ?? (() => performance.now());
  const emit = options.onEvent ?? (() => {});
  const progressEvery = options.progressEvery ?? 1;
  const yieldEveryMs = options.yieldEveryMs ?? 50;
  const started = now();
  let lastYield = started;
  // What the session offered last, and what the run reports: a session's new best is taken only
  // when it is exactly better, so the reported costs never rise and the final best is the last one
  // reported (a MaxSAT `v` line always costs its last `o`), whatever a session gets wrong.
  let offered = session.best();
  let best = options.initialBest !== undefined && isBetter(options.initialBest, offered) ? options.initialBest : offered;
  let lastImprovement = session.steps;
  const progress = (): Progress => ({ step: session.steps, evaluations: session.evaluations, elapsedMs: now() - started });
  emit({ type: 'improvement', ...progress(), bestCost: best.cost, feasible: best.feasible, metrics: best.metrics });
  for (;;) {
    const reason = options.signal?.aborted ? 'aborted' : reachedEnd(session, termination, best, lastImprovement, now() - started);
    if (reason !== null) return { reason, ...progress(), best };
    const pending = session.step();
    if (pending instanceof Promise) await pending;
    const next = session.best();
    if (next !== offered && isBetter(next, best)) {
      best = next;
      lastImprovement = session.steps;
      emit({ type: 'improvement', ...progress(), bestCost: best.cost, feasible: best.feasible, metrics: best.metrics });
    }
    offered = next;
    if (progressEvery > 0 && session.steps % progressEvery === 0) {
      const cur = session.current();
      emit({ type: 'progress', ...progress(), cost: cur.cost, metrics: cur.metrics, bestCost: best.cost });
    }
    if (now() - lastYield >= yieldEveryMs) {
      await yieldToEventLoop();
      lastYield = now();
    }
  }
}
