// Opens and closes the service's SQLite database (better-sqlite3) with the pragmas every connection needs.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export type Database = BetterSqlite3.Database;

const MEMORY = ':memory:';

/** Opens `path` (':memory:' for tests), creating the parent folder of a file path first. */
export function openDatabase(path: string): Database {
  const inMemory = path === MEMORY || path === '';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    applyPragmas(db, inMemory);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function applyPragmas(db: Database, inMemory: boolean): void {
  // The busy timeout goes first: switching to WAL may have to wait for another connection's lock.
  db.pragma('busy_timeout = 5000');
  // WAL lets readers (API requests) proceed while the run loop writes; in-memory databases cannot use it.
  if (!inMemory) db.pragma('journal_mode = WAL');
  // SQLite leaves foreign keys off by default; deletes rely on ON DELETE CASCADE.
  db.pragma('foreign_keys = ON');
  // With WAL, NORMAL stays consistent after a crash and only risks the last commits on power loss.
  db.pragma('synchronous = NORMAL');
}

/** Closes the connection; a second call is harmless. */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  try {
    // Cheap on close, and keeps the query planner's statistics fresh for long-lived files.
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
