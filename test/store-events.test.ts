import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDatabase, openDatabase, type Database } from '../src/store/db.js';
import { applyMigrations } from '../src/store/migrate.js';
import { ProblemRepository } from '../src/store/problem-repository.js';
import type { NewRunEvent } from '../src/store/records.js';
import { RunEventRepository } from '../src/store/run-event-repository.js';
import { RunRepository } from '../src/store/run-repository.js';

const NOW = new Date('2024-03-04T05:06:07.089Z');

/** A migrated in-memory database with one problem and `count` runs for it. */
function setup(count = 1): { db: Database; events: RunEventRepository; runIds: string[] } {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  const problemId = new ProblemRepository(db).insert({
    contentHash: 'h', format: 'wcnf', name: null, variables: 2, family: 'maxsat', options: {}, sense: 'min', terms: 1,
    summary: {}, contentGzip: new Uint8Array([0]), contentBytes: 1,
  }).record.id;
  const runs = new RunRepository(db);
  const runIds = Array.from({ length: count }, () => runs.create({ problemId, solver: 'polystep', preset: 'default', config: {}, termination: {}, seed: 1, family: 'maxsat', sense: 'min' }).id);
  return { db, events: new RunEventRepository(db, () => NOW), runIds };
}

const progress = (step: number): NewRunEvent => ({
  type: 'progress', step, evaluations: step * 10, elapsedMs: step / 2, cost: 7.5, metrics: { satRatio: 0.9 }, bestCost: 2n ** 70n + BigInt(step),
});

test('seq numbering starts at 1 and continues across appends, per run', () => {
  const { db, events, runIds: [a, b] } = setup(2);
  assert.equal(events.lastSeq(a), 0);
  assert.deepEqual(events.append(a, [{ type: 'status', status: 'running' }, progress(1)]).map((e) => e.seq), [1, 2]);
  assert.deepEqual(events.append(b, [progress(1)]).map((e) => e.seq), [1]);
  assert.deepEqual(events.append(a, [progress(2), progress(3)]).map((e) => e.seq), [3, 4]);
  assert.equal(events.lastSeq(a), 4);
  assert.deepEqual(events.list(a).map((e) => e.seq), [1, 2, 3, 4]);
  assert.deepEqual(events.append(a, []), []);
  closeDatabase(db);
});

test('stored events round-trip: bigints exactly, booleans as booleans, missing fields absent', () => {
  const { db, events, runIds: [id] } = setup();
  const improvement: NewRunEvent = { type: 'improvement', step: 5, evaluations: 50, elapsedMs: 1.5, bestCost: 2n ** 80n + 1n, feasible: false, metrics: { satRatio: 1 } };
  const stored = events.append(id, [{ type: 'status', status: 'completed' }, improvement]);
  assert.deepEqual(stored[0], { runId: id, seq: 1, type: 'status', status: 'completed', attempt: 1, createdAt: NOW.toISOString() });
  assert.deepEqual(stored[1], { runId: id, seq: 2, attempt: 1, createdAt: NOW.toISOString(), ...improvement });
  assert.deepEqual(events.list(id), stored);
  assert.equal(Object.hasOwn(events.list(id)[0], 'step'), false);
  closeDatabase(db);
});

test('events carry the attempt of their run, which a re-queue after a crash advances', () => {
  const { db, events, runIds: [id] } = setup();
  const runs = new RunRepository(db);
  assert.ok(runs.markRunning(id, 'cpu'));
  events.append(id, [{ type: 'status', status: 'running' }, progress(1)]);
  runs.atomically(() => {
    assert.deepEqual(runs.requeueRunning(), [id]);
    events.append(id, [{ type: 'status', status: 'queued' }]);
  });
  events.append(id, [progress(1)]);
  assert.deepEqual(events.list(id).map((e) => [e.seq, e.type, e.attempt]), [[1, 'status', 1], [2, 'progress', 1], [3, 'status', 2], [4, 'progress', 2]]);
  closeDatabase(db);
});

test('list resumes after a seq, honours a limit and keeps only the asked-for types', () => {
  const { db, events, runIds: [id] } = setup();
  events.append(id, [
    { type: 'status', status: 'running' },
    progress(1),
    { type: 'improvement', step: 1, bestCost: 3n, feasible: true },
    progress(2),
    { type: 'status', status: 'completed' },
  ]);
  assert.deepEqual(events.list(id, { afterSeq: 2 }).map((e) => e.seq), [3, 4, 5]);
  assert.deepEqual(events.list(id, { afterSeq: 1, limit: 2 }).map((e) => e.seq), [2, 3]);
  assert.deepEqual(events.list(id, { types: ['status'] }).map((e) => e.seq), [1, 5]);
  assert.deepEqual(events.list(id, { types: ['progress', 'improvement'], afterSeq: 2 }).map((e) => e.seq), [3, 4]);
  assert.deepEqual(events.list(id, { types: [] }), []);
  assert.deepEqual(events.list(id, { afterSeq: 5 }), []);
  closeDatabase(db);
});

test('a batch of 1,000 events is stored in one go with consecutive sequence numbers', () => {
  const { db, events, runIds: [id] } = setup();
  const batch = Array.from({ length: 1000 }, (_, i) => progress(i));
  events.append(id, batch.slice(0, 10));
  const stored = events.append(id, batch);
  assert.deepEqual(stored.map((e) => e.seq), Array.from({ length: 1000 }, (_, i) => 11 + i));
  assert.equal(events.lastSeq(id), 1010);
  closeDatabase(db);
});

test('events for an unknown run are rejected and nothing of the batch is stored', () => {
  const { db, events, runIds: [id] } = setup();
  assert.throws(() => events.append('run_missing', [progress(1)]), /FOREIGN KEY/);
  assert.throws(() => events.append(id, [progress(1), { type: 'bogus' as 'status' }]), /CHECK/);
  assert.equal(events.lastSeq(id), 0);
  closeDatabase(db);
});
