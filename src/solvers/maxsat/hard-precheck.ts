// Before a search: can the hard clauses hold at all? A budgeted CDCL answers, in slices a stop can cut.

import { HardFeasibilitySearch } from '../../problems/maxsat/hard-feasibility.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import type { BestSolution } from '../solver.js';
import { bestOfAssignment } from './exact-best.js';

export type HardPrecheck =
  /** Proven: no assignment satisfies every hard clause (the answer is `s UNSATISFIABLE`). */
  | { readonly status: 'unsatisfiable' }
  /** A model of the hard clauses, as a feasible starting best; null when there are no hard clauses. */
  | { readonly status: 'satisfiable'; readonly best: BestSolution | null }
  /** Budget spent, or stopped, before a verdict. */
  | { readonly status: 'unknown' };

export interface PrecheckOptions {
  /** Wall time the check may take. */
  readonly budgetMs: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/** Share of a run's time limit the check may take, and its bounds. */
const TIME_SHARE = 0.1;
const MIN_BUDGET_MS = 50;
const MAX_BUDGET_MS = 10_000;
/** Budget of a run limited by steps or evaluations only. */
const UNTIMED_BUDGET_MS = 2_000;
/** Each slice aims at this much wall time before the event loop gets a turn (signals, cancels). */
const SLICE_MS = 20;

/** The check's budget for a run with this time limit (if any). */
export function precheckBudgetMs(timeLimitMs: number | undefined): number {
  if (timeLimitMs === undefined) return UNTIMED_BUDGET_MS;
  return Math.min(MAX_BUDGET_MS, Math.max(MIN_BUDGET_MS, TIME_SHARE * timeLimitMs));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the bundled CDCL on the hard clauses within the budget, yielding to the event loop between
 * slices of conflicts (sized to take about SLICE_MS each), so a stop signal is seen promptly.
 * Instances without hard clauses are answered at once. A model found becomes an exactly verified
 * BestSolution: a feasible answer the run can report even before its search finds one.
 */
export async function precheckHardClauses(inst: MaxSatInstance, options: PrecheckOptions): Promise<HardPrecheck> {
  if (inst.stats.hardClauses === 0) return { status: 'satisfiable', best: null };
  const now = options.now ?? (() => performance.now());
  const started = now();
  const search = new HardFeasibilitySearch(inst);
  let slice = 100;
  for (;;) {
    const sliceStart = now();
    const verdict = search.run(slice);
    if (verdict.status === 'unsatisfiable') return verdict;
    if (verdict.status === 'satisfiable') return { status: 'satisfiable', best: bestOfAssignment(inst, verdict.model, 0) };
    const end = now();
    if (end - started >= options.budgetMs) return { status: 'unknown' };
    if (end - sliceStart < SLICE_MS / 2) slice *= 2;
    await yieldToEventLoop();
    if (options.signal?.aborted) return { status: 'unknown' };
  }
}
