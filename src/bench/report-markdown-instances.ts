// The Markdown report's per-instance table: the reference, then each solver's best objective, marked when it reached it.

import type { InstanceSummary } from './aggregate.js';
import { metricMeanText, metricOf } from './report-metrics.js';

const NONE = '–';
/** The metric that counts an infeasible best's violated hard constraints, where a family reports one (colouring). */
const VIOLATIONS = 'conflicts';

/**
 * One solver's cells on one instance: the best feasible objective over its seeds, `✓` when a seed
 * reached the reference; cells whose best broke hard constraints (a colouring with conflicting
 * edges) say how many there were (their mean when several did).
 */
export function instanceCellText(row: InstanceSummary | undefined): string {
  if (row === undefined || row.cells === 0) return NONE;
  if (row.ran === 0) return `failed (${row.errors})`;
  const best = row.bestObjective === null ? NONE : `${row.bestObjective}${row.reached > 0 ? ' ✓' : ''}`;
  const infeasible = row.ran - row.feasible;
  if (infeasible === 0) return best;
  const spread = metricOf(row, VIOLATIONS);
  if (spread.mean === null) return `${best} (${infeasible} infeasible)`;
  // feasible bests have none, so the improper ones hold every conflict the mean counts
  const perImproper = (spread.mean * spread.n) / infeasible;
  const conflicts = metricMeanText(VIOLATIONS, { ...spread, mean: perImproper });
  return `${best} (${infeasible} improper, ${infeasible === 1 ? '' : 'mean '}${conflicts} conflicts)`;
}

/** Rows: instance, reference (optimum, else best known), one column per solver in report order. */
export function instanceRows(instances: readonly InstanceSummary[], solvers: readonly string[]): string[][] {
  const byInstance = new Map<string, InstanceSummary[]>();
  for (const r of instances) byInstance.set(r.instance, [...(byInstance.get(r.instance) ?? []), r]);
  return [...byInstance.entries()].map(([instance, rows]) => {
    const first = rows[0];
    const reference = first.optimum !== null ? `${first.optimum} (opt)` : first.bestKnown !== null ? `${first.bestKnown} (best known)` : NONE;
    return [instance, reference, ...solvers.map((s) => instanceCellText(rows.find((r) => r.solverKey === s)))];
  });
}
