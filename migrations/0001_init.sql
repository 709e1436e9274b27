-- Problems, runs and their event traces. Costs are exact decimal TEXT (they can exceed 2^63).

CREATE TABLE problems (
  id            TEXT PRIMARY KEY,
  content_hash  TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL DEFAULT 'maxsat',
  format        TEXT NOT NULL,
  name          TEXT,
  variables     INTEGER NOT NULL,
  clauses       INTEGER NOT NULL,
  hard_clauses  INTEGER NOT NULL,
  soft_clauses  INTEGER NOT NULL,
  summary_json  TEXT NOT NULL,
  content_gzip  BLOB NOT NULL,
  content_bytes INTEGER NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX problems_created ON problems (created_at, id);

CREATE TABLE runs (
  id               TEXT PRIMARY KEY,
  problem_id       TEXT NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
  solver           TEXT NOT NULL,
  preset           TEXT NOT NULL,
  config_json      TEXT NOT NULL,
  termination_json TEXT NOT NULL,
  seed             INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed', 'timed_out', 'interrupted')),
  stop_reason      TEXT,
  error            TEXT,
  backend          TEXT,
  best_cost        TEXT,
  best_feasible    INTEGER,
  best_sat_ratio   REAL,
  best_falsified   INTEGER,
  best_step        INTEGER,
  best_assignment  BLOB,
  steps            INTEGER NOT NULL DEFAULT 0,
  evaluations      INTEGER NOT NULL DEFAULT 0,
  queued_at        TEXT NOT NULL,
  started_at       TEXT,
  finished_at      TEXT,
  cancel_requested_at TEXT,
  parse_ms         REAL,
  solve_ms         REAL
);
CREATE INDEX runs_status ON runs (status, queued_at);
CREATE INDEX runs_problem ON runs (problem_id, queued_at);
CREATE INDEX runs_queued ON runs (queued_at, id);

CREATE TABLE run_events (
  run_id         TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  type           TEXT NOT NULL CHECK (type IN ('status', 'progress', 'improvement')),
  status         TEXT,
  step           INTEGER,
  evaluations    INTEGER,
  elapsed_ms     REAL,
  cost           REAL,
  sat_ratio      REAL,
  best_cost      TEXT,
  best_sat_ratio REAL,
  feasible       INTEGER,
  created_at     TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
