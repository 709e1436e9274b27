import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Database } from '../src/store/db.js';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '../src/store/migrate.js';

function tables(db: Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return rows.map((r) => r.name);
}

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A temporary migrations folder holding `files`, removed after `body`. */
function withMigrationDir(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-migrations-'));
  try {
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const initSql = readFileSync(join(DEFAULT_MIGRATIONS_DIR, '0001_init.sql'), 'utf8');

const LATEST = readdirSync(DEFAULT_MIGRATIONS_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).length;

test('a fresh database gets every migration: the tables and the runs.backend_request column', () => {
  const db = openDatabase(':memory:');
  assert.deepEqual(applyMigrations(db), { from: 0, to: LATEST });
  assert.equal(userVersion(db), LATEST);
  assert.ok(['problems', 'run_events', 'runs'].every((t) => tables(db).includes(t)));
  const columns = (db.prepare('PRAGMA table_info(runs)').all() as { name: string }[]).map((c) => c.name);
  assert.ok(columns.includes('backend_request'));
  closeDatabase(db);
});

test('applying the migrations again changes nothing', () => {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  assert.deepEqual(applyMigrations(db), { from: LATEST, to: LATEST });
  closeDatabase(db);
});

test('a database from a newer build (higher user_version) is refused', () => {
  const db = openDatabase(':memory:');
  db.pragma('user_version = 7');
  assert.throws(() => applyMigrations(db), /newer/);
  assert.equal(userVersion(db), 7);
  closeDatabase(db);
});

test('a failing migration rolls back entirely and leaves user_version where it was', () => {
  const broken = 'CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n';
  withMigrationDir({ '0001_init.sql': initSql, '0002_broken.sql': broken }, (dir) => {
    const db = openDatabase(':memory:');
    assert.throws(() => applyMigrations(db, dir), /0002_broken\.sql/);
    assert.equal(userVersion(db), 1);
    assert.deepEqual(tables(db), ['problems', 'run_events', 'runs']);
    closeDatabase(db);
  });
});

test('pending migrations run in numeric order, one version each', () => {
  const files = { '0002_b.sql': 'ALTER TABLE a ADD COLUMN y INTEGER;', '0001_a.sql': 'CREATE TABLE a (x INTEGER);', 'README.md': 'not SQL' };
  withMigrationDir(files, (dir) => {
    const db = openDatabase(':memory:');
    assert.deepEqual(applyMigrations(db, dir), { from: 0, to: 2 });
    const columns = (db.prepare('PRAGMA table_info(a)').all() as { name: string }[]).map((c) => c.name);
    assert.deepEqual(columns, ['x', 'y']);
    closeDatabase(db);
  });
});

test('gaps, duplicates and badly named files in the numbering are refused before anything runs', () => {
  const cases: Record<string, string>[] = [
    { '0001_a.sql': 'CREATE TABLE a (x);', '0003_c.sql': 'CREATE TABLE c (x);' },
    { '0001_a.sql': 'CREATE TABLE a (x);', '0001_b.sql': 'CREATE TABLE b (x);' },
    { '0002_b.sql': 'CREATE TABLE b (x);' },
    { '0001_a.sql': 'CREATE TABLE a (x);', 'two.sql': 'CREATE TABLE b (x);' },
  ];
  for (const files of cases) {
    withMigrationDir(files, (dir) => {
      const db = openDatabase(':memory:');
      assert.throws(() => applyMigrations(db, dir), /missing|twice|NNNN/);
      assert.equal(userVersion(db), 0);
      assert.deepEqual(tables(db), []);
      closeDatabase(db);
    });
  }
});
