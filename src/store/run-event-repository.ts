// Appends and reads a run's event trace (status, progress, improvement), numbered 1, 2, 3, … per run.

import type { Statement } from 'better-sqlite3';
import type { Database } from './db.js';
import type { NewRunEvent, RunEvent, RunEventType, RunStatus } from './records.js';

interface EventRow {
  run_id: string;
  seq: number;
  type: RunEventType;
  status: RunStatus | null;
  step: number | null;
  evaluations: number | null;
  elapsed_ms: number | null;
  cost: number | null;
  metrics_json: string | null;
  best_cost: string | null;
  feasible: number | null;
  attempt: number;
  created_at: string;
}

const ALL_TYPES: readonly RunEventType[] = ['status', 'progress', 'improvement'];

type ListParams = { runId: string; afterSeq: number; limit: number; t1: RunEventType; t2: RunEventType; t3: RunEventType };

export class RunEventRepository {
  private readonly insertStmt: Statement<[EventRow]>;
  private readonly lastSeqStmt: Statement<[string], { seq: number | null }>;
  private readonly attemptStmt: Statement<[string], { attempt: number }>;
  // A fixed three-slot IN list (there are three types) keeps the type filter in one prepared statement.
  private readonly listStmt: Statement<[ListParams], EventRow>;
  private readonly appendTx: (runId: string, events: readonly NewRunEvent[]) => RunEvent[];

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO run_events (run_id, seq, type, status, step, evaluations, elapsed_ms, cost, metrics_json, best_cost, feasible, attempt, created_at)
       VALUES (@run_id, @seq, @type, @status, @step, @evaluations, @elapsed_ms, @cost, @metrics_json, @best_cost, @feasible, @attempt, @created_at)`,
    );
    this.lastSeqStmt = db.prepare('SELECT max(seq) AS seq FROM run_events WHERE run_id = ?');
    this.attemptStmt = db.prepare('SELECT attempt FROM runs WHERE id = ?');
    this.listStmt = db.prepare(
      `SELECT * FROM run_events WHERE run_id = @runId AND seq > @afterSeq AND type IN (@t1, @t2, @t3)
       ORDER BY seq LIMIT @limit`,
    );
    const tx = db.transaction((runId: string, events: readonly NewRunEvent[]) => this.insertAll(runId, events));
    // IMMEDIATE takes the write lock before reading the last seq, so two writers cannot pick the same numbers.
    this.appendTx = (runId, events) => tx.immediate(runId, events);
  }

  /**
   * Stores `events` in order in one transaction, numbered after the run's last event and marked
   * with the run's current attempt; returns them as stored.
   */
  append(runId: string, events: readonly NewRunEvent[]): RunEvent[] {
    if (events.length === 0) return [];
    return this.appendTx(runId, events);
  }

  /** Seq ascending; `afterSeq` for resuming (SSE Last-Event-ID), `types` to keep only some kinds. */
  list(runId: string, opts: { afterSeq?: number; limit?: number; types?: RunEventType[] } = {}): RunEvent[] {
    const types = opts.types ?? ALL_TYPES;
    if (types.length === 0) return [];
    // Repeating the last type fills the unused slots without widening the filter.
    const [t1, t2 = t1, t3 = t2] = types;
    // SQLite reads a negative LIMIT as "no limit".
    const params = { runId, afterSeq: opts.afterSeq ?? 0, limit: opts.limit ?? -1, t1, t2, t3 };
    return this.listStmt.all(params).map(toEvent);
  }

  /** The run's highest seq, 0 when it has no events. */
  lastSeq(runId: string): number {
    return this.lastSeqStmt.get(runId)?.seq ?? 0;
  }

  private insertAll(runId: string, events: readonly NewRunEvent[]): RunEvent[] {
    const createdAt = this.now().toISOString();
    // Read inside the write transaction: the attempt only changes when a recovery re-queues the run.
    const attempt = this.attemptStmt.get(runId)?.attempt ?? 1;
    let seq = this.lastSeq(runId);
    return events.map((event) => {
      const row = toRow(runId, ++seq, attempt, createdAt, event);
      this.insertStmt.run(row);
      return toEvent(row);
    });
  }
}

function toRow(runId: string, seq: number, attempt: number, createdAt: string, e: NewRunEvent): EventRow {
  return {
    run_id: runId,
    seq,
    attempt,
    type: e.type,
    status: e.status ?? null,
    step: e.step ?? null,
    evaluations: e.evaluations ?? null,
    elapsed_ms: e.elapsedMs ?? null,
    cost: e.cost ?? null,
    metrics_json: e.metrics === undefined ? null : JSON.stringify(e.metrics),
    // Decimal text: best costs can exceed both 2^53 and SQLite's 64-bit integers.
    best_cost: e.bestCost === undefined ? null : e.bestCost.toString(),
    feasible: e.feasible === undefined ? null : e.feasible ? 1 : 0,
    created_at: createdAt,
  };
}

/** NULL columns become absent properties, so events serialise without "key": null noise. */
function toEvent(row: EventRow): RunEvent {
  const event: { -readonly [K in keyof RunEvent]: RunEvent[K] } = { runId: row.run_id, seq: row.seq, type: row.type, attempt: row.attempt, createdAt: row.created_at };
  if (row.status !== null) event.status = row.status;
  if (row.step !== null) event.step = row.step;
  if (row.evaluations !== null) event.evaluations = row.evaluations;
  if (row.elapsed_ms !== null) event.elapsedMs = row.elapsed_ms;
  if (row.cost !== null) event.cost = row.cost;
  if (row.metrics_json !== null) event.metrics = JSON.parse(row.metrics_json) as Record<string, number>;
  if (row.best_cost !== null) event.bestCost = BigInt(row.best_cost);
  if (row.feasible !== null) event.feasible = row.feasible === 1;
  return event;
}
