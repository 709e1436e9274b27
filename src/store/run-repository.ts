// Stores solver runs and moves them through their lifecycle: queued → running → a terminal status.

import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Database } from './db.js';
import { senseColumn, TERMINAL_STATUSES, type BestRecord, type NewRun, type Page, type RunOutcome, type RunRecord, type RunStatus } from './records.js';

interface RunRow {
  id: string;
  problem_id: string;
  solver: string;
  preset: string;
  config_json: string;
  termination_json: string;
  seed: number;
  status: RunStatus;
  stop_reason: string | null;
  error: string | null;
  backend: string | null;
  backend_request: string;
  client_key: string | null;
  colors: number | null;
  best_cost: string | null;
  best_feasible: number | null;
  best_metrics_json: string | null;
  family: string;
  sense: string;
  best_step: number | null;
  steps: number;
  evaluations: number;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  cancel_requested_at: string | null;
  parse_ms: number | null;
  solve_ms: number | null;
  attempt: number;
  max_attempts: number;
}

// Everything but the assignment blob (the family's bytes: one per variable, four per vertex for colouring), fetched only on demand.
const COLUMNS = `id, problem_id, solver, preset, config_json, termination_json, seed, status, stop_reason, error, backend, backend_request, client_key, colors,
  best_cost, best_feasible, best_metrics_json, best_step, family, sense, steps, evaluations,
  queued_at, started_at, finished_at, cancel_requested_at, parse_ms, solve_ms, attempt, max_attempts`;

/** A lost attempt's run queued again as its next attempt; what the attempt reached is cleared (the next starts over, same seed). */
const REQUEUE = `UPDATE runs SET status = 'queued', attempt = attempt + 1, started_at = NULL, backend = NULL, parse_ms = NULL, steps = 0, evaluations = 0,
  best_cost = NULL, best_feasible = NULL, best_metrics_json = NULL, best_step = NULL, best_assignment = NULL`;

// Built from the shared list so a new terminal status cannot be forgotten here.
const TERMINAL_SQL = `(${TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ')})`;

// One statement per filter shape: a single "@x IS NULL OR …" form would keep the planner off the status and problem indexes.
const FILTERS = {
  all: '',
  status: 'WHERE status = @status',
  problem: 'WHERE problem_id = @problemId',
  both: 'WHERE status = @status AND problem_id = @problemId',
} as const;

type FilterShape = keyof typeof FILTERS;
type Filter = { status?: RunStatus; problemId?: string };
type Paged = Filter & { limit: number; offset: number };

function shapeOf(filter: Filter): FilterShape {
  if (filter.status !== undefined) return filter.problemId !== undefined ? 'both' : 'status';
  return filter.problemId !== undefined ? 'problem' : 'all';
}

/** One value (a prepared statement) for each filter shape. */
function perShape<T>(build: (where: string) => T): Record<FilterShape, T> {
  return { all: build(FILTERS.all), status: build(FILTERS.status), problem: build(FILTERS.problem), both: build(FILTERS.both) };
}

export function newRunId(): string {
  return `run_${randomBytes(10).toString('hex')}`;
}

export class RunRepository {
  private readonly s: ReturnType<typeof prepareAll>;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.s = prepareAll(db);
  }

  /** Runs `work` in one write transaction (with the other repositories on this database): all of it is stored, or none. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** A new run in status queued, queued now. */
  create(r: NewRun): RunRecord {
    const id = newRunId();
    this.s.insert.run({
      id,
      problemId: r.problemId,
      solver: r.solver,
      preset: r.preset,
      configJson: JSON.stringify(r.config),
      terminationJson: JSON.stringify(r.termination),
      seed: r.seed,
      family: r.family,
      sense: r.sense,
      backendRequest: r.backendRequest ?? 'auto',
      clientKey: r.clientKey ?? null,
      colors: r.colors ?? null,
      maxAttempts: r.maxAttempts ?? 1,
      queuedAt: this.stamp(),
    });
    return this.get(id)!;
  }

  get(id: string): RunRecord | null {
    const row = this.s.byId.get(id);
    return row === undefined ? null : toRecord(row);
  }

  /** Newest first, optionally only one status and/or one problem. */
  list(opts: { status?: RunStatus; problemId?: string; limit: number; offset: number }): Page<RunRecord> {
    const shape = shapeOf(opts);
    const items = this.s.page[shape].all(opts).map(toRecord);
    return { items, total: this.s.count[shape].get(opts)!.n, limit: opts.limit, offset: opts.offset };
  }

  countByStatus(status: RunStatus): number {
    return this.s.count.status.get({ status })!.n;
  }

  /** Queued and running runs the client submitted. */
  countActiveByClient(clientKey: string): number {
    return this.s.countActiveByClient.get(clientKey)!.n;
  }

  /** Queued runs, oldest first: the order the scheduler takes them in. */
  oldestQueued(limit: number): RunRecord[] {
    return this.s.oldestQueued.all(limit).map(toRecord);
  }

  /** Claims a queued run for `backend`; false when it is no longer queued (cancelled, or taken). */
  markRunning(id: string, backend: string): boolean {
    return this.s.markRunning.run({ id, backend, now: this.stamp() }).changes === 1;
  }

  /** Parse time and the evaluation backend the worker actually uses. */
  recordParse(id: string, parseMs: number, backend?: string): void {
    this.s.recordParse.run(parseMs, backend ?? null, id);
  }

  /** Counters always; the best-so-far only when `best` is given. */
  recordProgress(id: string, steps: number, evaluations: number, best: BestRecord | null): void {
    this.s.recordProgress.run({ id, steps, evaluations, ...bestParams(best) });
  }

  /** Writes how the run ended. A null best or assignment keeps what is stored (e.g. a failure after progress). */
  /** Ends a running run; false (nothing written) when it is not running, e.g. already finished. */
  finish(id: string, outcome: RunOutcome): boolean {
    return this.s.finish.run({
      id,
      status: outcome.status,
      stopReason: outcome.stopReason,
      error: outcome.error,
      ...bestParams(outcome.best),
      assignment: outcome.bestAssignment,
      steps: outcome.steps,
      evaluations: outcome.evaluations,
      finishedAt: outcome.finishedAt,
      solveMs: outcome.solveMs,
    }).changes === 1;
  }

  /** Whether any run of the problem is queued or running. */
  hasActiveRuns(problemId: string): boolean {
    return this.s.hasActive.get(problemId) !== undefined;
  }

  /** Whether the problem has any run at all, finished ones included. */
  hasRuns(problemId: string): boolean {
    return this.s.hasAny.get(problemId) !== undefined;
  }

  /** Notes a cancel request on a run that has not ended; the first request's time is kept. */
  requestCancel(id: string): boolean {
    return this.s.requestCancel.run({ id, now: this.stamp() }).changes === 1;
  }

  /** queued → cancelled in one statement, so a worker cannot claim it in between. */
  cancelQueued(id: string): boolean {
    return this.s.cancelQueued.run({ id, now: this.stamp() }).changes === 1;
  }

  /** Every running run → interrupted with `stopReason`, its best kept (crash recovery); returns their ids. */
  interruptRunning(stopReason: string): string[] {
    return this.s.interruptRunning.all({ now: this.stamp(), stopReason }).map((r) => r.id);
  }

  /**
   * Every running run (or, `onlyRetryable`, every one with attempts left: attempt < max_attempts)
   * → queued again as its next attempt, at its original place in the queue; returns their ids.
   * What the lost attempt had reached is cleared: the new attempt starts over (same seed), and a
   * best that could later be replaced by a worse one would only mislead.
   */
  requeueRunning(onlyRetryable = false): string[] {
    return (onlyRetryable ? this.s.requeueRetryable : this.s.requeueRunning).all().map((r) => r.id);
  }

  /** One running run → interrupted (its best so far kept); false when it is not running. */
  interruptRun(id: string, stopReason: string): boolean {
    return this.s.interruptOne.run({ id, now: this.stamp(), stopReason }).changes > 0;
  }

  /** One running run → queued again as its next attempt, like `requeueRunning`; false when it is not running (or, `onlyRetryable`, has no attempt left). */
  requeueRun(id: string, onlyRetryable = false): boolean {
    return (onlyRetryable ? this.s.requeueOneRetryable : this.s.requeueOne).run({ id }).changes > 0;
  }

  bestAssignment(id: string): Uint8Array | null {
    return this.s.assignment.get(id)?.best_assignment ?? null;
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

// @hasBest is 0 when no best is given, so every best_* column keeps its stored value.
const BEST_SET = `best_cost = iif(@hasBest, @bestCost, best_cost), best_feasible = iif(@hasBest, @bestFeasible, best_feasible),
  best_metrics_json = iif(@hasBest, @bestMetricsJson, best_metrics_json),
  best_step = iif(@hasBest, @bestStep, best_step)`;

function prepareAll(db: Database) {
  return {
    insert: db.prepare(
      `INSERT INTO runs (id, problem_id, solver, preset, config_json, termination_json, seed, family, sense, backend_request, client_key, colors, max_attempts, status, queued_at)
       VALUES (@id, @problemId, @solver, @preset, @configJson, @terminationJson, @seed, @family, @sense, @backendRequest, @clientKey, @colors, @maxAttempts, 'queued', @queuedAt)`,
    ),
    byId: db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = ?`) as Statement<[string], RunRow>,
    // rowid breaks ties between runs queued in the same millisecond, keeping both orders exact.
    page: perShape(
      (where) => db.prepare(`SELECT ${COLUMNS} FROM runs ${where} ORDER BY queued_at DESC, rowid DESC LIMIT @limit OFFSET @offset`) as Statement<[Paged], RunRow>,
    ),
    count: perShape((where) => db.prepare(`SELECT count(*) AS n FROM runs ${where}`) as Statement<[Filter], { n: number }>),
    // The same condition as the partial index runs_client_active, so the count reads only active runs.
    countActiveByClient: db.prepare("SELECT count(*) AS n FROM runs WHERE client_key = ? AND status IN ('queued', 'running')") as Statement<[string], { n: number }>,
    oldestQueued: db.prepare(`SELECT ${COLUMNS} FROM runs WHERE status = 'queued' ORDER BY queued_at, rowid LIMIT ?`) as Statement<
      [number],
      RunRow
    >,
    markRunning: db.prepare("UPDATE runs SET status = 'running', backend = @backend, started_at = @now WHERE id = @id AND status = 'queued'"),
    recordParse: db.prepare('UPDATE runs SET parse_ms = ?, backend = COALESCE(?, backend) WHERE id = ?'),
    recordProgress: db.prepare(
      `UPDATE runs SET steps = @steps, evaluations = @evaluations, ${BEST_SET} WHERE id = @id`,
    ),
    finish: db.prepare(
      `UPDATE runs SET status = @status, stop_reason = @stopReason, error = @error, ${BEST_SET},
         best_assignment = coalesce(@assignment, best_assignment), steps = @steps, evaluations = @evaluations,
         finished_at = @finishedAt, solve_ms = @solveMs
       WHERE id = @id AND status = 'running'`,
    ),
    hasActive: db.prepare("SELECT 1 FROM runs WHERE problem_id = ? AND status IN ('queued', 'running') LIMIT 1"),
    hasAny: db.prepare('SELECT 1 FROM runs WHERE problem_id = ? LIMIT 1'),
    requestCancel: db.prepare(
      `UPDATE runs SET cancel_requested_at = coalesce(cancel_requested_at, @now) WHERE id = @id AND status NOT IN ${TERMINAL_SQL}`,
    ),
    cancelQueued: db.prepare("UPDATE runs SET status = 'cancelled', finished_at = @now WHERE id = @id AND status = 'queued'"),
    interruptRunning: db.prepare(
      "UPDATE runs SET status = 'interrupted', stop_reason = @stopReason, finished_at = @now WHERE status = 'running' RETURNING id",
    ) as Statement<[{ now: string; stopReason: string }], { id: string }>,
    requeueRunning: db.prepare(
      `${REQUEUE} WHERE status = 'running' RETURNING id`,
    ) as Statement<[], { id: string }>,
    requeueRetryable: db.prepare(
      `${REQUEUE} WHERE status = 'running' AND attempt < max_attempts RETURNING id`,
    ) as Statement<[], { id: string }>,
    interruptOne: db.prepare(
      "UPDATE runs SET status = 'interrupted', stop_reason = @stopReason, finished_at = @now WHERE id = @id AND status = 'running'",
    ) as Statement<[{ id: string; now: string; stopReason: string }]>,
    requeueOne: db.prepare(
      `${REQUEUE} WHERE id = @id AND status = 'running'`,
    ) as Statement<[{ id: string }]>,
    requeueOneRetryable: db.prepare(
      `${REQUEUE} WHERE id = @id AND status = 'running' AND attempt < max_attempts`,
    ) as Statement<[{ id: string }]>,
    assignment: db.prepare('SELECT best_assignment FROM runs WHERE id = ?') as Statement<[string], { best_assignment: Buffer | null }>,
  };
}

function bestParams(best: BestRecord | null): Record<string, string | number | null> {
  if (best === null) {
    return { hasBest: 0, bestCost: null, bestFeasible: null, bestMetricsJson: null, bestStep: null };
  }
  return {
    hasBest: 1,
    // Decimal text: costs can exceed both 2^53 and SQLite's 64-bit integers.
    bestCost: best.cost.toString(),
    bestFeasible: best.feasible ? 1 : 0,
    bestMetricsJson: JSON.stringify(best.metrics),
    bestStep: best.step,
  };
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    problemId: row.problem_id,
    solver: row.solver,
    preset: row.preset,
    config: JSON.parse(row.config_json) as Record<string, unknown>,
    termination: JSON.parse(row.termination_json) as Record<string, unknown>,
    seed: row.seed,
    family: row.family,
    sense: senseColumn(row.sense),
    backendRequest: row.backend_request,
    clientKey: row.client_key,
    colors: row.colors,
    status: row.status,
    stopReason: row.stop_reason,
    error: row.error,
    backend: row.backend,
    best: toBest(row),
    steps: row.steps,
    evaluations: row.evaluations,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    cancelRequestedAt: row.cancel_requested_at,
    parseMs: row.parse_ms,
    solveMs: row.solve_ms,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
  };
}

function toBest(row: RunRow): BestRecord | null {
  if (row.best_cost === null) return null;
  return {
    cost: BigInt(row.best_cost),
    feasible: row.best_feasible === 1,
    metrics: row.best_metrics_json === null ? {} : (JSON.parse(row.best_metrics_json) as Record<string, number>),
    step: row.best_step ?? 0,
  };
}
