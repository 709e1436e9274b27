// Problem intake: streams DIMACS (plain or gzip) to the parse worker, which parses, summarises,
// hashes it for dedupe and compresses it off the event loop; stores the result.

import { AppError } from '../common/app-error.js';
import { parseProblem, STORED_CONTENT_LIMITS, type LoadedProblem } from '../problems/load-problem.js';
import type { ParseLimits, ParseMode } from '../problems/maxsat/parse-options.js';
import type { ProblemRepository } from '../store/problem-repository.js';
import type { ProblemRecord } from '../store/records.js';
import type { IntakeClient } from './intake/intake-client.js';
import type { IntakeOutcome } from './intake/intake-protocol.js';
import { LoadedProblems } from './loaded-problems.js';

export interface IntakeOptions {
  /** Named by the client, else detected. */
  readonly family?: string;
  readonly format: string;
  /** Which instance of a file that holds several (OR-Library), 1-based. */
  readonly select?: number;
  readonly name: string | null;
  readonly mode: ParseMode;
}

/** Content in memory, or chunks as they arrive (an iterable that throws fails the intake). */
export type IntakeSource = Uint8Array | AsyncIterable<Uint8Array>;

/** Pieces content held in memory is sent in. */
const SLICE_BYTES = 1 << 20;

async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
}

function succeeded(outcome: IntakeOutcome): Exclude<IntakeOutcome, { ok: false }> {
  if (outcome.ok) return outcome;
  const { kind, code, message, issues } = outcome.failure;
  throw new AppError(kind, code, message, issues === undefined ? {} : { issues });
}

/** Text of the recently parsed problems kept for evaluate and solution requests (parsed forms take a few times more). */
const RECENT_PROBLEM_BYTES = 32 * 1024 * 1024;

export class ProblemService {
  private readonly recent = new LoadedProblems(RECENT_PROBLEM_BYTES);

  constructor(
    private readonly problems: ProblemRepository,
    private readonly maxBytes: number,
    private readonly intake: IntakeClient,
    /** The database file the parse worker stores problems in itself; null (in memory): stored here. */
    private readonly databasePath: string | null = null,
    /** Caps on the variables and clauses a problem may declare or use (the service's work limits). */
    private readonly limits: Partial<ParseLimits> = {},
  ) {}

  /** Uploads being parsed. */
  get inFlight(): number {
    return this.intake.inFlight;
  }

  /** Parses and stores a problem of any family; an identical one already stored is returned instead. */
  async ingest(source: IntakeSource, options: IntakeOptions): Promise<{ record: ProblemRecord; created: boolean }> {
    const upload = this.intake.open({ family: options.family, format: options.format, select: options.select, fileName: options.name, name: options.name, mode: options.mode, maxBytes: this.maxBytes, limits: this.limits, databasePath: this.databasePath });
    const settled = upload.done.then(() => null);
    const chunks = (source instanceof Uint8Array ? slices(source) : source)[Symbol.asyncIterator]();
    try {
      // An outcome known early (too large, damaged gzip) ends the reading at once, even while the
      // next chunk is awaited: the rest of the body is left unread.
      for (;;) {
        const next = await Promise.race([chunks.next(), settled]);
        if (next === null || next.done === true) break;
        await upload.write(next.value);
      }
    } catch (err) {
      upload.abort();
      throw err;
    }
    const outcome = succeeded(await upload.end());
    if ('stored' in outcome) return outcome.stored;
    const gz = outcome.problem.contentGzip;
    return this.problems.insert({ ...outcome.problem, contentGzip: Buffer.from(gz.buffer, gz.byteOffset, gz.byteLength), name: options.name });
  }

  /** The stored instance, parsed again (the family and format are known by now). */
  load(id: string): LoadedProblem | null {
    const record = this.problems.get(id);
    if (record === null) {
      this.recent.drop(id);
      return null;
    }
    return this.recent.get(id, record.contentBytes, () => {
      const gz = this.problems.contentGzip(id);
      if (gz === null) throw new AppError('internal', 'STORED_PROBLEM_UNREADABLE', `problem ${id} has no stored content`);
      const select = typeof record.options.select === 'number' ? record.options.select : undefined;
      const parsed = parseProblem(gz, { family: record.family, format: record.format, select, mode: 'relaxed', limits: STORED_CONTENT_LIMITS });
      if (!parsed.ok) throw new AppError('internal', 'STORED_PROBLEM_UNREADABLE', `problem ${id} no longer parses`);
      return parsed.value;
    });
  }

  /** Stops the parse worker; uploads in flight fail as unavailable. */
  close(): Promise<void> {
    return this.intake.close();
  }
}
