import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../src/store/db.js';
import { applyMigrations } from '../src/store/migrate.js';
import { ProblemRepository } from '../src/store/problem-repository.js';

test('a file database is created in a new folder, uses WAL and reopens with its data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-db-'));
  const path = join(dir, 'nested', 'deeper', 'polystep.sqlite');
  try {
    const first = openDatabase(path);
    const { to: latest } = applyMigrations(first);
    const { record } = new ProblemRepository(first).insert({
      contentHash: 'h1', format: 'wcnf', name: 'kept', variables: 1, family: 'maxsat', options: {}, sense: 'min', terms: 1,
      summary: {}, contentGzip: new Uint8Array([1]), contentBytes: 1,
    });
    closeDatabase(first);

    const again = openDatabase(path);
    assert.equal(again.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(again.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(again.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(again.pragma('synchronous', { simple: true }), 1);
    assert.deepEqual(applyMigrations(again), { from: latest, to: latest });
    assert.equal(new ProblemRepository(again).get(record.id)?.name, 'kept');
    closeDatabase(again);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an in-memory database has foreign keys on and closing it twice is harmless', () => {
  const db = openDatabase(':memory:');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  closeDatabase(db);
  closeDatabase(db);
  assert.equal(db.open, false);
});
