import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellResult, NewBenchmark } from '../src/store/benchmark-records.js';
import { BenchmarkRepository, cellKey } from '../src/store/benchmark-repository.js';
import { closeDatabase } from '../src/store/db.js';
import { freshDb, steppingClock } from './support/store-fixtures.js';

const definition = (name: string): NewBenchmark => ({
  name,
  suite: 'satlib/uf20-91',
  solvers: ['polystep:default', 'walksat'],
  seeds: 2,
  budget: { timeLimitMs: 200, maxEvaluations: 5000 },
  totalCells: 80,
});

const HUGE = 2n ** 64n + 7n;

function cell(overrides: Partial<CellResult> = {}): CellResult {
  return {
    instance: 'maxsat-regression/x.wcnf',
    family: 'regression',
    solverKey: 'polystep:default',
    seed: 1,
    sense: 'min',
    objective: HUGE,
    feasible: true,
    metrics: { satRatio: 0.75, falsifiedClauses: 3 },
    bestKnown: HUGE - 1n,
    optimum: null,
    reachedBest: false,
    timeToBestMs: 12.5,
    evaluations: 340,
    steps: 17,
    wallMs: 210.25,
    error: null,
    curve: [
      [0.5, (HUGE + 10n).toString()],
      [12.5, HUGE.toString()],
    ],
    ...overrides,
  };
}

test('a created benchmark comes back by id and by name with its definition, status queued and no cells', () => {
  const db = freshDb();
  const repo = new BenchmarkRepository(db, () => new Date('2024-05-06T07:08:09.010Z'));
  const created = repo.create(definition('first'));
  assert.match(created.id, /^bm_[0-9a-f]{20}$/);
  assert.deepEqual(
    { ...created, id: undefined },
    { ...definition('first'), id: undefined, status: 'queued', error: null, createdAt: '2024-05-06T07:08:09.010Z', startedAt: null, finishedAt: null, doneCells: 0 },
  );
  assert.deepEqual(repo.get(created.id), created);
  assert.deepEqual(repo.getByName('first'), created);
  assert.equal(repo.get('bm_nope'), null);
  assert.equal(repo.getByName('nope'), null);
  assert.throws(() => repo.create(definition('first')), /UNIQUE/);
  closeDatabase(db);
});

test('cells round-trip exactly, bigints beyond 2^64, senses, metrics and nulls included, and a cell is stored once', () => {
  const db = freshDb();
  const repo = new BenchmarkRepository(db);
  const { id } = repo.create(definition('cells'));
  assert.equal(repo.insertCell(id, cell()), true);
  assert.equal(repo.insertCell(id, cell({ objective: 1n, wallMs: 1 })), false, 'the second result of the same cell is ignored');
  const failed = cell({ solverKey: 'walksat', seed: 2, objective: null, feasible: null, metrics: null, bestKnown: null, reachedBest: null, timeToBestMs: null, evaluations: 0, steps: 0, error: 'worker exited', curve: [] });
  assert.equal(repo.insertCell(id, failed), true);
  // A maximised QUBO objective below −2^64: negative decimals round-trip too.
  const maxed = cell({ instance: 'qubo/orlib/bqp50.txt#3', solverKey: 'walksat', sense: 'max', objective: -HUGE, bestKnown: -HUGE + 2n, optimum: -HUGE + 2n, metrics: {}, curve: [[1, (-HUGE - 5n).toString()], [2, (-HUGE).toString()]] });
  assert.equal(repo.insertCell(id, maxed), true);
  const stored = repo.cells(id);
  assert.equal(stored.length, 3);
  const { benchmarkId: _b, finishedAt: _f, ...third } = stored[2];
  assert.deepEqual(third, maxed);
  const { benchmarkId, finishedAt, ...first } = stored[0];
  assert.equal(benchmarkId, id);
  assert.match(finishedAt, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual(first, cell());
  assert.deepEqual({ ...stored[1], benchmarkId: undefined, finishedAt: undefined }, { ...failed, benchmarkId: undefined, finishedAt: undefined });
  assert.deepEqual(repo.doneKeys(id), new Set([cellKey(cell()), cellKey(failed), cellKey(maxed)]));
  assert.equal(repo.get(id)?.doneCells, 3);
  assert.deepEqual(repo.solverProgress(id), [
    { solverKey: 'polystep:default', done: 1, errors: 0 },
    { solverKey: 'walksat', done: 2, errors: 1 },
  ]);
  closeDatabase(db);
});

test('status changes stamp the first start and each finish; a resume clears the finish', () => {
  const db = freshDb();
  const repo = new BenchmarkRepository(db, steppingClock());
  const { id } = repo.create(definition('stamps'));
  repo.setStatus(id, 'running');
  const started = repo.get(id)!;
  assert.deepEqual([started.status, started.finishedAt], ['running', null]);
  repo.setStatus(id, 'interrupted');
  const interrupted = repo.get(id)!;
  assert.ok(interrupted.finishedAt !== null && interrupted.finishedAt > started.startedAt!);
  repo.setStatus(id, 'running');
  const resumed = repo.get(id)!;
  assert.deepEqual([resumed.startedAt, resumed.finishedAt], [started.startedAt, null]);
  repo.setStatus(id, 'failed', 'disk full');
  assert.deepEqual([repo.get(id)?.status, repo.get(id)?.error], ['failed', 'disk full']);
  assert.equal(repo.setStatus('bm_nope', 'running'), false);
  closeDatabase(db);
});

test('lists are newest first with totals; interruptRunning moves only running benchmarks and names them', () => {
  const db = freshDb();
  const repo = new BenchmarkRepository(db, steppingClock());
  const [a, b, c] = ['a', 'b', 'c'].map((name) => repo.create(definition(name)));
  repo.setStatus(a.id, 'running');
  repo.setStatus(c.id, 'running');
  const page = repo.list({ limit: 2, offset: 0 });
  assert.deepEqual([page.items.map((x) => x.name), page.total], [['c', 'b'], 3]);
  assert.deepEqual(repo.interruptRunning().sort(), [a.id, c.id].sort());
  assert.deepEqual([a, b, c].map((x) => repo.get(x.id)?.status), ['interrupted', 'queued', 'interrupted']);
  assert.deepEqual(repo.withStatus('queued').map((x) => x.id), [b.id]);
  assert.deepEqual(repo.interruptRunning(), []);
  closeDatabase(db);
});
