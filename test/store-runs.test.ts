import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDatabase, openDatabase, type Database } from '../src/store/db.js';
import { applyMigrations } from '../src/store/migrate.js';
import { ProblemRepository } from '../src/store/problem-repository.js';
import type { NewRun, RunOutcome } from '../src/store/records.js';
import { RunEventRepository } from '../src/store/run-event-repository.js';
import { RunRepository } from '../src/store/run-repository.js';

interface Fixture {
  db: Database;
  problems: ProblemRepository;
  runs: RunRepository;
  problemId: string;
}

/** A migrated in-memory database with one problem and a clock that advances a second per call. */
function setup(): Fixture {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  let t = Date.parse('2024-01-01T00:00:00.000Z');
  const now = () => new Date((t += 1000));
  const problems = new ProblemRepository(db, now);
  const problemId = addProblem(problems, 'p1');
  return { db, problems, runs: new RunRepository(db, now), problemId };
}

function addProblem(problems: ProblemRepository, hash: string): string {
  return problems.insert({
    contentHash: hash, format: 'wcnf', name: null, variables: 4, family: 'maxsat', options: {}, sense: 'min', terms: 3,
    summary: {}, contentGzip: new Uint8Array([0]), contentBytes: 1,
  }).record.id;
}

function newRun(problemId: string, seed = 1): NewRun {
  return {
    problemId, solver: 'polystep', preset: 'default',
    config: { epsilon: 0.5, nested: { on: true } }, termination: { maxSteps: 1000, targetCost: '0' }, seed, family: 'maxsat', sense: 'min',
  };
}

const HUGE = 2n ** 64n + 12345n;

function outcome(overrides: Partial<RunOutcome> = {}): RunOutcome {
  return {
    status: 'completed', stopReason: 'max_steps', error: null,
    best: { cost: HUGE, feasible: true, metrics: { satRatio: 0.75, falsifiedClauses: 1 }, step: 90 },
    bestAssignment: Uint8Array.from([1, 0, 1, 1]), steps: 100, evaluations: 2000,
    finishedAt: '2024-02-02T00:00:00.000Z', solveMs: 12.5, ...overrides,
  };
}

test('a new run is queued with a run_ id, and its JSON config and termination round-trip as objects', () => {
  const { db, runs, problemId } = setup();
  const run = runs.create(newRun(problemId, 42));
  assert.match(run.id, /^run_[0-9a-f]{20}$/);
  assert.equal(run.status, 'queued');
  assert.equal(run.queuedAt, '2024-01-01T00:00:02.000Z');
  assert.deepEqual(run.config, { epsilon: 0.5, nested: { on: true } });
  assert.deepEqual(run.termination, { maxSteps: 1000, targetCost: '0' });
  assert.equal(run.seed, 42);
  assert.equal(run.best, null);
  assert.deepEqual(runs.get(run.id), run);
  assert.equal(runs.get('run_missing'), null);
  closeDatabase(db);
});

test('a run goes queued → running → progress → finished, and a best cost above 2^64 round-trips exactly', () => {
  const { db, runs, problemId } = setup();
  const { id } = runs.create(newRun(problemId));
  assert.equal(runs.markRunning(id, 'cpu'), true);
  assert.equal(runs.markRunning(id, 'cpu'), false, 'only a queued run can be claimed');
  runs.recordParse(id, 3.25);
  runs.recordProgress(id, 10, 200, { cost: HUGE + 1n, feasible: false, metrics: { satRatio: 0.5, falsifiedClauses: 2 }, step: 9 });
  runs.recordProgress(id, 20, 400, null);
  const mid = runs.get(id)!;
  assert.deepEqual([mid.status, mid.backend, mid.steps, mid.evaluations, mid.parseMs], ['running', 'cpu', 20, 400, 3.25]);
  assert.equal(mid.best?.cost, HUGE + 1n, 'a null best keeps the stored one');
  assert.ok(mid.startedAt !== null);

  runs.finish(id, outcome());
  const done = runs.get(id)!;
  assert.deepEqual(done.best, { cost: HUGE, feasible: true, metrics: { satRatio: 0.75, falsifiedClauses: 1 }, step: 90 });
  assert.equal(done.best?.cost.toString(), '18446744073709563961');
  assert.deepEqual([done.status, done.stopReason, done.steps, done.evaluations, done.solveMs], ['completed', 'max_steps', 100, 2000, 12.5]);
  assert.equal(done.finishedAt, '2024-02-02T00:00:00.000Z');
  assert.deepEqual(Array.from(runs.bestAssignment(id)!), [1, 0, 1, 1]);
  closeDatabase(db);
});

test('finishing with no best keeps what progress stored, and a finished run cannot be finished again', () => {
  const { db, runs, problemId } = setup();
  const { id } = runs.create(newRun(problemId));
  assert.equal(runs.finish(id, outcome({ status: 'completed' })), false, 'a queued run is not finished');
  runs.markRunning(id, 'cpu');
  runs.recordProgress(id, 10, 200, { cost: HUGE, feasible: true, metrics: { satRatio: 0.5, falsifiedClauses: 2 }, step: 9 });
  assert.equal(runs.finish(id, outcome({ status: 'failed', error: 'worker died', best: null, bestAssignment: null, solveMs: null })), true);
  const failed = runs.get(id)!;
  assert.deepEqual([failed.status, failed.error, failed.solveMs], ['failed', 'worker died', null]);
  assert.equal(failed.best?.cost, HUGE);
  assert.equal(runs.finish(id, outcome({ status: 'completed' })), false);
  assert.equal(runs.get(id)?.status, 'failed', 'the first ending stays');
  assert.equal(runs.bestAssignment(id), null);
  assert.equal(runs.bestAssignment('run_missing'), null);
  closeDatabase(db);
});

test('cancelQueued cancels only queued runs', () => {
  const { db, runs, problemId } = setup();
  const queued = runs.create(newRun(problemId)).id;
  const running = runs.create(newRun(problemId)).id;
  runs.markRunning(running, 'cpu');
  assert.equal(runs.cancelQueued(running), false);
  assert.equal(runs.cancelQueued(queued), true);
  assert.equal(runs.cancelQueued(queued), false);
  assert.equal(runs.get(queued)?.status, 'cancelled');
  assert.ok(runs.get(queued)?.finishedAt);
  assert.equal(runs.get(running)?.status, 'running');
  assert.equal(runs.markRunning(queued, 'cpu'), false, 'a cancelled run cannot be claimed');
  closeDatabase(db);
});

test('requestCancel marks runs that have not ended, keeping the first request time', () => {
  const { db, runs, problemId } = setup();
  const { id } = runs.create(newRun(problemId));
  runs.markRunning(id, 'cpu');
  assert.equal(runs.requestCancel(id), true);
  const first = runs.get(id)!.cancelRequestedAt;
  assert.ok(first);
  assert.equal(runs.requestCancel(id), true);
  assert.equal(runs.get(id)!.cancelRequestedAt, first);
  runs.finish(id, outcome({ status: 'cancelled' }));
  const ended = runs.create(newRun(problemId)).id;
  runs.cancelQueued(ended);
  assert.equal(runs.requestCancel(ended), false);
  assert.equal(runs.requestCancel('run_missing'), false);
  closeDatabase(db);
});

test('interruptRunning ends every running run with the stop reason, keeping its best, and leaves the others alone', () => {
  const { db, runs, problemId } = setup();
  const [a, b, c] = [1, 2, 3].map((s) => runs.create(newRun(problemId, s)).id);
  runs.markRunning(a, 'cpu');
  runs.markRunning(b, 'cpu');
  runs.recordProgress(a, 40, 400, { cost: HUGE, feasible: true, metrics: { satRatio: 0.75, falsifiedClauses: 1 }, step: 30 });
  assert.deepEqual(runs.interruptRunning('crashed').sort(), [a, b].sort());
  assert.deepEqual([a, b, c].map((id) => runs.get(id)?.status), ['interrupted', 'interrupted', 'queued']);
  const left = runs.get(a)!;
  assert.deepEqual([left.stopReason, left.best?.cost, left.steps, left.attempt], ['crashed', HUGE, 40, 1]);
  assert.ok(left.finishedAt);
  assert.deepEqual(runs.interruptRunning('crashed'), []);
  closeDatabase(db);
});

test('requeueRunning puts running runs back in the queue at their original place, as their next attempt, starting over', () => {
  const { db, runs, problemId } = setup();
  const [a, b, c] = [1, 2, 3].map((s) => runs.create(newRun(problemId, s)).id);
  runs.markRunning(a, 'cpu');
  runs.recordProgress(a, 40, 400, { cost: HUGE, feasible: true, metrics: { satRatio: 0.75, falsifiedClauses: 1 }, step: 30 });
  assert.deepEqual(runs.requeueRunning(), [a]);
  const again = runs.get(a)!;
  assert.deepEqual([again.status, again.startedAt, again.attempt, again.best, again.steps, again.backend], ['queued', null, 2, null, 0, null]);
  assert.deepEqual(runs.oldestQueued(10).map((r) => r.id), [a, b, c]);
  assert.deepEqual(runs.oldestQueued(2).map((r) => r.id), [a, b]);
  assert.equal(runs.get(b)?.attempt, 1);
  closeDatabase(db);
});

test('a colouring run keeps its colors (k) through every move, a re-queue included; other runs have none', () => {
  const { db, runs, problemId } = setup();
  const k = runs.create({ ...newRun(problemId), solver: 'tabucol', family: 'coloring', colors: 2 ** 31 - 1 });
  const none = runs.create(newRun(problemId, 2));
  const explicitNull = runs.create({ ...newRun(problemId, 3), colors: null });
  assert.deepEqual([k.colors, none.colors, explicitNull.colors], [2 ** 31 - 1, null, null]);
  runs.markRunning(k.id, 'cpu');
  runs.recordProgress(k.id, 5, 50, { cost: 7n, feasible: false, metrics: { colors: 7, conflicts: 2 }, step: 5 });
  assert.deepEqual(runs.requeueRunning(), [k.id]);
  const again = runs.get(k.id)!;
  assert.deepEqual([again.status, again.attempt, again.colors, again.best], ['queued', 2, 2 ** 31 - 1, null]);
  assert.equal(runs.oldestQueued(1)[0].colors, 2 ** 31 - 1, 'the scheduler reads it back with the run');
  runs.markRunning(k.id, 'cpu');
  runs.finish(k.id, outcome({ stopReason: 'target_reached' }));
  assert.equal(runs.get(k.id)!.colors, 2 ** 31 - 1);
  assert.deepEqual(runs.list({ limit: 10, offset: 0 }).items.map((r) => r.colors), [null, null, 2 ** 31 - 1]);
  closeDatabase(db);
});

test('list filters by status and problem, newest first, and countByStatus counts', () => {
  const { db, problems, runs, problemId } = setup();
  const other = addProblem(problems, 'p2');
  const ids = [problemId, other, problemId, other].map((p) => runs.create(newRun(p)).id);
  runs.markRunning(ids[0], 'cpu');
  assert.deepEqual(runs.list({ limit: 10, offset: 0 }).items.map((r) => r.id), [...ids].reverse());
  assert.deepEqual(runs.list({ problemId: other, limit: 10, offset: 0 }).items.map((r) => r.id), [ids[3], ids[1]]);
  const queuedHere = runs.list({ status: 'queued', problemId, limit: 10, offset: 0 });
  assert.deepEqual([queuedHere.items.map((r) => r.id), queuedHere.total], [[ids[2]], 1]);
  const page = runs.list({ status: 'queued', limit: 1, offset: 1 });
  assert.deepEqual([page.items.map((r) => r.id), page.total], [[ids[2]], 3]);
  assert.equal(runs.countByStatus('queued'), 3);
  assert.equal(runs.countByStatus('running'), 1);
  assert.equal(runs.countByStatus('failed'), 0);
  closeDatabase(db);
});

test('deleting a problem removes its runs and their events', () => {
  const { db, problems, runs, problemId } = setup();
  const events = new RunEventRepository(db);
  const other = addProblem(problems, 'p2');
  const doomed = runs.create(newRun(problemId)).id;
  const kept = runs.create(newRun(other)).id;
  events.append(doomed, [{ type: 'status', status: 'queued' }]);
  events.append(kept, [{ type: 'status', status: 'queued' }]);
  assert.equal(problems.delete(problemId), true);
  assert.equal(runs.get(doomed), null);
  assert.deepEqual(events.list(doomed), []);
  assert.equal(events.lastSeq(kept), 1);
  assert.ok(runs.get(kept));
  closeDatabase(db);
});

test('a run for an unknown problem is rejected by the foreign key', () => {
  const { db, runs } = setup();
  assert.throws(() => runs.create(newRun('prb_missing')), /FOREIGN KEY/);
  closeDatabase(db);
});
