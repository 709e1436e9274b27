import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_COLUMNS, renderReport } from '../src/bench/report.js';
import { BenchmarkRepository } from '../src/store/benchmark-repository.js';
import { closeDatabase, openDatabase, type Database } from '../src/store/db.js';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '../src/store/migrate.js';
import { ProblemRepository } from '../src/store/problem-repository.js';
import { RunEventRepository } from '../src/store/run-event-repository.js';
import { RunRepository } from '../src/store/run-repository.js';

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

/**
 * A database file as the build with only migrations 1..`upTo` left it, filled by `seed`; `body` gets
 * it reopened (not migrated further), then the file is removed.
 */
function withOldDatabase(upTo: number, seed: (db: Database) => void, body: (db: Database) => void): void {
  const dir = mkdtempSync(join(tmpdir(), `polystep-migrate-${upTo}-`));
  try {
    const path = join(dir, 'old.db');
    const older = readdirSync(DEFAULT_MIGRATIONS_DIR).filter((f) => /^\d{4}_/.test(f) && Number(f.slice(0, 4)) <= upTo);
    withMigrationDir(Object.fromEntries(older.map((f) => [f, readFileSync(join(DEFAULT_MIGRATIONS_DIR, f), 'utf8')])), (migrations) => {
      const db = openDatabase(path);
      assert.deepEqual(applyMigrations(db, migrations), { from: 0, to: upTo });
      seed(db);
      closeDatabase(db);
    });
    const db = openDatabase(path);
    try {
      body(db);
    } finally {
      closeDatabase(db);
    }
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
  db.pragma(`user_version = ${LATEST + 1}`);
  assert.throws(() => applyMigrations(db), /newer/);
  assert.equal(userVersion(db), LATEST + 1);
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

test('migration 4 adds attempts in place and gives runs a crash left interrupted their stop reason and terminal event', () => {
  // A database as the build before attempts left it: one run interrupted by a crash recovery
  // (no stop reason, no terminal event), one stopped gracefully, one completed.
  withOldDatabase(
    3,
    (db) => {
      db.exec(`INSERT INTO problems VALUES ('prb_1', 'h', 'maxsat', 'cnf', NULL, 1, 1, 0, 1, '{}', x'00', 1, '2024-01-01T00:00:00.000Z')`);
      const run = db.prepare(`INSERT INTO runs (id, problem_id, solver, preset, config_json, termination_json, seed, status, stop_reason, best_cost, queued_at, finished_at)
        VALUES (?, 'prb_1', 'polystep', 'default', '{}', '{}', 0, ?, ?, '3', '2024-01-01T00:00:01.000Z', '2024-01-01T00:00:09.000Z')`);
      run.run('run_crash', 'interrupted', null);
      run.run('run_graceful', 'interrupted', 'aborted');
      run.run('run_done', 'completed', 'max_steps');
      const event = db.prepare("INSERT INTO run_events (run_id, seq, type, status, created_at) VALUES (?, ?, 'status', ?, '2024-01-01T00:00:02.000Z')");
      event.run('run_crash', 1, 'queued');
      event.run('run_crash', 2, 'running');
      event.run('run_graceful', 1, 'interrupted');
    },
    (db) => {
      assert.deepEqual(applyMigrations(db), { from: 3, to: LATEST });
      const runs = db.prepare('SELECT id, status, stop_reason, best_cost, attempt FROM runs ORDER BY id').all();
      assert.deepEqual(runs, [
        { id: 'run_crash', status: 'interrupted', stop_reason: 'crashed', best_cost: '3', attempt: 1 },
        { id: 'run_done', status: 'completed', stop_reason: 'max_steps', best_cost: '3', attempt: 1 },
        { id: 'run_graceful', status: 'interrupted', stop_reason: 'aborted', best_cost: '3', attempt: 1 },
      ]);
      const events = db.prepare('SELECT run_id, seq, status, attempt, created_at FROM run_events ORDER BY run_id, seq').all();
      assert.deepEqual(events, [
        { run_id: 'run_crash', seq: 1, status: 'queued', attempt: 1, created_at: '2024-01-01T00:00:02.000Z' },
        { run_id: 'run_crash', seq: 2, status: 'running', attempt: 1, created_at: '2024-01-01T00:00:02.000Z' },
        { run_id: 'run_crash', seq: 3, status: 'interrupted', attempt: 1, created_at: '2024-01-01T00:00:09.000Z' },
        { run_id: 'run_graceful', seq: 1, status: 'interrupted', attempt: 1, created_at: '2024-01-01T00:00:02.000Z' },
      ]);
    },
  );
});

test('migration 6 moves MAX-SAT problems, runs and events into the family form, read back by the repositories', () => {
  // A database as the build before problem families left it: a problem, a finished run with its
  // best and trace, and a queued one without a best.
  withOldDatabase(
    5,
    (db) => {
      db.exec(`INSERT INTO problems VALUES ('prb_1', 'h', 'maxsat', 'wcnf', 'old', 3, 7, 2, 5, '{"hardClauses":2,"softClauses":5}', x'00', 1, '2024-01-01T00:00:00.000Z')`);
      db.exec(`INSERT INTO runs (id, problem_id, solver, preset, config_json, termination_json, seed, status, stop_reason, best_cost, best_feasible, best_sat_ratio, best_falsified, best_step, queued_at)
        VALUES ('run_done', 'prb_1', 'walksat', 'default', '{}', '{"maxSteps":10}', 4, 'completed', 'max_steps', '18446744073709551621', 1, 0.75, 2, 9, '2024-01-01T00:00:01.000Z')`);
      db.exec(`INSERT INTO runs (id, problem_id, solver, preset, config_json, termination_json, seed, status, queued_at)
        VALUES ('run_queued', 'prb_1', 'polystep', 'default', '{}', '{}', 0, 'queued', '2024-01-01T00:00:02.000Z')`);
      const event = db.prepare(`INSERT INTO run_events (run_id, seq, type, step, cost, sat_ratio, best_cost, best_sat_ratio, feasible, created_at)
        VALUES ('run_done', ?, ?, 3, ?, ?, '5', ?, ?, '2024-01-01T00:00:03.000Z')`);
      event.run(1, 'progress', 0.25, 0.5, 0.75, null);
      event.run(2, 'improvement', null, null, 0.875, 1);
    },
    (db) => {
      assert.deepEqual(applyMigrations(db), { from: 5, to: LATEST });
      const problem = new ProblemRepository(db).get('prb_1')!;
      assert.deepEqual(
        [problem.family, problem.format, problem.sense, problem.variables, problem.terms, problem.options, problem.summary],
        ['maxsat', 'wcnf', 'min', 3, 7, {}, { hardClauses: 2, softClauses: 5 }],
      );
      const runs = new RunRepository(db);
      const done = runs.get('run_done')!;
      assert.deepEqual([done.family, done.sense], ['maxsat', 'min']);
      assert.deepEqual(done.best, { cost: 2n ** 64n + 5n, feasible: true, metrics: { satRatio: 0.75, falsifiedClauses: 2 }, step: 9 });
      assert.equal(runs.get('run_queued')!.best, null);
      const events = new RunEventRepository(db).list('run_done');
      assert.deepEqual(
        events.map((e) => [e.type, e.cost, e.metrics, e.bestCost, e.feasible]),
        [
          ['progress', 0.25, { satRatio: 0.5 }, 5n, undefined],
          ['improvement', undefined, { satRatio: 0.875 }, 5n, true],
        ],
      );
    },
  );
});

test('migration 7 gives runs a nullable colors column: runs stored before it have none, and keep the rest', () => {
  withOldDatabase(
    6,
    (db) => {
      db.exec(`INSERT INTO problems (id, content_hash, family, format, name, variables, terms, summary_json, content_gzip, content_bytes, created_at)
        VALUES ('prb_1', 'h', 'maxsat', 'cnf', NULL, 2, 1, '{}', x'00', 1, '2024-01-01T00:00:00.000Z')`);
      db.exec(`INSERT INTO runs (id, problem_id, solver, preset, config_json, termination_json, seed, status, queued_at)
        VALUES ('run_old', 'prb_1', 'walksat', 'default', '{}', '{"maxSteps":10}', 4, 'queued', '2024-01-01T00:00:01.000Z')`);
    },
    (db) => {
      assert.deepEqual(applyMigrations(db), { from: 6, to: LATEST });
      const column = (db.prepare('PRAGMA table_info(runs)').all() as { name: string; type: string; notnull: number }[]).find((c) => c.name === 'colors');
      assert.deepEqual([column?.type, column?.notnull], ['INTEGER', 0]);
      const runs = new RunRepository(db);
      const old = runs.get('run_old')!;
      assert.deepEqual([old.colors, old.solver, old.seed, old.termination, old.status], [null, 'walksat', 4, { maxSteps: 10 }, 'queued']);
    },
  );
});

test('migration 8 gives runs stored before it one attempt: a crash then leaves them interrupted, not queued again', () => {
  withOldDatabase(
    7,
    (db) => {
      db.exec(`INSERT INTO problems (id, content_hash, family, format, name, variables, terms, summary_json, content_gzip, content_bytes, created_at)
        VALUES ('prb_1', 'h', 'maxsat', 'cnf', NULL, 2, 1, '{}', x'00', 1, '2024-01-01T00:00:00.000Z')`);
      db.exec(`INSERT INTO runs (id, problem_id, solver, preset, config_json, termination_json, seed, status, queued_at, started_at)
        VALUES ('run_old', 'prb_1', 'walksat', 'default', '{}', '{"maxSteps":10}', 4, 'running', '2024-01-01T00:00:01.000Z', '2024-01-01T00:00:02.000Z')`);
    },
    (db) => {
      assert.deepEqual(applyMigrations(db), { from: 7, to: LATEST });
      const column = (db.prepare('PRAGMA table_info(runs)').all() as { name: string; type: string; notnull: number }[]).find((c) => c.name === 'max_attempts');
      assert.deepEqual([column?.type, column?.notnull], ['INTEGER', 1]);
      const runs = new RunRepository(db);
      assert.deepEqual([runs.get('run_old')!.attempt, runs.get('run_old')!.maxAttempts], [1, 1]);
      assert.deepEqual(runs.requeueRunning(true), []);
      assert.equal(runs.get('run_old')!.status, 'running');
    },
  );
});

test('migration 6 keeps benchmark cells stored before problem families: cost as a min objective, sat ratio as a metric', () => {
  // Cells as the build before families stored them: best_cost and sat_ratio columns, a failed cell without either.
  withOldDatabase(
    5,
    (db) => {
      db.exec(`INSERT INTO benchmarks (id, name, suite, solvers_json, seeds, budget_json, status, total_cells, created_at)
        VALUES ('bm_old', 'old', 'maxsat-regression', '["walksat"]', 2, '{"timeLimitMs":100}', 'completed', 2, '2024-01-01T00:00:00.000Z')`);
      const cell = db.prepare(`INSERT INTO benchmark_cells (benchmark_id, instance, family, solver_key, seed, best_cost, feasible, sat_ratio, best_known, optimum,
          reached_best, time_to_best_ms, evaluations, steps, wall_ms, error, curve_json, finished_at)
        VALUES ('bm_old', 'r/x.wcnf', 'regression', 'walksat', ?, ?, ?, ?, '18446744073709551620', NULL, ?, ?, 40, 4, 99.5, ?, ?, '2024-01-01T00:00:05.000Z')`);
      cell.run(1, '18446744073709551621', 1, 0.875, 0, 3.5, null, '[[1,"18446744073709551630"],[3.5,"18446744073709551621"]]');
      cell.run(2, null, null, null, null, null, 'worker exited', '[]');
    },
    (db) => {
      applyMigrations(db);
      const repo = new BenchmarkRepository(db);
      assert.equal(repo.get('bm_old')?.doneCells, 2);
      const [ran, failed] = repo.cells('bm_old').map(({ benchmarkId: _b, finishedAt: _f, ...c }) => c);
      assert.deepEqual(ran, {
        instance: 'r/x.wcnf',
        family: 'regression',
        solverKey: 'walksat',
        seed: 1,
        sense: 'min',
        objective: 2n ** 64n + 5n,
        feasible: true,
        metrics: { satRatio: 0.875 },
        bestKnown: 2n ** 64n + 4n,
        optimum: null,
        reachedBest: false,
        timeToBestMs: 3.5,
        evaluations: 40,
        steps: 4,
        wallMs: 99.5,
        error: null,
        curve: [
          [1, '18446744073709551630'],
          [3.5, '18446744073709551621'],
        ],
      });
      assert.deepEqual([failed.objective, failed.feasible, failed.metrics, failed.error], [null, null, null, 'worker exited']);
      // The reports read them as before: a min objective 1 above a best known of 2^64 + 4.
      const csv = renderReport(repo.get('bm_old')!, repo.cells('bm_old'), 'csv').split('\n');
      assert.equal(csv[0], `${CSV_COLUMNS.join(',')},satRatio`);
      assert.match(csv[1], /^bm_old,r\/x\.wcnf,regression,min,walksat,1,18446744073709551621,true,18446744073709551620,,false,5\.42\d*e-20,3\.5,40,4,99\.5,,0\.875$/);
    },
  );
});
