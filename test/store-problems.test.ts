import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDatabase } from '../src/store/db.js';
import { ProblemRepository } from '../src/store/problem-repository.js';
import type { NewProblem } from '../src/store/records.js';
import { freshDb, steppingClock } from './support/store-fixtures.js';

function problem(hash: string, name: string | null = null): NewProblem {
  return {
    contentHash: hash, format: 'wcnf', name, variables: 3, family: 'maxsat', options: {}, sense: 'min', terms: 2,
    summary: { top: '18446744073709551617', warnings: [] }, contentGzip: Uint8Array.from([31, 139, 8, 0]), contentBytes: 42,
  };
}

test('an inserted problem comes back with a prb_ id, its fields, summary object and timestamp', () => {
  const db = freshDb();
  const repo = new ProblemRepository(db, () => new Date('2024-05-06T07:08:09.010Z'));
  const { record, created } = repo.insert(problem('abc', 'first'));
  assert.equal(created, true);
  assert.match(record.id, /^prb_[0-9a-f]{20}$/);
  assert.equal(record.family, 'maxsat');
  assert.equal(record.sense, 'min');
  assert.equal(record.createdAt, '2024-05-06T07:08:09.010Z');
  assert.deepEqual(record.summary, { top: '18446744073709551617', warnings: [] });
  assert.deepEqual(repo.get(record.id), record);
  assert.deepEqual(Array.from(repo.contentGzip(record.id)!), [31, 139, 8, 0]);
  closeDatabase(db);
});

test('inserting the same content hash again returns the stored problem with created false', () => {
  const db = freshDb();
  const repo = new ProblemRepository(db);
  const first = repo.insert(problem('same', 'original'));
  const second = repo.insert(problem('same', 'renamed'));
  assert.equal(second.created, false);
  assert.deepEqual(second.record, first.record);
  assert.equal(repo.list({ limit: 10, offset: 0 }).total, 1);
  closeDatabase(db);
});

test('list pages newest first and reports the total', () => {
  const db = freshDb();
  const repo = new ProblemRepository(db, steppingClock());
  const ids = ['a', 'b', 'c', 'd', 'e'].map((h) => repo.insert(problem(h)).record.id);
  const page1 = repo.list({ limit: 2, offset: 0 });
  const page3 = repo.list({ limit: 2, offset: 4 });
  assert.deepEqual(page1.items.map((p) => p.id), [ids[4], ids[3]]);
  assert.deepEqual(page3.items.map((p) => p.id), [ids[0]]);
  assert.deepEqual([page1.total, page1.limit, page1.offset], [5, 2, 0]);
  closeDatabase(db);
});

test('problems created in the same millisecond still list newest first', () => {
  const db = freshDb();
  const repo = new ProblemRepository(db, () => new Date('2024-01-01T00:00:00.000Z'));
  const ids = Array.from({ length: 8 }, (_, i) => repo.insert(problem(`h${i}`)).record.id);
  assert.deepEqual(repo.list({ limit: 8, offset: 0 }).items.map((p) => p.id), ids.reverse());
  closeDatabase(db);
});

test('unknown ids give null, and delete reports whether something was removed', () => {
  const db = freshDb();
  const repo = new ProblemRepository(db);
  const { record } = repo.insert(problem('x'));
  assert.equal(repo.get('prb_missing'), null);
  assert.equal(repo.contentGzip('prb_missing'), null);
  assert.equal(repo.delete(record.id), true);
  assert.equal(repo.delete(record.id), false);
  assert.equal(repo.get(record.id), null);
  closeDatabase(db);
});
