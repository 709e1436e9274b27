// Stores uploaded problems (gzip content plus summary), deduplicated by content hash.

import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Database } from './db.js';
import { senseColumn, type NewProblem, type Page, type ProblemRecord } from './records.js';

interface ProblemRow {
  id: string;
  content_hash: string;
  family: string;
  format: string;
  options_json: string;
  sense: string;
  name: string | null;
  variables: number;
  terms: number;
  summary_json: string;
  content_bytes: number;
  created_at: string;
}

// Everything but the content blob, which can be megabytes and is fetched only on demand.
const COLUMNS = 'id, content_hash, family, format, options_json, sense, name, variables, terms, summary_json, content_bytes, created_at';

export function newProblemId(): string {
  return `prb_${randomBytes(10).toString('hex')}`;
}

export class ProblemRepository {
  private readonly insertStmt: Statement;
  private readonly byHash: Statement<[string], ProblemRow>;
  private readonly byId: Statement<[string], ProblemRow>;
  // rowid breaks ties between problems created in the same millisecond, keeping "newest first" exact.
  private readonly page: Statement<[number, number], ProblemRow>;
  private readonly count: Statement<[], { n: number }>;
  private readonly content: Statement<[string], { content_gzip: Buffer }>;
  private readonly deleteStmt: Statement<[string]>;
  private readonly insertTx: (p: NewProblem) => { record: ProblemRecord; created: boolean };

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO problems (id, content_hash, family, format, options_json, sense, name, variables, terms, summary_json, content_gzip, content_bytes, created_at)
       VALUES (@id, @contentHash, @family, @format, @optionsJson, @sense, @name, @variables, @terms, @summaryJson, @contentGzip, @contentBytes, @createdAt)
       ON CONFLICT (content_hash) DO NOTHING`,
    );
    this.byHash = db.prepare(`SELECT ${COLUMNS} FROM problems WHERE content_hash = ?`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM problems WHERE id = ?`);
    this.page = db.prepare(`SELECT ${COLUMNS} FROM problems ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`);
    this.count = db.prepare('SELECT count(*) AS n FROM problems');
    this.content = db.prepare('SELECT content_gzip FROM problems WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM problems WHERE id = ?');
    this.insertTx = db.transaction((p: NewProblem) => this.insertOrFind(p));
  }

  /** Stores `p`, or returns the problem already stored with the same content hash (created = false). */
  insert(p: NewProblem): { record: ProblemRecord; created: boolean } {
    return this.insertTx(p);
  }

  get(id: string): ProblemRecord | null {
    const row = this.byId.get(id);
    return row === undefined ? null : toRecord(row);
  }

  /** Newest first. */
  list(opts: { limit: number; offset: number }): Page<ProblemRecord> {
    const items = this.page.all(opts.limit, opts.offset).map(toRecord);
    return { items, total: this.count.get()!.n, limit: opts.limit, offset: opts.offset };
  }

  contentGzip(id: string): Uint8Array | null {
    return this.content.get(id)?.content_gzip ?? null;
  }

  /** Removes the problem and, by cascade, its runs and their events. */
  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  private insertOrFind(p: NewProblem): { record: ProblemRecord; created: boolean } {
    const created = this.insertStmt.run(toParams(p, newProblemId(), this.now().toISOString())).changes > 0;
    return { record: toRecord(this.byHash.get(p.contentHash)!), created };
  }
}

function toParams(p: NewProblem, id: string, createdAt: string): Record<string, unknown> {
  return {
    id,
    contentHash: p.contentHash,
    family: p.family,
    format: p.format,
    optionsJson: JSON.stringify(p.options),
    sense: p.sense,
    name: p.name,
    variables: p.variables,
    terms: p.terms,
    summaryJson: JSON.stringify(p.summary),
    contentGzip: p.contentGzip,
    contentBytes: p.contentBytes,
    createdAt,
  };
}

function toRecord(row: ProblemRow): ProblemRecord {
  return {
    id: row.id,
    contentHash: row.content_hash,
    family: row.family,
    format: row.format,
    options: JSON.parse(row.options_json) as Record<string, unknown>,
    sense: senseColumn(row.sense),
    name: row.name,
    variables: row.variables,
    terms: row.terms,
    summary: JSON.parse(row.summary_json) as Record<string, unknown>,
    contentBytes: row.content_bytes,
    createdAt: row.created_at,
  };
}
