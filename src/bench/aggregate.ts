// Benchmark cells rolled up per (instance, solver), per (family, solver) and per solver: pure, no I/O.

import type { Sense } from '../problems/family.js';
import type { CellRecord } from '../store/benchmark-records.js';
import { atLeastAsGood, better, gapTo, referenceOf } from './reference-gap.js';

/*
 * Definitions (the report's "How to read" section says the same in prose):
 *
 * - A cell with an `error` is counted in `cells` and `errors` and left out of everything else:
 *   means, standard deviations, rates, medians. Every rate states its denominator so a solver
 *   that fails often cannot hide behind a good rate on the few cells it ran.
 * - Objectives, optima and best-known values are in each problem's own sense (MAX-SAT: least
 *   falsified soft weight, min; Max-Cut: largest cut, max; QUBO: its file's sense). The reference
 *   of an instance is its optimum when known, else its best known (see reference-gap.ts).
 * - A cell reached the reference when it found a feasible assignment whose exact objective is at
 *   least as good as the reference in its sense (the runner's `reachedBest` has the same
 *   definition; it is recomputed here so the rates and gaps can never disagree).
 * - Gap: the shortfall from the reference over max(1, |reference|) (min: objective − reference;
 *   max: reference − objective), over cells that found a feasible assignment on an instance with a
 *   reference; ≥ 0 unless the best known was beaten. With reference 0 it is the shortfall itself.
 * - Best and mean objective are given only over cells of one sense (null for a group mixing them);
 *   gaps and rates are sense-free and pool across senses.
 * - Metrics (satRatio, cutWeight, …) are averaged per name over the ran cells that report it.
 * - Time to target: a reached cell's time to its best, which is when it first hit the target or
 *   went below it. The median is over reached cells only; null when none reached.
 * - Family rows pool the cells of all the family's instances (a cell is the unit, not an instance).
 * - Per-solver totals add two reach rates: per seed (reached cells / ran cells with a reference)
 *   and per instance (an instance counts as reached when any of its seeds reached it, over the
 *   instances with a reference on which the solver ran at least one cell).
 */

/** Mean and sample standard deviation (ddof 1; 0 for a single value) of `n` values; null for none. */
export interface Spread {
  readonly n: number;
  readonly mean: number | null;
  readonly std: number | null;
}

/** What every roll-up reports, over one group of cells of one solver. */
export interface CellStats {
  readonly solverKey: string;
  readonly cells: number;
  readonly errors: number;
  /** cells − errors: the population of every mean, rate and median below. */
  readonly ran: number;
  /** Ran cells that found a feasible assignment. */
  readonly feasible: number;
  /** The sense of the group's cells; null when they mix senses (or there are none). */
  readonly sense: Sense | null;
  /** Mean ± sd of each metric over the ran cells that report it, by name (sorted). */
  readonly metrics: Readonly<Record<string, Spread>>;
  /** Exact best objective (in `sense`) over the group's feasible cells; null when none or senses mix. */
  readonly bestObjective: bigint | null;
  /** Mean of the feasible cells' objectives (a float, for display); null when none or senses mix. */
  readonly meanObjective: number | null;
  readonly gap: Spread;
  /** Ran cells whose instance has a reference. */
  readonly withReference: number;
  readonly reached: number;
  /** reached / withReference; null when no cell had a reference. */
  readonly reachedRate: number | null;
  readonly medianTimeToTargetMs: number | null;
  readonly meanEvaluations: number | null;
  readonly totalEvaluations: number;
  readonly meanWallMs: number | null;
}

export interface InstanceSummary extends CellStats {
  readonly instance: string;
  readonly family: string;
  readonly bestKnown: bigint | null;
  readonly optimum: bigint | null;
}

export interface FamilySummary extends CellStats {
  readonly family: string;
  /** Distinct instances of the family this solver has cells on. */
  readonly instances: number;
}

export interface SolverTotals extends CellStats {
  readonly instances: number;
  /** Instances with a reference and at least one ran cell of this solver. */
  readonly instancesWithReference: number;
  /** Of those, the ones where at least one seed reached the reference. */
  readonly instancesReached: number;
  readonly instancesReachedRate: number | null;
}

/** Failed cells sharing one solver and one message. */
export interface ErrorSummary {
  readonly solverKey: string;
  readonly error: string;
  readonly cells: number;
  /** Up to five of the instances it happened on. */
  readonly instances: readonly string[];
}

export interface BenchmarkSummary {
  /** Solver keys in report order (the benchmark's order, then any others as first seen). */
  readonly solvers: readonly string[];
  readonly totals: readonly SolverTotals[];
  readonly families: readonly FamilySummary[];
  readonly instances: readonly InstanceSummary[];
  readonly errors: readonly ErrorSummary[];
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function spread(values: readonly number[]): Spread {
  const m = mean(values);
  if (m === null) return { n: 0, mean: null, std: null };
  if (values.length === 1) return { n: 1, mean: m, std: 0 };
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return { n: values.length, mean: m, std: Math.sqrt(squares / (values.length - 1)) };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What judging a cell against its reference reads (a stored cell, or a ran cell's outcome without `error`). */
export type JudgedCell = Pick<CellRecord, 'sense' | 'objective' | 'bestKnown' | 'optimum'> & { readonly error?: string | null };

/** Whether a ran cell reached its reference; null when it failed or its instance has none. */
export function reachedOf(cell: JudgedCell): boolean | null {
  const ref = referenceOf(cell);
  if ((cell.error ?? null) !== null || ref === null) return null;
  return cell.objective !== null && atLeastAsGood(cell.sense, cell.objective, ref);
}

/** The relative shortfall from the reference (see reference-gap.ts); null without a feasible objective or a reference. */
export function gapOf(cell: JudgedCell): number | null {
  const ref = referenceOf(cell);
  if ((cell.error ?? null) !== null || ref === null || cell.objective === null) return null;
  return gapTo(cell.sense, cell.objective, ref);
}

/** The one sense of `cells`, or null when they mix senses or there are none. */
function senseOf(cells: readonly CellRecord[]): Sense | null {
  const senses = new Set(cells.map((c) => c.sense));
  return senses.size === 1 ? [...senses][0] : null;
}

/** Mean ± sd of every metric name over the cells that report it. */
function metricSpreads(cells: readonly CellRecord[]): Record<string, Spread> {
  const names = [...new Set(cells.flatMap((c) => Object.keys(c.metrics ?? {})))].sort();
  return Object.fromEntries(names.map((name) => [name, spread(cells.map((c) => c.metrics?.[name]).filter((v): v is number => typeof v === 'number'))]));
}

/** Best and mean objective of feasible cells of one sense. */
function objectives(sense: Sense | null, feasible: readonly CellRecord[]): { bestObjective: bigint | null; meanObjective: number | null } {
  if (sense === null || feasible.length === 0) return { bestObjective: null, meanObjective: null };
  let best = feasible[0].objective as bigint;
  let sum = 0n;
  for (const c of feasible) {
    best = better(sense, c.objective as bigint, best);
    sum += c.objective as bigint;
  }
  // Summed exactly, divided once: objectives above 2^53 lose precision only in the quotient.
  return { bestObjective: best, meanObjective: Number(sum) / feasible.length };
}

/** The summary statistics of one solver's cells (any grouping). */
export function cellStats(solverKey: string, cells: readonly CellRecord[]): CellStats {
  const ran = cells.filter((c) => c.error === null);
  const feasible = ran.filter((c) => c.objective !== null);
  const sense = senseOf(cells);
  const reachedFlags = ran.map(reachedOf).filter((r): r is boolean => r !== null);
  const reached = ran.filter((c) => reachedOf(c) === true);
  const gaps = ran.map(gapOf).filter((g): g is number => g !== null);
  const evaluations = ran.map((c) => c.evaluations);
  return {
    solverKey,
    cells: cells.length,
    errors: cells.length - ran.length,
    ran: ran.length,
    feasible: feasible.length,
    sense,
    metrics: metricSpreads(ran),
    ...objectives(sense, feasible),
    gap: spread(gaps),
    withReference: reachedFlags.length,
    reached: reached.length,
    reachedRate: reachedFlags.length === 0 ? null : reached.length / reachedFlags.length,
    medianTimeToTargetMs: median(reached.map((c) => c.timeToBestMs).filter((t): t is number => t !== null)),
    meanEvaluations: mean(evaluations),
    totalEvaluations: cells.reduce((s, c) => s + c.evaluations, 0),
    meanWallMs: mean(ran.map((c) => c.wallMs)),
  };
}

/** Groups by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** The benchmark's solver order, then solvers that only the cells name, as first seen. */
export function solverOrder(cells: readonly CellRecord[], declared: readonly string[] = []): string[] {
  const order = [...declared];
  for (const c of cells) if (!order.includes(c.solverKey)) order.push(c.solverKey);
  return order;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function bySolver<T extends { solverKey: string }>(solvers: readonly string[]): (a: T, b: T) => number {
  return (a, b) => solvers.indexOf(a.solverKey) - solvers.indexOf(b.solverKey);
}

export function instanceSummaries(cells: readonly CellRecord[], solvers: readonly string[] = solverOrder(cells)): InstanceSummary[] {
  const out: InstanceSummary[] = [];
  for (const [, group] of groupBy(cells, (c) => `${c.instance}\u0000${c.solverKey}`)) {
    const first = group[0];
    out.push({
      instance: first.instance,
      family: first.family,
      bestKnown: group.find((c) => c.bestKnown !== null)?.bestKnown ?? null,
      optimum: group.find((c) => c.optimum !== null)?.optimum ?? null,
      ...cellStats(first.solverKey, group),
    });
  }
  const order = bySolver<InstanceSummary>(solvers);
  return out.sort((a, b) => byName(a.family, b.family) || byName(a.instance, b.instance) || order(a, b));
}

export function familySummaries(cells: readonly CellRecord[], solvers: readonly string[] = solverOrder(cells)): FamilySummary[] {
  const out: FamilySummary[] = [];
  for (const [, group] of groupBy(cells, (c) => `${c.family}\u0000${c.solverKey}`)) {
    out.push({ family: group[0].family, instances: new Set(group.map((c) => c.instance)).size, ...cellStats(group[0].solverKey, group) });
  }
  const order = bySolver<FamilySummary>(solvers);
  return out.sort((a, b) => byName(a.family, b.family) || order(a, b));
}

export function solverTotals(cells: readonly CellRecord[], solvers: readonly string[] = solverOrder(cells)): SolverTotals[] {
  const groups = groupBy(cells, (c) => c.solverKey);
  return solvers.map((solverKey) => {
    const group = groups.get(solverKey) ?? [];
    const perInstance = [...groupBy(group, (c) => c.instance).values()].map((g) => g.map(reachedOf).filter((r): r is boolean => r !== null));
    const withReference = perInstance.filter((flags) => flags.length > 0);
    const reached = withReference.filter((flags) => flags.includes(true));
    return {
      ...cellStats(solverKey, group),
      instances: perInstance.length,
      instancesWithReference: withReference.length,
      instancesReached: reached.length,
      instancesReachedRate: withReference.length === 0 ? null : reached.length / withReference.length,
    };
  });
}

/** Errors grouped by (solver, message), most frequent first. */
export function errorSummaries(cells: readonly CellRecord[]): ErrorSummary[] {
  const failed = cells.filter((c) => c.error !== null);
  return [...groupBy(failed, (c) => `${c.solverKey}\u0000${c.error}`).values()]
    .map((group) => ({
      solverKey: group[0].solverKey,
      error: group[0].error as string,
      cells: group.length,
      instances: [...new Set(group.map((c) => c.instance))].slice(0, 5),
    }))
    .sort((a, b) => b.cells - a.cells || byName(a.solverKey, b.solverKey) || byName(a.error, b.error));
}

/** Every roll-up of a benchmark's cells; `declaredSolvers` fixes the order (and lists solvers with no cells yet). */
export function summarise(cells: readonly CellRecord[], declaredSolvers: readonly string[] = []): BenchmarkSummary {
  const solvers = solverOrder(cells, declaredSolvers);
  return {
    solvers,
    totals: solverTotals(cells, solvers),
    families: familySummaries(cells, solvers),
    instances: instanceSummaries(cells, solvers),
    errors: errorSummaries(cells),
  };
}
