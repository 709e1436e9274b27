// A benchmark's report in one of four formats: JSON summaries, CSV of every cell, an HTML page, or Markdown tables.

import { toJson } from '../common/json.js';
import type { BenchmarkRecord, CellRecord } from '../store/benchmark-records.js';
import { gapOf, reachedOf, summarise, type BenchmarkSummary } from './aggregate.js';
import { anytimeCurves, type AnytimeCurves } from './anytime-curves.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-markdown.js';

export const REPORT_FORMATS = ['json', 'csv', 'html', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}

export function reportContentType(format: ReportFormat): string {
  return CONTENT_TYPES[format];
}

/**
 * The format a request asks for: `?format=` wins; else the Accept header, through `accepts`
 * (express's req.accepts), JSON first so no header or a wildcard gives JSON. Null for an unknown
 * `format` value: a typo should be refused, not answered with something else.
 */
export function negotiateReportFormat(format: unknown, accepts: (types: string[]) => string | false): ReportFormat | null {
  if (format !== undefined) return isReportFormat(format) ? format : null;
  const chosen = accepts(REPORT_FORMATS.map((f) => CONTENT_TYPES[f].split(';')[0]));
  return REPORT_FORMATS.find((f) => chosen === CONTENT_TYPES[f].split(';')[0]) ?? 'json';
}

/** Everything the JSON and HTML reports show, computed once. */
export interface ReportData {
  readonly benchmark: BenchmarkRecord;
  readonly summary: BenchmarkSummary;
  readonly curves: AnytimeCurves;
}

export function reportData(benchmark: BenchmarkRecord, cells: readonly CellRecord[]): ReportData {
  return {
    benchmark,
    summary: summarise(cells, benchmark.solvers),
    curves: anytimeCurves(cells, { timeLimitMs: benchmark.budget.timeLimitMs, solvers: benchmark.solvers }),
  };
}

/** JSON with every bigint as its exact decimal string (objectives can exceed 2^64). */
export function reportJson(data: ReportData): string {
  return toJson(data, 2);
}

/** The columns every CSV starts with; one column per metric name the cells report follows (satRatio, cutWeight, …). */
export const CSV_COLUMNS = [
  'benchmarkId',
  'instance',
  'family',
  'sense',
  'solver',
  'seed',
  'objective',
  'feasible',
  'bestKnown',
  'optimum',
  'reached',
  'gap',
  'timeToBestMs',
  'evaluations',
  'steps',
  'wallMs',
  'error',
] as const;

/** RFC 4180 quoting: a field with a comma, quote, line break or edge white space is quoted, quotes doubled. */
export function csvField(value: string | number | boolean | bigint | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The metric names of `cells`, sorted: the CSV's trailing columns. */
export function metricColumns(cells: readonly CellRecord[]): string[] {
  return [...new Set(cells.flatMap((c) => Object.keys(c.metrics ?? {})))].sort();
}

/** One row per cell, in the order given; reached and gap are computed as in the summaries; a metric a cell lacks is empty. */
export function cellsCsv(cells: readonly CellRecord[]): string {
  const metrics = metricColumns(cells);
  const rows = cells.map((c) =>
    [
      c.benchmarkId,
      c.instance,
      c.family,
      c.sense,
      c.solverKey,
      c.seed,
      c.objective,
      c.feasible,
      c.bestKnown,
      c.optimum,
      reachedOf(c),
      gapOf(c),
      c.timeToBestMs,
      c.evaluations,
      c.steps,
      c.wallMs,
      c.error,
      ...metrics.map((name) => c.metrics?.[name] ?? null),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[...CSV_COLUMNS, ...metrics].map(csvField).join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

/** Cells in a stable order (family, instance, solver as declared, seed), whatever order the store returned. */
function sortedCells(benchmark: BenchmarkRecord, cells: readonly CellRecord[]): CellRecord[] {
  const solverRank = (key: string): number => {
    const i = benchmark.solvers.indexOf(key);
    return i < 0 ? benchmark.solvers.length : i;
  };
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...cells].sort(
    (a, b) => cmp(a.family, b.family) || cmp(a.instance, b.instance) || solverRank(a.solverKey) - solverRank(b.solverKey) || cmp(a.solverKey, b.solverKey) || a.seed - b.seed,
  );
}

export function renderReport(benchmark: BenchmarkRecord, cells: CellRecord[], format: ReportFormat): string {
  switch (format) {
    case 'csv':
      return cellsCsv(sortedCells(benchmark, cells));
    case 'json':
      return reportJson(reportData(benchmark, cells));
    case 'html':
      return renderHtml(reportData(benchmark, cells));
    case 'markdown':
      return renderMarkdown(reportData(benchmark, cells));
  }
}
