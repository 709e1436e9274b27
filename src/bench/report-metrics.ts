// Metric columns of the reports: which metrics a set of rows has, their headings, and how their means read.

import type { CellStats, Spread } from './aggregate.js';

const LABELS: Readonly<Record<string, string>> = {
  satRatio: 'Sat ratio',
  falsifiedClauses: 'Falsified clauses',
  cutWeight: 'Cut weight',
  colors: 'Colours',
  conflicts: 'Conflicting edges',
};

/** A column heading for a metric: a known label, else the metric's own name. */
export function metricLabel(name: string): string {
  return LABELS[name] ?? name;
}

/** The metric names any of `rows` reports, sorted (so one family's tables show only its metrics). */
export function metricNames(rows: readonly Pick<CellStats, 'metrics'>[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort();
}

/** Decimals for a metric's mean: ratios in [0, 1] get five (sat ratios differ in the fourth place); null: significant digits. */
export function metricDecimals(name: string): number | null {
  return /ratio$/i.test(name) ? 5 : null;
}

/** A row's spread of one metric, or none when it does not report it. */
export function metricOf(row: Pick<CellStats, 'metrics'>, name: string): Spread {
  return row.metrics[name] ?? { n: 0, mean: null, std: null };
}

/** A metric's mean as plain text (CLI, Markdown): fixed decimals for ratios, else up to four significant digits. */
export function metricMeanText(name: string, s: Spread): string | null {
  if (s.mean === null) return null;
  const decimals = metricDecimals(name);
  return decimals === null ? String(Number(s.mean.toPrecision(4))) : s.mean.toFixed(decimals);
}

/** A group's sense: min, max, "mixed" for a group of both, null for one without cells. */
export function senseText(row: Pick<CellStats, 'sense' | 'cells'>): string | null {
  if (row.cells === 0) return null;
  return row.sense ?? 'mixed';
}
