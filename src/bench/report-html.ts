// The HTML report: one self-contained page (inline CSS and SVG, no scripts, no external assets).

import type { CellStats, FamilySummary, InstanceSummary, Spread } from './aggregate.js';
import { metricDecimals, metricLabel, metricNames, metricOf, senseText } from './report-metrics.js';
import type { ReportData } from './report.js';
import { REPORT_CSS } from './report-style.js';
import { escapeXml as esc, lineChart, seriesStyle } from './svg-chart.js';

// ------------------------------------------------------------------ number formatting

const dash = '<span class="none">—</span>';

/** Exact objectives, digits grouped by thin spaces for reading (the JSON and CSV keep plain digits). */
export function formatCost(cost: bigint | null): string {
  if (cost === null) return dash;
  return esc(cost.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009'));
}

/** Milliseconds as ms, s or min with three significant digits. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  const sig = (v: number) => String(Number(v.toPrecision(3)));
  if (ms >= 60_000) return `${sig(ms / 60_000)} min`;
  if (ms >= 1000) return `${sig(ms / 1000)} s`;
  return `${sig(ms)} ms`;
}

function formatCount(n: number | null): string {
  if (n === null) return dash;
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))} G`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} M`;
  if (n >= 1e4) return `${Number((n / 1e3).toPrecision(3))} k`;
  return String(Math.round(n));
}

function formatNumber(x: number | null, digits = 3): string {
  if (x === null) return dash;
  if (x === 0) return '0';
  return Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(digits)));
}

/** Mean ± sd with fixed decimals (sat ratios), or with significant digits when `decimals` is null (gaps span decades). */
function formatSpread(s: Spread, decimals: number | null): string {
  if (s.mean === null) return dash;
  const f = (x: number) => (decimals === null ? formatNumber(x, 2) : x.toFixed(decimals));
  return `${f(s.mean)}<span class="pm"> ± ${f(s.std ?? 0)}</span>`;
}

function formatRate(count: number, of: number): string {
  if (of === 0) return dash;
  return `${((100 * count) / of).toFixed(0)}%<span class="of"> ${count}/${of}</span>`;
}

// ------------------------------------------------------------------ pieces

function swatch(index: number): string {
  return `<span class="swatch" style="background:${seriesStyle(index).color}"></span>`;
}

function solverCell(key: string, solvers: readonly string[]): string {
  return `<td class="solver">${swatch(solvers.indexOf(key))}<code>${esc(key)}</code></td>`;
}

function cellsCell(s: CellStats): string {
  return `<td class="num">${s.cells}${s.errors > 0 ? `<span class="err" title="cells that failed"> (${s.errors} failed)</span>` : ''}</td>`;
}

/** Marks the best value of a column among solvers (only when there is a contest). */
function bestOf<T extends CellStats>(rows: readonly T[], value: (row: T) => number | null, better: 'low' | 'high'): (row: T) => boolean {
  const values = rows.map(value).filter((v): v is number => v !== null);
  if (rows.length < 2 || values.length === 0) return () => false;
  const target = better === 'low' ? Math.min(...values) : Math.max(...values);
  if (values.every((v) => v === target) && values.length === rows.length) return () => false; // a tie everywhere picks no one
  return (row) => value(row) === target;
}

const mark = (html: string, best: boolean): string => (best ? `<strong>${html}</strong>` : html);

/** Headings of the metric columns of `rows`. */
function metricColumns(names: readonly string[]): Column[] {
  return names.map((name) => [`${metricLabel(name)} (mean ± sd)`, true] as const);
}

/** The metric cells of one row, in `names` order. */
function metricCells(row: CellStats, names: readonly string[]): string {
  return names.map((name) => `<td class="num">${formatSpread(metricOf(row, name), metricDecimals(name))}</td>`).join('');
}

function senseCell(row: CellStats): string {
  return `<td>${senseText(row) ?? dash}</td>`;
}

/** A column heading: its label, whether it holds numbers (right-aligned), and an optional tooltip. */
type Column = readonly [label: string, numeric?: boolean, title?: string];

function table(columns: readonly Column[], rows: readonly string[], cls = ''): string {
  const head = columns.map(([label, numeric, title]) => `<th${numeric === true ? ' class="num"' : ''}${title === undefined ? '' : ` title="${esc(title)}"`}>${esc(label)}</th>`).join('');
  return `<div class="table-wrap"><table${cls === '' ? '' : ` class="${cls}"`}><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function definition(data: ReportData): string {
  const b = data.benchmark;
  const budget = [b.budget.timeLimitMs !== undefined ? `${formatMs(b.budget.timeLimitMs)} per cell` : '', b.budget.maxEvaluations !== undefined ? `${formatCount(b.budget.maxEvaluations)} evaluations per cell` : ''].filter((s) => s !== '').join(', ');
  const rows: [string, string][] = [
    ['Suite', `<code>${esc(b.suite)}</code>`],
    ['Solvers', b.solvers.map((s, i) => `${swatch(i)}<code>${esc(s)}</code>`).join(' ')],
    ['Seeds', String(b.seeds)],
    ['Budget', esc(budget || 'none')],
    ['Cells', `${b.doneCells} of ${b.totalCells} finished`],
    ['Created', esc(b.createdAt)],
    ['Started', b.startedAt === null ? dash : esc(b.startedAt)],
    ['Finished', b.finishedAt === null ? dash : esc(b.finishedAt)],
  ];
  if (b.error !== null) rows.push(['Error', `<span class="err">${esc(b.error)}</span>`]);
  return `<dl class="definition">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function totalsTable(data: ReportData): string {
  const { totals, solvers } = data.summary;
  const metrics = metricNames(totals);
  const bestInstances = bestOf(totals, (t) => t.instancesReachedRate, 'high');
  const bestGap = bestOf(totals, (t) => t.gap.mean, 'low');
  const rows = totals.map(
    (t) => `<tr>${solverCell(t.solverKey, solvers)}${cellsCell(t)}<td class="num">${t.instances}</td>${senseCell(t)}<td class="num">${formatRate(t.feasible, t.ran)}</td>` +
      `${metricCells(t, metrics)}<td class="num">${mark(formatNumber(t.gap.mean), bestGap(t))}</td>` +
      `<td class="num">${mark(formatRate(t.instancesReached, t.instancesWithReference), bestInstances(t))}</td><td class="num">${formatRate(t.reached, t.withReference)}</td>` +
      `<td class="num">${formatMs(t.medianTimeToTargetMs)}</td><td class="num">${formatCount(t.totalEvaluations)}</td><td class="num">${formatMs(t.meanWallMs)}</td></tr>`,
  );
  return table(
    [['Solver'], ['Cells', true], ['Instances', true], ['Sense', false, 'min: smaller objectives are better; max: larger; mixed: the suite holds both'], ['Feasible', true], ...metricColumns(metrics), ['Mean gap', true, 'shortfall from the reference over max(1, |reference|), in each instance’s sense'],
      ['Reached, instances', true, 'an instance counts when any seed reached its optimum or best-known objective'], ['Reached, seeds', true, 'reached cells over ran cells with a reference'],
      ['Median time to target', true], ['Evaluations', true], ['Mean wall time', true]],
    rows,
  );
}

function familyTable(rows: readonly FamilySummary[], solvers: readonly string[]): string {
  const metrics = metricNames(rows);
  const bestRate = bestOf(rows, (r) => r.reachedRate, 'high');
  const bestGap = bestOf(rows, (r) => r.gap.mean, 'low');
  const body = rows.map(
    (r) => `<tr>${solverCell(r.solverKey, solvers)}${cellsCell(r)}<td class="num">${formatRate(r.feasible, r.ran)}</td>${metricCells(r, metrics)}` +
      `<td class="num cost">${formatCost(r.bestObjective)}</td><td class="num">${formatNumber(r.meanObjective, 4)}</td><td class="num">${mark(formatSpread(r.gap, null), bestGap(r))}</td>` +
      `<td class="num">${mark(formatRate(r.reached, r.withReference), bestRate(r))}</td><td class="num">${formatMs(r.medianTimeToTargetMs)}</td><td class="num">${formatCount(r.meanEvaluations)}</td></tr>`,
  );
  return table(
    [['Solver'], ['Cells', true], ['Feasible', true], ...metricColumns(metrics), ['Best objective', true], ['Mean objective', true], ['Gap (mean ± sd)', true],
      ['Reached (seeds)', true], ['Median time to target', true], ['Mean evaluations', true]],
    body,
  );
}

/** The folder every name starts with (up to a '/'), so tables can show the rest; '' when none. */
export function commonFolder(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0].slice(0, names[0].lastIndexOf('/') + 1);
  for (const name of names) while (prefix !== '' && !name.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}

function instanceTable(rows: readonly InstanceSummary[], solvers: readonly string[], folder: string): string {
  const metrics = metricNames(rows);
  const byInstance = new Map<string, InstanceSummary[]>();
  for (const r of rows) byInstance.set(r.instance, [...(byInstance.get(r.instance) ?? []), r]);
  const body = [...byInstance.values()].flatMap((group) =>
    group.map((r, i) => {
      const ref = r.optimum !== null ? `${formatCost(r.optimum)}<span class="of"> opt</span>` : r.bestKnown !== null ? `${formatCost(r.bestKnown)}<span class="of"> best known</span>` : dash;
      const head = i === 0 ? `<td class="instance" rowspan="${group.length}" title="${esc(r.instance)}">${esc(r.instance.slice(folder.length))}</td><td class="num cost" rowspan="${group.length}">${ref}</td>` : '';
      return `<tr${i === 0 ? ' class="first"' : ''}>${head}${solverCell(r.solverKey, solvers)}${cellsCell(r)}${metricCells(r, metrics)}` +
        `<td class="num cost">${formatCost(r.bestObjective)}</td><td class="num">${formatNumber(r.meanObjective, 4)}</td><td class="num">${formatNumber(r.gap.mean)}</td>` +
        `<td class="num">${formatRate(r.reached, r.withReference)}</td><td class="num">${formatMs(r.medianTimeToTargetMs)}</td><td class="num">${formatCount(r.meanEvaluations)}</td></tr>`;
    }),
  );
  return table(
    [['Instance'], ['Reference', true], ['Solver'], ['Cells', true], ...metricColumns(metrics), ['Best objective', true], ['Mean objective', true],
      ['Mean gap', true], ['Reached', true], ['Median time to target', true], ['Mean evaluations', true]],
    body,
    'instances',
  );
}

function familyChart(data: ReportData, family: string): string {
  const curves = data.curves.families.find((f) => f.family === family)?.solvers ?? [];
  const grid = data.curves.grid;
  const series = curves.map((c) => ({ label: c.solverKey, styleIndex: data.summary.solvers.indexOf(c.solverKey), points: grid.map((t, k) => [t, c.values[k]] as const) }));
  return lineChart(series, {
    title: `Anytime curves, ${family}: mean normalised best objective against time`,
    xLabel: 'time since the cell started (log scale)',
    yLabel: 'normalised best (0 = best known)',
    logX: true,
    yDomain: [0, 1],
    formatX: formatMs,
    formatY: (y) => String(Number(y.toFixed(2))),
  });
}

const SENSE_WORDS: Readonly<Record<string, string>> = { min: 'minimised', max: 'maximised' };

function familySection(data: ReportData, family: string, index: number): string {
  const rows = data.summary.families.filter((f) => f.family === family);
  const instances = data.summary.instances.filter((r) => r.family === family);
  const names = [...new Set(instances.map((r) => r.instance))];
  const instanceCount = names.length;
  const folder = commonFolder(names);
  const cellCount = rows.reduce((s, r) => s + r.cells, 0);
  const sense = SENSE_WORDS[[...new Set(rows.map((r) => senseText(r)))].join('/')] ?? 'minimised and maximised instances';
  return `<section class="family" id="family-${index}"><h2>${esc(family)} <span class="sub">${instanceCount} instance${instanceCount === 1 ? '' : 's'} · ${cellCount} cells · ${sense}</span></h2>` +
    `<figure>${familyChart(data, family)}<figcaption>Mean over cells (errors left out) of the best objective found so far, normalised per instance: 0 = optimum or best known, 1 = the worst starting point observed.</figcaption></figure>` +
    familyTable(rows, data.summary.solvers) +
    `<details><summary>Per-instance results (${instanceCount})</summary>${folder === '' ? '' : `<p class="sub">Instances under <code>${esc(folder)}</code></p>`}` +
    `${instanceTable(instances, data.summary.solvers, folder)}</details></section>`;
}

function errorsSection(data: ReportData): string {
  const errors = data.summary.errors;
  if (errors.length === 0) return '';
  const total = errors.reduce((s, e) => s + e.cells, 0);
  const rows = errors.map((e) => `<tr>${solverCell(e.solverKey, data.summary.solvers)}<td class="num">${e.cells}</td><td><code class="err">${esc(e.error)}</code></td><td class="instance">${e.instances.map(esc).join('<br>')}</td></tr>`);
  return `<details class="errors"><summary>Failed cells (${total})</summary>${table([['Solver'], ['Cells', true], ['Error'], ['Instances (up to 5)']], rows)}</details>`;
}

const READING_GUIDE = `<details class="guide"><summary>How to read this report</summary><ul>
<li>A <em>cell</em> is one run: one instance, one solver configuration, one seed. Failed cells are counted (“failed”) and left out of every mean, rate and median; every rate shows its denominator.</li>
<li>Objectives are in each problem’s own sense: minimised for MAX-SAT (falsified soft weight) and Biq Mac QUBO, maximised for Max-Cut (cut weight) and OR-Library QUBO; each family says which.</li>
<li>The <em>reference</em> of an instance is its optimum when known (“opt”), else its best-known objective. A cell <em>reached</em> it when its best feasible objective is at least as good (≤ when minimised, ≥ when maximised).</li>
<li><em>Gap</em> = shortfall from the reference / max(1, |reference|): (objective − reference) when minimised, (reference − objective) when maximised, over cells with a feasible assignment on instances with a reference; ≥ 0 unless the best known was beaten; with reference 0 it is the shortfall itself.</li>
<li><em>Reached, instances</em>: an instance counts when any of its seeds reached the reference, over instances with a reference. <em>Reached, seeds</em>: reached cells over ran cells with a reference.</li>
<li><em>Time to target</em>: a reached cell’s time to its best cost; the median is over reached cells only.</li>
<li>Family rows pool all cells of the family’s instances. Metric columns (sat ratio: fraction of clauses satisfied; cut weight; …) are the family’s figures of the best point, mean ± sample standard deviation over cells. Bold marks the best solver in a column.</li>
</ul></details>`;

export function renderHtml(data: ReportData): string {
  const b = data.benchmark;
  const families = [...new Set(data.summary.families.map((f) => f.family))];
  const partial = b.doneCells < b.totalCells ? `<p class="partial">Partial results: ${b.doneCells} of ${b.totalCells} cells have finished.</p>` : '';
  const nav = families.length > 1 ? `<nav>Families: ${families.map((f, i) => `<a href="#family-${i}">${esc(f)}</a>`).join(' · ')}</nav>` : '';
  const body = families.length === 0
    ? '<p class="none">No cells have finished yet.</p>'
    : `<h2>Solvers</h2>${totalsTable(data)}${errorsSection(data)}${nav}${families.map((f, i) => familySection(data, f, i)).join('')}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Benchmark ${esc(b.name)}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>${esc(b.name)} <span class="status status-${esc(b.status)}">${esc(b.status)}</span></h1><p class="sub">Benchmark <code>${esc(b.id)}</code></p></header>
${definition(data)}${partial}${READING_GUIDE}${body}
<footer>polystep-service benchmark report · objectives are exact · times are per cell</footer></body></html>
`;
}
