// Stores benchmarks and their finished cells; a cell is written once, which is what makes a benchmark resumable.

import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { BenchmarkRecord, BenchmarkStatus, CellBudget, CellKey, CellMetrics, CellRecord, CellResult, CurvePoint, NewBenchmark } from './benchmark-records.js';
import type { Database } from './db.js';
import { senseColumn, type Page, type Sense } from './records.js';

interface BenchmarkRow {
  id: string;
  name: string;
  suite: string;
  solvers_json: string;
  seeds: number;
  budget_json: string;
  status: BenchmarkStatus;
  total_cells: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  done_cells: number;
}

interface CellRow {
  benchmark_id: string;
  instance: string;
  family: string;
  solver_key: string;
  seed: number;
  sense: string;
  objective: string | null;
  feasible: number | null;
  metrics_json: string | null;
  best_known: string | null;
  optimum: string | null;
  reached_best: number | null;
  time_to_best_ms: number | null;
  evaluations: number;
  steps: number;
  wall_ms: number;
  error: string | null;
  curve_json: string;
  finished_at: string;
}

export interface SolverProgress {
  readonly solverKey: string;
  /** Cells stored, errors included. */
  readonly done: number;
  readonly errors: number;
}

/** What a cell that ran found, without its curve or timings: enough to judge it against its reference. */
export interface CellOutcome {
  readonly solverKey: string;
  readonly sense: Sense;
  readonly objective: bigint | null;
  readonly bestKnown: bigint | null;
  readonly optimum: bigint | null;
}

export const TERMINAL_BENCHMARK_STATUSES: readonly BenchmarkStatus[] = ['completed', 'cancelled', 'interrupted', 'failed'];

const COLUMNS = `id, name, suite, solvers_json, seeds, budget_json, status, total_cells, error, created_at, started_at, finished_at,
  (SELECT count(*) FROM benchmark_cells c WHERE c.benchmark_id = b.id) AS done_cells`;

export function newBenchmarkId(): string {
  return `bm_${randomBytes(10).toString('hex')}`;
}

/** The identity of a cell as one string (NUL cannot occur in ids, keys or numbers). */
export function cellKey(k: CellKey): string {
  return `${k.instance}\u0000${k.solverKey}\u0000${k.seed}`;
}

export class BenchmarkRepository {
  private readonly s: ReturnType<typeof prepareAll>;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.s = prepareAll(db);
  }

  /** A new benchmark in status queued; a taken name fails on the UNIQUE constraint. */
  create(b: NewBenchmark): BenchmarkRecord {
    const id = newBenchmarkId();
    this.s.insert.run({
      id,
      name: b.name,
      suite: b.suite,
      solversJson: JSON.stringify(b.solvers),
      seeds: b.seeds,
      budgetJson: JSON.stringify(b.budget),
      totalCells: b.totalCells,
      createdAt: this.stamp(),
    });
    return this.get(id)!;
  }

  get(id: string): BenchmarkRecord | null {
    const row = this.s.byId.get(id);
    return row === undefined ? null : toRecord(row);
  }

  getByName(name: string): BenchmarkRecord | null {
    const row = this.s.byName.get(name);
    return row === undefined ? null : toRecord(row);
  }

  /** Newest first. */
  list(opts: { limit: number; offset: number }): Page<BenchmarkRecord> {
    const items = this.s.page.all(opts).map(toRecord);
    return { items, total: this.s.count.get()!.n, limit: opts.limit, offset: opts.offset };
  }

  /**
   * Moves a benchmark to `status`. `running` stamps the first start and clears an earlier finish
   * (a resume); a terminal status stamps the finish. `error` replaces the stored one.
   */
  /** With `onlyFrom`, writes only over that status (so a concurrent cancel is not undone); returns whether it wrote. */
  setStatus(id: string, status: BenchmarkStatus, error: string | null = null, onlyFrom: BenchmarkStatus | null = null): boolean {
    const terminal = TERMINAL_BENCHMARK_STATUSES.includes(status) ? 1 : 0;
    return this.s.setStatus.run({ id, status, error, now: this.stamp(), terminal, onlyFrom }).changes === 1;
  }

  /** Stores a finished cell; false when that cell is stored already (the first result stays). */
  insertCell(benchmarkId: string, cell: CellResult): boolean {
    return this.s.insertCell.run({ benchmarkId, ...cellParams(cell), finishedAt: this.stamp() }).changes === 1;
  }

  /** Every stored cell, by instance, solver key and seed. */
  cells(benchmarkId: string): CellRecord[] {
    return this.s.cells.all(benchmarkId).map(toCell);
  }

  /** The keys (see cellKey) of the stored cells: what a resume skips. */
  doneKeys(benchmarkId: string): Set<string> {
    return new Set(this.s.keys.all(benchmarkId).map((r) => cellKey({ instance: r.instance, solverKey: r.solver_key, seed: r.seed })));
  }

  /** Stored and failed cells per solver key. */
  solverProgress(benchmarkId: string): SolverProgress[] {
    return this.s.perSolver.all(benchmarkId).map((r) => ({ solverKey: r.solver_key, done: r.done, errors: r.errors }));
  }

  /** The outcomes of the cells that ran (failed ones left out), by solver key: a narrow read for progress views. */
  outcomes(benchmarkId: string): CellOutcome[] {
    return this.s.outcomes.all(benchmarkId).map((r) => ({
      solverKey: r.solver_key,
      sense: senseColumn(r.sense),
      objective: exact(r.objective),
      bestKnown: exact(r.best_known),
      optimum: exact(r.optimum),
    }));
  }

  /** Benchmarks in one status, oldest first. */
  withStatus(status: BenchmarkStatus): BenchmarkRecord[] {
    return this.s.byStatus.all(status).map(toRecord);
  }

  /** Every running benchmark → interrupted (a process stopped without finishing them); returns their ids. */
  interruptRunning(): string[] {
    const now = this.stamp();
    return this.s.interruptRunning.all({ now }).map((r) => r.id);
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function prepareAll(db: Database) {
  return {
    insert: db.prepare(
      `INSERT INTO benchmarks (id, name, suite, solvers_json, seeds, budget_json, status, total_cells, created_at)
       VALUES (@id, @name, @suite, @solversJson, @seeds, @budgetJson, 'queued', @totalCells, @createdAt)`,
    ),
    byId: db.prepare(`SELECT ${COLUMNS} FROM benchmarks b WHERE id = ?`) as Statement<[string], BenchmarkRow>,
    byName: db.prepare(`SELECT ${COLUMNS} FROM benchmarks b WHERE name = ?`) as Statement<[string], BenchmarkRow>,
    // rowid breaks ties between benchmarks created in the same millisecond.
    page: db.prepare(`SELECT ${COLUMNS} FROM benchmarks b ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`) as Statement<
      [{ limit: number; offset: number }],
      BenchmarkRow
    >,
    count: db.prepare('SELECT count(*) AS n FROM benchmarks') as Statement<[], { n: number }>,
    byStatus: db.prepare(`SELECT ${COLUMNS} FROM benchmarks b WHERE status = ? ORDER BY created_at, rowid`) as Statement<[BenchmarkStatus], BenchmarkRow>,
    setStatus: db.prepare(
      `UPDATE benchmarks SET status = @status, error = @error,
         started_at = iif(@status = 'running', coalesce(started_at, @now), started_at),
         finished_at = iif(@terminal, @now, iif(@status = 'running', NULL, finished_at))
       WHERE id = @id AND (@onlyFrom IS NULL OR status = @onlyFrom)`,
    ),
    insertCell: db.prepare(
      `INSERT OR IGNORE INTO benchmark_cells (benchmark_id, instance, family, solver_key, seed, sense, objective, feasible, metrics_json, best_known, optimum,
         reached_best, time_to_best_ms, evaluations, steps, wall_ms, error, curve_json, finished_at)
       VALUES (@benchmarkId, @instance, @family, @solverKey, @seed, @sense, @objective, @feasible, @metricsJson, @bestKnown, @optimum,
         @reachedBest, @timeToBestMs, @evaluations, @steps, @wallMs, @error, @curveJson, @finishedAt)`,
    ),
    cells: db.prepare('SELECT * FROM benchmark_cells WHERE benchmark_id = ? ORDER BY instance, solver_key, seed') as Statement<[string], CellRow>,
    keys: db.prepare('SELECT instance, solver_key, seed FROM benchmark_cells WHERE benchmark_id = ?') as Statement<
      [string],
      { instance: string; solver_key: string; seed: number }
    >,
    perSolver: db.prepare(
      `SELECT solver_key, count(*) AS done, count(error) AS errors FROM benchmark_cells WHERE benchmark_id = ? GROUP BY solver_key ORDER BY solver_key`,
    ) as Statement<[string], { solver_key: string; done: number; errors: number }>,
    outcomes: db.prepare(
      'SELECT solver_key, sense, objective, best_known, optimum FROM benchmark_cells WHERE benchmark_id = ? AND error IS NULL ORDER BY solver_key',
    ) as Statement<[string], Pick<CellRow, 'solver_key' | 'sense' | 'objective' | 'best_known' | 'optimum'>>,
    interruptRunning: db.prepare(
      "UPDATE benchmarks SET status = 'interrupted', finished_at = @now WHERE status = 'running' RETURNING id",
    ) as Statement<[{ now: string }], { id: string }>,
  };
}

const flag = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);
const unflag = (n: number | null): boolean | null => (n === null ? null : n === 1);
// Decimal text: objectives can exceed both 2^53 and SQLite's 64-bit integers (and be negative).
const decimal = (v: bigint | null): string | null => (v === null ? null : v.toString());
const exact = (v: string | null): bigint | null => (v === null ? null : BigInt(v));

function cellParams(c: CellResult): Record<string, string | number | null> {
  return {
    instance: c.instance,
    family: c.family,
    solverKey: c.solverKey,
    seed: c.seed,
    sense: c.sense,
    objective: decimal(c.objective),
    feasible: flag(c.feasible),
    metricsJson: c.metrics === null ? null : JSON.stringify(c.metrics),
    bestKnown: decimal(c.bestKnown),
    optimum: decimal(c.optimum),
    reachedBest: flag(c.reachedBest),
    timeToBestMs: c.timeToBestMs,
    evaluations: c.evaluations,
    steps: c.steps,
    wallMs: c.wallMs,
    error: c.error,
    curveJson: JSON.stringify(c.curve),
  };
}

function toRecord(row: BenchmarkRow): BenchmarkRecord {
  return {
    id: row.id,
    name: row.name,
    suite: row.suite,
    solvers: JSON.parse(row.solvers_json) as string[],
    seeds: row.seeds,
    budget: JSON.parse(row.budget_json) as CellBudget,
    totalCells: row.total_cells,
    status: row.status,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    doneCells: row.done_cells,
  };
}

function toCell(row: CellRow): CellRecord {
  return {
    benchmarkId: row.benchmark_id,
    instance: row.instance,
    family: row.family,
    solverKey: row.solver_key,
    seed: row.seed,
    sense: senseColumn(row.sense),
    objective: exact(row.objective),
    feasible: unflag(row.feasible),
    metrics: row.metrics_json === null ? null : (JSON.parse(row.metrics_json) as CellMetrics),
    bestKnown: exact(row.best_known),
    optimum: exact(row.optimum),
    reachedBest: unflag(row.reached_best),
    timeToBestMs: row.time_to_best_ms,
    evaluations: row.evaluations,
    steps: row.steps,
    wallMs: row.wall_ms,
    error: row.error,
    curve: JSON.parse(row.curve_json) as CurvePoint[],
    finishedAt: row.finished_at,
  };
}
