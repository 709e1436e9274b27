// Applies the numbered SQL migrations in order, tracking progress in PRAGMA user_version.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.js';

/** migrations/ at the repo root, seen from the compiled module in dist/src/store/. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_[A-Za-z0-9_-]+\.sql$/;

export interface Migration {
  readonly version: number;
  readonly file: string;
}

/** Brings the database up to the newest migration in `dir`; returns the versions before and after. */
export function applyMigrations(db: Database, dir: string = DEFAULT_MIGRATIONS_DIR): { from: number; to: number } {
  const migrations = readMigrations(dir);
  const newest = migrations.length;
  const from = userVersion(db);
  if (from > newest) {
    throw new Error(`database schema version ${from} is newer than this build's newest migration (${newest}); refusing to open it`);
  }
  for (const migration of migrations.slice(from)) applyOne(db, migration);
  return { from, to: userVersion(db) };
}

/** The migration files in `dir`, checked to be numbered 1, 2, 3, … without gaps or duplicates. */
export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => parseName(dir, name))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    // Sorted and starting at 1, so a number below its position repeats one, and one above skips one.
    if (m.version < i + 1) throw new Error(`migrations in ${dir}: version ${m.version} appears twice (${m.file})`);
    if (m.version > i + 1) throw new Error(`migrations in ${dir}: version ${i + 1} is missing (next is ${m.file})`);
  });
  return migrations;
}

function parseName(dir: string, name: string): Migration {
  const match = FILE_NAME.exec(name);
  // A stray .sql file would otherwise be skipped silently and its schema never applied.
  if (match === null) throw new Error(`migration file ${name} in ${dir} is not named NNNN_name.sql`);
  const version = Number(match[1]);
  if (version === 0) throw new Error(`migration file ${name} in ${dir}: numbering starts at 0001`);
  return { version, file: join(dir, name) };
}

function applyOne(db: Database, migration: Migration): void {
  const sql = readFileSync(migration.file, 'utf8');
  const run = db.transaction(() => {
    // Another process may have applied it between our read of user_version and this write lock.
    if (userVersion(db) !== migration.version - 1) return;
    db.exec(sql);
    // user_version lives in the database header, so this bump commits or rolls back with the SQL.
    db.pragma(`user_version = ${migration.version}`);
  });
  try {
    run.immediate();
  } catch (err) {
    throw new Error(`migration ${migration.file} failed: ${(err as Error).message}`, { cause: err });
  }
}

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
