// The Markdown report: the benchmark's definition, then solver totals and one table per family, as GitHub tables.

import type { CellStats, Spread } from './aggregate.js';
import { metricLabel, metricMeanText, metricNames, metricOf, senseText } from './report-metrics.js';
import { instanceRows } from './report-markdown-instances.js';
import type { ReportData } from './report.js';

const NONE = '–';

/** Text in a table cell: pipes and line breaks would end the cell or the row. */
function cellText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub table: the first `textColumns` columns left-aligned, the numbers after them right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 2): string {
  const align = header.map((_, i) => (i < textColumns ? '---' : '---:'));
  return [header, align, ...rows].map((r) => `| ${r.map(cellText).join(' | ')} |`).join('\n');
}

function rate(count: number, of: number): string {
  return of === 0 ? NONE : `${((100 * count) / of).toFixed(0)}% (${count}/${of})`;
}

function num(x: number | null): string {
  if (x === null) return NONE;
  return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

function ms(x: number | null): string {
  return x === null ? NONE : `${Number(x.toPrecision(3))} ms`;
}

function metricText(name: string, s: Spread): string {
  return metricMeanText(name, s) ?? NONE;
}

/** The columns every table shares after its leading ones. */
function statColumns(row: CellStats, metrics: readonly string[]): string[] {
  return [
    senseText(row) ?? NONE,
    String(row.cells),
    String(row.errors),
    ...metrics.map((m) => metricText(m, metricOf(row, m))),
    num(row.gap.mean),
    rate(row.reached, row.withReference),
    ms(row.medianTimeToTargetMs),
  ];
}

const statHeader = (metrics: readonly string[]) => ['sense', 'cells', 'errors', ...metrics.map((m) => `mean ${metricLabel(m).toLowerCase()}`), 'mean gap', 'reached (seeds)', 'median time to target'];

export function renderMarkdown(data: ReportData): string {
  const b = data.benchmark;
  const { totals, families } = data.summary;
  const budget = [b.budget.timeLimitMs === undefined ? null : `${b.budget.timeLimitMs} ms`, b.budget.maxEvaluations === undefined ? null : `${b.budget.maxEvaluations} evaluations`].filter((x) => x !== null).join(', ');
  const lines = [
    `# Benchmark ${cellText(b.name)}`,
    '',
    `\`${b.id}\` · ${b.status} · suite \`${b.suite}\` · ${b.seeds} seeds · ${budget} per cell · ${b.doneCells} of ${b.totalCells} cells finished`,
    '',
    '## Solvers',
    '',
  ];
  const totalMetrics = metricNames(totals);
  lines.push(
    table(
      ['solver', ...statHeader(totalMetrics), 'reached (instances)'],
      totals.map((t) => [t.solverKey, ...statColumns(t, totalMetrics), rate(t.instancesReached, t.instancesWithReference)]),
    ),
  );
  for (const family of [...new Set(families.map((f) => f.family))]) {
    const rows = families.filter((f) => f.family === family);
    const metrics = metricNames(rows);
    lines.push('', `## ${cellText(family)}`, '');
    const best = (r: (typeof rows)[number]) => (r.bestObjective === null ? NONE : r.bestObjective.toString());
    lines.push(table(['solver', ...statHeader(metrics), 'best objective', 'instances'], rows.map((r) => [r.solverKey, ...statColumns(r, metrics), best(r), String(r.instances)])));
  }
  const instances = instanceRows(data.summary.instances, data.summary.solvers);
  if (instances.length > 0) {
    lines.push('', '## Instances', '', 'Best objective per solver over its seeds; ✓: a seed reached the reference.', '');
    lines.push(table(['instance', 'reference', ...data.summary.solvers], instances, 2));
  }
  lines.push(
    '',
    'Objectives are in each problem’s own sense (min or max). Gap: shortfall from the optimum (else best known) over max(1, |reference|), ≥ 0 unless the best known was beaten. Reached: the best feasible objective is at least as good as the reference. Failed cells count in cells and errors only.',
    '',
  );
  return lines.join('\n');
}
