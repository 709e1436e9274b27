import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise } from '../src/bench/aggregate.js';
import { renderReport } from '../src/bench/report.js';
import { loadManifest } from '../src/instances/manifest.js';
import { BenchmarkRepository } from '../src/store/benchmark-repository.js';
import { closeDatabase, openDatabase } from '../src/store/db.js';
import { cellRecord } from './support/cell-record.js';
import { cli } from './support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-bench-coloring-'));

function storedCells(dbPath: string) {
  const db = openDatabase(dbPath);
  try {
    const repo = new BenchmarkRepository(db);
    const { items: [benchmark] } = repo.list({ limit: 1, offset: 0 });
    return { benchmark, cells: repo.cells(benchmark.id) };
  } finally {
    closeDatabase(db);
  }
}

test('a colouring bench stores colours used against the best-known colours: reached when no more, gap by the min sense', async () => {
  const db = join(tmp, 'queens.db');
  const csv = join(tmp, 'queens.csv');
  const md = join(tmp, 'queens.md');
  const args = ['bench', '--suite', 'coloring/queen?_?.col', '--solvers', 'dsatur,tabucol', '--seeds', '1', '--time', '1s', '--db', db, '--workers', '2', '--quiet'];
  const run = await cli(...args, '--report', csv);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /4 instances × 2 solvers × 1 seeds = 8 cells/);
  assert.match(run.stdout, /^solver +sense +cells +errors +mean colors +mean conflicts +mean gap +reached best/m);
  const known = new Map(loadManifest().entries.map((e) => [e.path, e.bestKnown]));
  const { benchmark, cells } = storedCells(db);
  assert.equal(cells.length, 8);
  for (const cell of cells) {
    const where = `${cell.solverKey} on ${cell.instance}`;
    assert.equal(cell.error, null, where);
    assert.equal(cell.sense, 'min');
    assert.equal(cell.bestKnown, BigInt(known.get(cell.instance) as string), where);
    // the chromatic search's bests are proper: objective = colours used, no conflicts
    assert.deepEqual([cell.feasible, cell.metrics?.conflicts, cell.objective], [true, 0, BigInt(cell.metrics?.colors ?? -1)], where);
    assert.ok(cell.objective! >= cell.bestKnown!, `${where}: the queens' values are proven chromatic numbers`);
    assert.equal(cell.reachedBest, cell.objective === cell.bestKnown, where);
  }
  const byKey = (solver: string, name: string) => cells.find((c) => c.solverKey === solver && c.instance === `coloring/${name}.col`)!;
  for (const name of ['queen5_5', 'queen6_6', 'queen7_7']) assert.equal(byKey('tabucol', name).reachedBest, true, `tabucol colours ${name} optimally within 1 s`);
  const dsatur = byKey('dsatur', 'queen6_6');
  assert.ok(dsatur.objective! > 7n, 'DSATUR alone needs more than 7 colours on queen6_6');

  const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
  assert.match(rows[0], /,objective,feasible,bestKnown,optimum,reached,gap,.*,colors,conflicts$/);
  const dsaturRow = rows.find((r) => r.includes('queen6_6') && r.includes(',dsatur,'))!;
  const gap = (Number(dsatur.objective) - 7) / 7;
  assert.match(dsaturRow, new RegExp(`,${dsatur.objective},true,7,7,false,${String(gap).replace('.', '\\.')},`));

  assert.equal((await cli(...args, '--report', md)).code, 0);
  const markdown = readFileSync(md, 'utf8');
  assert.match(markdown, /^\| instance \| reference \| dsatur \| tabucol \|$/m);
  assert.match(markdown, new RegExp(`^\\| coloring/queen6_6\\.col \\| 7 \\(opt\\) \\| ${dsatur.objective} \\| 7 ✓ \\|$`, 'm'));
  assert.match(markdown, /mean colours \| mean conflicting edges/);
  assert.equal(renderReport(benchmark, cells, 'json').includes('"bestKnown": "7"'), true, 'JSON keeps exact values as strings');
});

test('the Markdown instance table shows an improper best with its conflicts, beside proper ones', () => {
  const common = { instance: 'g.col', family: 'coloring-test', bestKnown: 5n, optimum: 5n };
  const cells = [
    cellRecord({ ...common, solverKey: 'k', objective: null, feasible: false, metrics: { colors: 5, conflicts: 3 } }),
    cellRecord({ ...common, solverKey: 'k', seed: 2, objective: 6n, feasible: true, metrics: { colors: 6, conflicts: 0 } }),
    cellRecord({ ...common, solverKey: 'p', objective: 5n, feasible: true, metrics: { colors: 5, conflicts: 0 } }),
  ];
  const summary = summarise(cells, ['k', 'p']);
  const benchmark = { id: 'bm_x', name: 'hand-made', suite: 's', solvers: ['k', 'p'], seeds: 2, budget: { timeLimitMs: 1000 }, status: 'completed', totalCells: 3, doneCells: 3 };
  assert.equal(summary.instances.length, 2);
  const md = renderReport(benchmark as never, cells, 'markdown');
  assert.match(md, /^\| g\.col \| 5 \(opt\) \| 6 \(1 improper, 3 conflicts\) \| 5 ✓ \|$/m);
});
