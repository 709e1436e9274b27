// In-memory databases with every migration, and a deterministic clock, for repository tests.

import { openDatabase, type Database } from '../../src/store/db.js';
import { applyMigrations } from '../../src/store/migrate.js';

export function freshDb(): Database {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  return db;
}

/** A clock that advances one second per call, so "newest first" is well defined. */
export function steppingClock(): () => Date {
  let t = Date.parse('2024-01-01T00:00:00.000Z');
  return () => new Date((t += 1000));
}
