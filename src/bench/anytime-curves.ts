// Anytime curves: the mean normalised best objective per (family, solver) on a common log-spaced time grid.

import { costOfObjective } from '../problems/family.js';
import type { CellRecord } from '../store/benchmark-records.js';
import { groupBy, solverOrder } from './aggregate.js';
import { referenceOf } from './reference-gap.js';

/*
 * Objectives are first turned into costs to minimise (a maximised objective is negated), so
 * "cost" below is the objective for min problems and its negation for max problems.
 *
 * Normalisation, per instance, shared by every solver and seed on that instance so curves are
 * comparable across solvers and instances:
 *
 *   normalised(cost) = (cost − low) / max(1, high − low)
 *
 *   low  = the instance's reference (optimum, else best known), or the least cost any cell of
 *          this benchmark found when that is lower or when there is no reference: 0 is "the
 *          best cost known for the instance".
 *   high = the worst first point of any cell on the instance: 1 is "the worst start observed".
 *
 * So every value lies in [0, 1]. A cell counts at 1 before its first point (and throughout when
 * it never found a feasible assignment). Not the cell's own initial cost: solvers start from
 * different points, and dividing by each cell's own start would reward a bad start.
 */
export const NORMALISATION =
  'Per instance, with objectives as costs (negated when maximised): (cost − low) / max(1, high − low), where low is the optimum or best-known cost (or the best cost any cell found, if lower or when neither is known) and high is the worst first point of any cell on the instance; a cell counts as 1 before its first point. 0 = best known, 1 = worst start.';

export interface SolverCurve {
  readonly solverKey: string;
  /** Ran (non-error) cells averaged at each grid time. */
  readonly cells: number;
  /** Mean normalised best cost at each grid time (same length as the grid). */
  readonly values: readonly number[];
}

export interface FamilyCurves {
  readonly family: string;
  readonly solvers: readonly SolverCurve[];
}

export interface AnytimeCurves {
  /** Milliseconds, log-spaced, ascending; empty when no cell recorded any point. */
  readonly grid: readonly number[];
  readonly normalisation: string;
  readonly families: readonly FamilyCurves[];
}

interface Scale {
  readonly low: bigint;
  readonly high: bigint;
}

/** A curve as exact costs (objectives in the minimised direction), sorted by time. */
function points(cell: CellRecord): { ms: number; cost: bigint }[] {
  return cell.curve.map(([ms, objective]) => ({ ms, cost: costOfObjective(cell.sense, BigInt(objective)) })).sort((a, b) => a.ms - b.ms);
}

/** The longest time a grid needs: the time budget, else the longest cell. */
export function horizonMs(cells: readonly CellRecord[], timeLimitMs?: number): number {
  if (timeLimitMs !== undefined && timeLimitMs > 0) return timeLimitMs;
  let longest = 0;
  for (const c of cells) {
    longest = Math.max(longest, c.wallMs);
    for (const [ms] of c.curve) longest = Math.max(longest, ms);
  }
  return longest;
}

/**
 * `count` log-spaced times ending at `horizon`, starting at the earliest positive curve point but
 * no earlier than four decades below the horizon (so a 0.001 ms first point does not squash the plot).
 */
export function timeGrid(cells: readonly CellRecord[], horizon: number, count = 64): number[] {
  if (!(horizon > 0)) return [];
  let earliest = Infinity;
  for (const c of cells) for (const [ms] of c.curve) if (ms > 0 && ms < earliest) earliest = ms;
  if (earliest === Infinity) return [];
  const start = Math.min(Math.max(earliest, horizon / 1e4), horizon / 10);
  const ratio = Math.log(horizon / start);
  // Twelve significant digits: a grid time meant to be 10 ms must not come out as 9.999999 and miss a point at 10.
  return Array.from({ length: count }, (_, k) => Number((start * Math.exp((ratio * k) / (count - 1))).toPrecision(12)));
}

function scales(cells: readonly CellRecord[]): Map<string, Scale> {
  const out = new Map<string, Scale>();
  for (const [instance, group] of groupBy(cells, (c) => c.instance)) {
    let low: bigint | null = null;
    let high: bigint | null = null;
    for (const cell of group) {
      const pts = points(cell);
      for (const { cost } of pts) if (low === null || cost < low) low = cost;
      const first = pts[0];
      if (first !== undefined && (high === null || first.cost > high)) high = first.cost;
    }
    const known = group.find((c) => referenceOf(c) !== null);
    const ref = known === undefined ? null : costOfObjective(known.sense, referenceOf(known) as bigint);
    if (ref !== null && (low === null || ref < low)) low = ref;
    if (low !== null) out.set(instance, { low, high: high ?? low });
  }
  return out;
}

/** Normalised best cost of one cell at each grid time (a single walk over grid and curve). */
function cellValues(cell: CellRecord, scale: Scale | undefined, grid: readonly number[]): number[] {
  const pts = points(cell);
  const span = Number(scale === undefined || scale.high - scale.low < 1n ? 1n : scale.high - scale.low);
  const values: number[] = [];
  let best: bigint | null = null;
  let i = 0;
  for (const t of grid) {
    while (i < pts.length && pts[i].ms <= t) {
      if (best === null || pts[i].cost < best) best = pts[i].cost;
      i++;
    }
    values.push(best === null || scale === undefined ? 1 : Math.min(1, Math.max(0, Number(best - scale.low) / span)));
  }
  return values;
}

/** The anytime curves of every (family, solver); error cells are left out. */
export function anytimeCurves(cells: readonly CellRecord[], options: { timeLimitMs?: number; solvers?: readonly string[]; points?: number } = {}): AnytimeCurves {
  const ran = cells.filter((c) => c.error === null);
  const grid = timeGrid(ran, horizonMs(ran, options.timeLimitMs), options.points);
  const instanceScales = scales(ran);
  const solvers = solverOrder(cells, options.solvers);
  const families = [...groupBy(cells, (c) => c.family).keys()].sort();
  const byFamilySolver = groupBy(ran, (c) => `${c.family}\u0000${c.solverKey}`);
  return {
    grid,
    normalisation: NORMALISATION,
    families: families.map((family) => ({
      family,
      solvers: solvers.flatMap((solverKey) => {
        const group = byFamilySolver.get(`${family}\u0000${solverKey}`);
        if (group === undefined) return [];
        const sums = new Array<number>(grid.length).fill(0);
        for (const cell of group) cellValues(cell, instanceScales.get(cell.instance), grid).forEach((v, k) => (sums[k] += v));
        return [{ solverKey, cells: group.length, values: sums.map((s) => s / group.length) }];
      }),
    })),
  };
}
