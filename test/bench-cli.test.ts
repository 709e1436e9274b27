import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchmarkRepository } from '../src/store/benchmark-repository.js';
import { durationFlag } from '../src/cli/duration.js';
import { closeDatabase, openDatabase } from '../src/store/db.js';
import { repoRoot } from './support/paths.js';
import { cli } from './support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-bench-cli-'));

function stored(dbPath: string) {
  const db = openDatabase(dbPath);
  try {
    const repo = new BenchmarkRepository(db);
    const { items: [benchmark], total } = repo.list({ limit: 1, offset: 0 });
    return { benchmark, cells: repo.cells(benchmark.id), total };
  } finally {
    closeDatabase(db);
  }
}

test('bench runs a suite into the database, prints a summary per solver, and a rerun resumes with nothing to do', async () => {
  const db = join(tmp, 'bench.db');
  const args = ['bench', '--suite', 'satlib/uf20-91', '--seeds', '2', '--time-limit', '200ms', '--solvers', 'polystep:default,openai-es', '--db', db, '--workers', '2'];
  const first = await cli(...args);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^c benchmark "satlib\/uf20-91 polystep:default,openai-es x2 200ms" \(bm_[0-9a-f]{20}\): 20 instances × 2 solvers × 2 seeds = 80 cells\n/);
  assert.match(first.stdout, /^c completed: 80\/80 cells stored$/m);
  assert.match(first.stdout, /^solver +sense +cells +errors +mean falsifiedClauses +mean satRatio +mean gap +reached best +median ttb$/m);
  assert.match(first.stdout, /^polystep:default +min +40 +0 +[\d.]+ +[01]\.\d{5} +[\d.e+-]+ +\d+\/40 \(/m);
  assert.match(first.stdout, /^openai-es +min +40 +0 /m);
  assert.match(first.stderr, /^c 80\/80 cells/m, 'progress as c lines when stderr is not a terminal');
  const before = stored(db);
  assert.deepEqual([before.benchmark.status, before.cells.length], ['completed', 80]);

  const report = join(tmp, 'cells.csv');
  const again = await cli(...args, '--report', report);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /= 80 cells, resuming with 0 left\n/);
  assert.match(again.stdout, /^c completed: 80\/80 cells stored$/m);
  assert.deepEqual(stored(db).cells, before.cells, 'no cell ran again');
  const lines = readFileSync(report, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 81, 'the report has a line per cell');
  assert.match(lines[0], /^benchmarkId,instance,family,sense,solver,seed,objective,.*,falsifiedClauses,satRatio$/);
  const markdown = join(tmp, 'summary.md');
  assert.equal((await cli(...args, '--report', markdown, '--quiet')).code, 0);
  assert.match(readFileSync(markdown, 'utf8'), /^\| polystep:default \| min \| 40 \| 0 \| /m, 'a Markdown report by its extension');
});

test('the same name with another definition, an unknown suite and bad flags are refused', async () => {
  const db = join(tmp, 'refusals.db');
  const base = ['bench', '--db', db, '--name', 'fixed', '--seeds', '1', '--solvers', 'walksat'];
  assert.equal((await cli(...base, '--suite', 'satlib/uf20-91/uf20-01.cnf', '--time-limit', '0.1')).code, 0);
  const conflict = await cli(...base, '--suite', 'satlib/uf20-91/uf20-01.cnf', '--time-limit', '1s');
  assert.deepEqual([conflict.code, /exists with a different definition: budget 100ms ≠ 1000ms/.test(conflict.stderr)], [1, true], conflict.stderr);
  const unknown = await cli(...base, '--suite', 'nope');
  assert.deepEqual([unknown.code, /unknown suite "nope"/.test(unknown.stderr)], [1, true]);
  const unfit = await cli(...base, '--suite', 'qubo-gka');
  assert.deepEqual([unfit.code, /^polystep bench: --solvers: solver walksat does not solve qubo problems; solvers for qubo: /m.test(unfit.stderr)], [2, true], unfit.stderr);
  assert.equal(stored(db).total, 1, 'nothing new was stored');
  for (const flags of [['--solvers', 'gsat'], ['--time-limit', '10 parsecs'], ['--seeds', '0'], ['--report', 'x.pdf'], ['--backend', 'quantum'], ['--max-evaluations', '-5'], ['extra']]) {
    const run = await cli('bench', '--db', db, '--suite', 'satlib/uf20-91', ...flags);
    assert.equal(run.code, 2, `${flags.join(' ')}: ${run.stderr}`);
  }
  assert.equal((await cli('bench', '--db', db)).code, 2, '--suite is required');
});

test('time strings read as milliseconds, seconds, minutes, hours or plain seconds', () => {
  assert.deepEqual(['500ms', '10s', '2m', '1h', '1.5', ' 3 s '].map((v) => durationFlag(v, 'time-limit')), [500, 10_000, 120_000, 3_600_000, 1500, 3000]);
  for (const bad of ['', 's', '-1s', '0', '0.0001', '1d', 'ten']) assert.throws(() => durationFlag(bad, 'time-limit'), /--time-limit takes a duration/, bad);
});

test('SIGINT stops a benchmark cleanly: cells in flight are dropped, the status is interrupted, exit code 130', async () => {
  const db = join(tmp, 'signal.db');
  const child = spawn(process.execPath, [join(repoRoot, 'bin/polystep.js'), 'bench', '--suite', 'satlib/uuf50-218', '--solvers', 'polystep:paper', '--seeds', '1', '--time-limit', '20s', '--workers', '1', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  // The first progress line comes when the first cell starts: a cell (of 20 s) is then in flight.
  child.stderr.once('data', () => child.kill('SIGINT'));
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 130, stdout);
  assert.ok(Date.now() - started < 10_000, 'it stopped without waiting for the cell');
  assert.match(stdout, /^c interrupted: 0\/\d+ cells stored$/m);
  const { benchmark, cells } = stored(db);
  assert.deepEqual([benchmark.status, cells.length], ['interrupted', 0]);
});
