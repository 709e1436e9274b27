import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarise } from '../src/bench/aggregate.js';
import { anytimeCurves } from '../src/bench/anytime-curves.js';
import { commonFolder, formatMs } from '../src/bench/report-html.js';
import { CSV_COLUMNS, renderReport, reportContentType } from '../src/bench/report.js';
import { linearTicks, logTicks } from '../src/bench/svg-chart.js';
import type { BenchmarkRecord, CellRecord } from '../src/store/benchmark-records.js';
import { cellRecord } from './support/cell-record.js';

const cell = cellRecord;

function benchmark(over: Partial<BenchmarkRecord> = {}): BenchmarkRecord {
  return {
    id: 'bm_1',
    name: 'hand-made',
    suite: 'satlib-small',
    solvers: ['s1', 's2'],
    seeds: 4,
    budget: { timeLimitMs: 1000 },
    totalCells: 9,
    status: 'completed',
    error: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: '2025-01-01T00:00:01.000Z',
    finishedAt: '2025-01-01T00:01:00.000Z',
    doneCells: 9,
    ...over,
  };
}

// Instance A has optimum 10, B only a best-known 0, C no reference; s1 has one failed cell on A.
const A = { instance: 'A.cnf', optimum: 10n, bestKnown: 10n };
const cells: CellRecord[] = [
  cell({ ...A, solverKey: 's1', seed: 1, objective: 10n, metrics: { satRatio: 0.9 }, timeToBestMs: 100, curve: [[1, '20'], [100, '10']] }),
  cell({ ...A, solverKey: 's1', seed: 2, objective: 12n, metrics: { satRatio: 0.8 }, timeToBestMs: 40, curve: [[2, '30'], [40, '12']] }),
  cell({ ...A, solverKey: 's1', seed: 3, objective: 10n, metrics: { satRatio: 1.0 }, timeToBestMs: 300, curve: [[1, '25'], [300, '10']] }),
  cell({ ...A, solverKey: 's1', seed: 4, feasible: null, evaluations: 5, wallMs: 1, error: 'worker crashed, "badly"\nat step 3' }),
  cell({ ...A, solverKey: 's2', seed: 1, objective: 11n, metrics: { satRatio: 0.95 }, timeToBestMs: 7, curve: [[1, '15'], [7, '11']] }),
  cell({ instance: 'B.cnf', bestKnown: 0n, solverKey: 's1', seed: 1, objective: 0n, metrics: { satRatio: 1 }, timeToBestMs: 20, curve: [[3, '4'], [20, '0']] }),
  cell({ instance: 'B.cnf', bestKnown: 0n, solverKey: 's1', seed: 2, objective: 3n, metrics: { satRatio: 0.7 }, timeToBestMs: 9, curve: [[3, '6'], [9, '3']] }),
  cell({ instance: 'C,odd "name".cnf', solverKey: 's1', seed: 1, objective: 5n, metrics: { satRatio: 0.5 }, timeToBestMs: 1, curve: [[1, '5']] }),
  cell({ instance: 'C,odd "name".cnf', solverKey: 's1', seed: 2, objective: null, feasible: false, metrics: { satRatio: 0.4 } }),
];

const close = (actual: number | null, expected: number, what: string) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

test('per-instance summaries give mean, sample std, gap, rates and the median time to target, leaving failed cells out of means but counting them', () => {
  const { instances } = summarise(cells, ['s1', 's2']);
  const a1 = instances.find((r) => r.instance === 'A.cnf' && r.solverKey === 's1')!;
  assert.deepEqual([a1.cells, a1.errors, a1.ran, a1.feasible], [4, 1, 3, 3]);
  close(a1.metrics.satRatio.mean, 0.9, 'mean sat ratio');
  close(a1.metrics.satRatio.std, 0.1, 'sample std (ddof 1)');
  assert.equal(a1.bestObjective, 10n);
  close(a1.meanObjective, 32 / 3, 'mean objective');
  assert.equal(a1.sense, 'min');
  close(a1.gap.mean, 0.2 / 3, 'mean gap (0, 0.2, 0)');
  assert.deepEqual([a1.reached, a1.withReference], [2, 3]);
  close(a1.reachedRate, 2 / 3, 'reached rate');
  assert.equal(a1.medianTimeToTargetMs, 200, 'median of 100 and 300; the unreached 40 ms is not a target time');
  close(a1.meanEvaluations, 100, 'mean evaluations over ran cells');
  assert.equal(a1.totalEvaluations, 305, 'the failed cell still spent its evaluations');
  assert.deepEqual([a1.optimum, a1.bestKnown], [10n, 10n]);

  const a2 = instances.find((r) => r.instance === 'A.cnf' && r.solverKey === 's2')!;
  assert.deepEqual([a2.metrics.satRatio.std, a2.reachedRate, a2.medianTimeToTargetMs], [0, 0, null], 'one cell: std 0; none reached: no time to target');

  const b1 = instances.find((r) => r.instance === 'B.cnf')!;
  close(b1.gap.mean, 1.5, 'reference 0 divides by 1: gaps 0 and 3');
  const c1 = instances.find((r) => r.instance.startsWith('C'))!;
  assert.deepEqual([c1.gap.n, c1.gap.mean, c1.reachedRate, c1.withReference, c1.feasible, c1.ran], [0, null, null, 0, 1, 2]);
});

test('family rows pool cells and solver totals give both the per-instance and the per-seed reach rate', () => {
  const summary = summarise(cells, ['s1', 's2']);
  const f1 = summary.families.find((f) => f.solverKey === 's1')!;
  assert.deepEqual([f1.family, f1.instances, f1.cells, f1.errors, f1.ran], ['fam', 3, 8, 1, 7]);
  close(f1.gap.mean, (0 + 0.2 + 0 + 0 + 3) / 5, 'pooled gap');
  close(f1.reachedRate, 3 / 5, 'pooled reach rate');
  assert.equal(f1.medianTimeToTargetMs, 100, 'median of 100, 300 and 20');

  const [t1, t2] = summary.totals;
  assert.deepEqual([t1.solverKey, t1.instances, t1.instancesWithReference, t1.instancesReached], ['s1', 3, 2, 2]);
  close(t1.instancesReachedRate, 1, 'A and B each reached by some seed');
  close(t1.reachedRate, 3 / 5, 'per seed: 3 of the 5 ran cells with a reference');
  assert.deepEqual([t2.solverKey, t2.instances, t2.instancesReached, t2.instancesReachedRate], ['s2', 1, 0, 0]);
  assert.deepEqual(summary.errors.map((e) => [e.solverKey, e.cells, e.instances]), [['s1', 1, ['A.cnf']]]);
});

test('a declared solver without cells still gets a totals row, and solvers keep the declared order', () => {
  const summary = summarise(cells, ['s2', 'idle', 's1']);
  assert.deepEqual(summary.totals.map((t) => [t.solverKey, t.cells]), [['s2', 1], ['idle', 0], ['s1', 8]]);
  assert.deepEqual(summary.instances.filter((r) => r.instance === 'A.cnf').map((r) => r.solverKey), ['s2', 's1']);
});

test('anytime curves are normalised per instance to [0, 1] on a log-spaced grid ending at the budget', () => {
  const curves = anytimeCurves(
    [cell({ instance: 'X', bestKnown: 0n, solverKey: 's1', seed: 1, objective: 0n, curve: [[1, '10'], [10, '5'], [100, '0']] }), cell({ instance: 'X', solverKey: 's1', seed: 2, error: 'no' })],
    { timeLimitMs: 1000, points: 4 },
  );
  assert.deepEqual(curves.grid.map((t) => Number(t.toPrecision(6))), [1, 10, 100, 1000]);
  const [curve] = curves.families[0].solvers;
  assert.equal(curve.cells, 1, 'the failed cell is left out');
  assert.deepEqual(curve.values, [1, 0.5, 0, 0]);
  // A solver that starts better than the worst start is below 1 from its first point; both share one scale.
  const shared = anytimeCurves(
    [cell({ instance: 'Y', optimum: 2n, solverKey: 'a', seed: 1, objective: 2n, curve: [[1, '12'], [5, '2']] }), cell({ instance: 'Y', optimum: 2n, solverKey: 'b', seed: 1, objective: 7n, curve: [[1, '7']] })],
    { timeLimitMs: 10, points: 2 },
  );
  assert.deepEqual(shared.families[0].solvers.map((s) => [s.solverKey, s.values]), [['a', [1, 0]], ['b', [0.5, 0.5]]]);
});

test('axis ticks are decades on a log axis and round steps on a linear one', () => {
  assert.deepEqual(logTicks(0.5, 2000), [1, 10, 100, 1000]);
  assert.deepEqual(logTicks(3, 30), [5, 10, 20]);
  assert.deepEqual(linearTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual([formatMs(0.5), formatMs(1500), formatMs(90_000)], ['0.5 ms', '1.5 s', '1.5 min']);
  assert.equal(commonFolder(['a/b/x.cnf', 'a/b/c/y.cnf', 'a/bz.cnf']), 'a/');
});

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with a line break');
  return rows;
}

test('the CSV has one row per cell with every awkward field quoted so it reads back unchanged', () => {
  const csv = renderReport(benchmark(), cells, 'csv');
  const rows = parseCsv(csv);
  assert.deepEqual(rows[0], [...CSV_COLUMNS, 'satRatio'], 'the fixed columns, then one per metric the cells report');
  assert.equal(rows.length, cells.length + 1);
  assert.ok(rows.every((r) => r.length === CSV_COLUMNS.length + 1));
  const col = (name: string) => rows[0].indexOf(name);
  const failed = rows.slice(1).find((r) => r[col('error')] !== '')!;
  assert.equal(failed[col('error')], 'worker crashed, "badly"\nat step 3');
  assert.deepEqual([failed[col('objective')], failed[col('satRatio')]], ['', '']);
  const odd = rows.filter((r) => r[col('instance')] === 'C,odd "name".cnf');
  assert.equal(odd.length, 2);
  const a1 = rows.find((r) => r[col('instance')] === 'A.cnf' && r[col('solver')] === 's1' && r[col('seed')] === '2')!;
  assert.deepEqual(
    [a1[col('objective')], a1[col('sense')], a1[col('reached')], a1[col('gap')], a1[col('optimum')], a1[col('feasible')], a1[col('satRatio')]],
    ['12', 'min', 'false', '0.2', '10', 'true', '0.8'],
  );
  assert.match(csv, /"worker crashed, ""badly""\nat step 3"/);
  assert.equal(reportContentType('csv'), 'text/csv; charset=utf-8');
});

test('the JSON report keeps objectives above 2^64 exact as decimal strings', () => {
  const big = 2n ** 70n;
  const json = renderReport(benchmark({ solvers: ['s1'] }), [cell({ instance: 'W.wcnf', optimum: big, bestKnown: big, solverKey: 's1', seed: 1, objective: big + 1n, curve: [[1, (big * 2n).toString()], [2, (big + 1n).toString()]] })], 'json');
  const parsed = JSON.parse(json) as { benchmark: { id: string }; summary: { instances: { bestObjective: string; optimum: string; sense: string }[]; totals: { bestObjective: string }[] }; curves: { grid: number[] } };
  assert.equal(parsed.benchmark.id, 'bm_1');
  assert.equal(parsed.summary.instances[0].bestObjective, '1180591620717411303425');
  assert.equal(parsed.summary.instances[0].sense, 'min');
  assert.equal(BigInt(parsed.summary.instances[0].optimum), big);
  assert.equal(BigInt(parsed.summary.totals[0].bestObjective), big + 1n);
  assert.equal(reportContentType('json'), 'application/json; charset=utf-8');
});

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'wbr']);

/** Asserts every element is closed in order (void elements and `<x/>` aside); returns the tag counts. */
function checkNesting(html: string): Map<string, number> {
  const stack: string[] = [];
  const counts = new Map<string, number>();
  for (const m of html.replace(/<!DOCTYPE[^>]*>/i, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = m;
    const name = rawName.toLowerCase();
    if (closing === '/') {
      assert.equal(stack.pop(), name, `</${name}> closes something else`);
    } else {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (selfClosing !== '/' && !VOID.has(name)) stack.push(name);
    }
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  return counts;
}

test('the HTML page is self-contained, escapes hostile names, nests properly and draws one chart per family with a line per solver', () => {
  const hostile = '<script>alert(1)</script>';
  const withHostile = [...cells, cell({ instance: 'H.cnf', family: hostile, solverKey: 's2', seed: 1, objective: 1n, curve: [[2, '3'], [4, '1']] }), cell({ instance: 'H.cnf', family: hostile, solverKey: 's1', seed: 1, objective: 2n, curve: [[1, '2']] })];
  const html = renderReport(benchmark({ name: 'a & b <i>' }), withHostile, 'html');
  assert.ok(!/<script/i.test(html), 'no script element at all');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('a &amp; b &lt;i&gt;'));
  assert.ok(!/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i.test(html), 'no external src or href');
  assert.ok(!/<link|@import|url\(/i.test(html), 'no linked style sheets, imports or url() assets');

  const counts = checkNesting(html);
  assert.equal(counts.get('svg'), 2, 'families fam and the hostile one');
  const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  assert.equal(svgs.length, 2);
  for (const svg of svgs) assert.equal((svg.match(/<polyline/g) ?? []).length, 2, 'one line per solver');
  assert.ok(svgs.every((svg) => svg.includes('s1') && svg.includes('s2')), 'a legend names each solver');
  assert.ok((counts.get('details') ?? 0) >= 3, 'per-instance tables are collapsible');
  assert.equal(reportContentType('html'), 'text/html; charset=utf-8');
});

test('a benchmark with no finished cells still renders every format', () => {
  const empty = benchmark({ status: 'queued', doneCells: 0, startedAt: null, finishedAt: null });
  assert.match(renderReport(empty, [], 'html'), /No cells have finished yet/);
  assert.equal(renderReport(empty, [], 'csv'), `${CSV_COLUMNS.join(',')}\n`);
  assert.deepEqual((JSON.parse(renderReport(empty, [], 'json')) as { curves: { grid: unknown[] } }).curves.grid, []);
  assert.match(renderReport(empty, [], 'markdown'), /^# Benchmark hand-made\n[\s\S]*\| s1 \| – \| 0 \| 0 \|/);
});

// A maximised family (Max-Cut-like, best known 100) next to the minimised one: s1 reaches it once, falls 20 short once.
const M = { instance: 'M.txt', family: 'maxfam', sense: 'max', bestKnown: 100n } as const;
const maxCells: CellRecord[] = [
  cell({ ...M, solverKey: 's1', seed: 1, objective: 100n, metrics: { cutWeight: 100 }, timeToBestMs: 10, curve: [[1, '40'], [10, '100']] }),
  cell({ ...M, solverKey: 's1', seed: 2, objective: 80n, metrics: { cutWeight: 80 }, timeToBestMs: 10, curve: [[1, '60'], [10, '80']] }),
];

test('a maximised family is judged upwards: reached at or above the best known, gap (best known − objective) / |best known|, curves falling to 0', () => {
  const summary = summarise([...cells, ...maxCells], ['s1', 's2']);
  const fam = summary.families.find((f) => f.family === 'maxfam')!;
  assert.deepEqual([fam.sense, fam.bestObjective, fam.meanObjective, fam.reached, fam.withReference], ['max', 100n, 90, 1, 2]);
  close(fam.gap.mean, 0.1, 'gaps 0 and 0.2');
  close(fam.metrics.cutWeight.mean, 90, 'cut weight metric');
  assert.equal(fam.metrics.satRatio, undefined, 'a family shows only its own metrics');
  const [t1] = summary.totals;
  assert.deepEqual([t1.sense, t1.bestObjective, t1.meanObjective], [null, null, null], 'totals over both senses give no best objective');
  assert.deepEqual([t1.reached, t1.withReference, t1.instancesReached, t1.instancesWithReference], [4, 7, 3, 3]);
  const curves = anytimeCurves(maxCells, { timeLimitMs: 10, points: 2 });
  const [curve] = curves.families[0].solvers;
  close(curve.values[0], 5 / 6, 'at 1 ms: seed 1 at the worst start (1), seed 2 two thirds of the way');
  close(curve.values[1], 1 / 6, 'at 10 ms: seed 1 at the best known (0), seed 2 a third');

  const csv = parseCsv(renderReport(benchmark(), [...cells, ...maxCells], 'csv'));
  assert.deepEqual(csv[0].slice(CSV_COLUMNS.length), ['cutWeight', 'satRatio']);
  const short = csv.find((r) => r[1] === 'M.txt' && r[5] === '2')!;
  assert.deepEqual([short[3], short[6], short[10], short[11], short[CSV_COLUMNS.length]], ['max', '80', 'false', '0.2', '80']);
  const html = renderReport(benchmark(), [...cells, ...maxCells], 'html');
  assert.match(html, /maxfam <span class="sub">1 instance · 2 cells · maximised<\/span>/);
  assert.match(html, /<td>mixed<\/td>/, 'the totals row of a solver over both senses');
  const md = renderReport(benchmark(), [...cells, ...maxCells], 'markdown');
  assert.match(md, /^\| s1 \| mixed \| 10 \| 1 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| 57% \(4\/7\) \| [\d.]+ ms \| 100% \(3\/3\) \|$/m);
  assert.match(md, /^## maxfam\n\n\| solver \| sense \| cells \| errors \| mean cut weight \| mean gap \| reached \(seeds\) \| median time to target \| best objective \| instances \|$/m);
  assert.match(md, /^\| s1 \| max \| 2 \| 0 \| 90 \| 0\.1 \| 50% \(1\/2\) \| 10 ms \| 100 \| 1 \|$/m);
  assert.equal(reportContentType('markdown'), 'text/markdown; charset=utf-8');
});
