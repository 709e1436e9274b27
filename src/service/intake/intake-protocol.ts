// What the service asks of its parse worker and what an upload comes to, as plain cloneable data.

import type { ErrorKind } from '../../common/app-error.js';
import type { ParseIssue } from '../../common/parse-result.js';
import type { ParseLimits, ParseMode } from '../../problems/maxsat/parse-options.js';
import type { NewProblem, ProblemRecord } from '../../store/records.js';

export interface IntakeRequest {
  /** The problem family, when the client names it; else detected from the content. */
  readonly family?: string;
  /** A concrete format of any family, or 'auto'. */
  readonly format: string;
  /** Hints the format (`.cnf`, `.wcnf`, `.sparse`, `.rud`, optionally `.gz`). */
  readonly fileName: string | null;
  /** Which instance of a file that holds several (OR-Library), 1-based. */
  readonly select?: number;
  readonly mode: ParseMode;
  /** Bytes of text allowed, after gunzip. */
  readonly maxBytes: number;
  /** The service's caps on declared and used variables and clauses. */
  readonly limits?: Partial<ParseLimits>;
  /** The name the problem is stored under. */
  readonly name: string | null;
  /**
   * The database file the worker stores the problem in itself, so writing a content blob of tens of
   * megabytes does not block the event loop either; null: the caller stores it (an in-memory database).
   */
  readonly databasePath: string | null;
}

/** Everything the store needs but the name, computed off the event loop. */
export type ParsedProblem = Omit<NewProblem, 'name'>;

/** An AppError as data; `issues` are the parse issues of a PARSE_ERROR. */
export interface IntakeFailure {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly ParseIssue[];
}

export interface StoredProblem {
  readonly record: ProblemRecord;
  /** False when the same content was stored before (dedupe by hash). */
  readonly created: boolean;
}

export type Failed = { readonly ok: false; readonly failure: IntakeFailure };
/** What the parse comes to. */
export type ParseOutcome = { readonly ok: true; readonly problem: ParsedProblem } | Failed;
/** What the upload comes to: parsed, or parsed and stored by the worker. */
export type IntakeOutcome = ParseOutcome | { readonly ok: true; readonly stored: StoredProblem };

/** Messages to the worker, per upload `id`; chunks arrive in order, then `end` or `abort`. */
export type IntakeCommand =
  | { readonly type: 'open'; readonly id: number; readonly request: IntakeRequest }
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'end'; readonly id: number }
  | { readonly type: 'abort'; readonly id: number }
  /** Close the worker's database connections and exit. */
  | { readonly type: 'shutdown'; readonly id: 0 };

/** `ack`: a chunk's bytes were consumed; `done`: the outcome, possibly before `end` when it is final early. */
export type IntakeReply =
  | { readonly type: 'ack'; readonly id: number; readonly bytes: number }
  | { readonly type: 'done'; readonly id: number; readonly outcome: IntakeOutcome };

export const failure = (kind: ErrorKind, code: string, message: string, issues?: readonly ParseIssue[]): Failed => ({
  ok: false,
  failure: issues === undefined ? { kind, code, message } : { kind, code, message, issues },
});
