-- Benchmarks: instance set × solver configs × seeds, one row per finished cell (resumable).

CREATE TABLE benchmarks (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  suite        TEXT NOT NULL,
  solvers_json TEXT NOT NULL,
  seeds        INTEGER NOT NULL,
  budget_json  TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'interrupted', 'failed')),
  total_cells  INTEGER NOT NULL,
  error        TEXT,
  created_at   TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT
);

CREATE TABLE benchmark_cells (
  benchmark_id    TEXT NOT NULL REFERENCES benchmarks (id) ON DELETE CASCADE,
  instance        TEXT NOT NULL,
  family          TEXT NOT NULL,
  solver_key      TEXT NOT NULL,
  seed            INTEGER NOT NULL,
  best_cost       TEXT,
  feasible        INTEGER,
  sat_ratio       REAL,
  best_known      TEXT,
  optimum         TEXT,
  reached_best    INTEGER,
  time_to_best_ms REAL,
  evaluations     INTEGER NOT NULL DEFAULT 0,
  steps           INTEGER NOT NULL DEFAULT 0,
  wall_ms         REAL NOT NULL DEFAULT 0,
  error           TEXT,
  curve_json      TEXT NOT NULL DEFAULT '[]',
  finished_at     TEXT NOT NULL,
  PRIMARY KEY (benchmark_id, instance, solver_key, seed)
) WITHOUT ROWID;
