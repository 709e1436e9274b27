-- Problem families: the clause-specific columns become a family, a sense and metrics.
-- Every row stored so far is MAX-SAT (minimised); its figures move into the new shape unchanged.

-- problems: `kind` was always 'maxsat'; `clauses` is the family's size measure (clauses, edges, terms).
ALTER TABLE problems RENAME COLUMN kind TO family;
ALTER TABLE problems RENAME COLUMN clauses TO terms;
-- The sense the objective is reported in ('min' or 'max'); OR-Library QUBO maximises, Biq Mac minimises.
ALTER TABLE problems ADD COLUMN sense TEXT NOT NULL DEFAULT 'min';
-- How the content is read beyond its format, e.g. {"select": 3} for the third instance of an OR-Library file.
ALTER TABLE problems ADD COLUMN options_json TEXT NOT NULL DEFAULT '{}';
-- Hard and soft clause counts are in summary_json already.
ALTER TABLE problems DROP COLUMN hard_clauses;
ALTER TABLE problems DROP COLUMN soft_clauses;

-- runs: the family and sense of their problem, and the best point's metrics as the family names them.
ALTER TABLE runs ADD COLUMN family TEXT NOT NULL DEFAULT 'maxsat';
ALTER TABLE runs ADD COLUMN sense TEXT NOT NULL DEFAULT 'min';
ALTER TABLE runs ADD COLUMN best_metrics_json TEXT;
UPDATE runs SET best_metrics_json = json_object('satRatio', best_sat_ratio, 'falsifiedClauses', best_falsified)
WHERE best_cost IS NOT NULL AND best_sat_ratio IS NOT NULL;
ALTER TABLE runs DROP COLUMN best_sat_ratio;
ALTER TABLE runs DROP COLUMN best_falsified;

-- run_events: progress carries the current point's metrics, improvements the new best's.
ALTER TABLE run_events ADD COLUMN metrics_json TEXT;
UPDATE run_events SET metrics_json = json_object('satRatio', sat_ratio) WHERE type = 'progress' AND sat_ratio IS NOT NULL;
UPDATE run_events SET metrics_json = json_object('satRatio', best_sat_ratio) WHERE type = 'improvement' AND best_sat_ratio IS NOT NULL;
ALTER TABLE run_events DROP COLUMN sat_ratio;
ALTER TABLE run_events DROP COLUMN best_sat_ratio;

-- benchmark_cells: the best objective in the problem's own sense (MAX-SAT: the cost, unchanged), as are best_known and optimum.
ALTER TABLE benchmark_cells RENAME COLUMN best_cost TO objective;
ALTER TABLE benchmark_cells ADD COLUMN sense TEXT NOT NULL DEFAULT 'min';
ALTER TABLE benchmark_cells ADD COLUMN metrics_json TEXT;
UPDATE benchmark_cells SET metrics_json = json_object('satRatio', sat_ratio) WHERE sat_ratio IS NOT NULL;
ALTER TABLE benchmark_cells DROP COLUMN sat_ratio;
