// What the service asks of its parse worker and what an upload comes to, as plain cloneable data.

import type { ErrorKind } from '../../common/app-error.js';
import type { ParseIssue } from '../../common/parse-result.js';
import type { DimacsFormat } from '../../problems/maxsat/instance.js';
import type { ParseMode } from '../../problems/maxsat/parse-options.js';
import type { NewProblem } from '../../store/records.js';

export interface IntakeRequest {
  readonly format: DimacsFormat | 'auto';
  /** Hints the format of a headerless file (`.cnf`, `.wcnf`, optionally `.gz`). */
  readonly fileName: string | null;
  readonly mode: ParseMode;
  /** Bytes of DIMACS text allowed, after gunzip. */
  readonly maxBytes: number;
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

export type IntakeOutcome = { readonly ok: true; readonly problem: ParsedProblem } | { readonly ok: false; readonly failure: IntakeFailure };

/** Messages to the worker, per upload `id`; chunks arrive in order, then `end` or `abort`. */
export type IntakeCommand =
  | { readonly type: 'open'; readonly id: number; readonly request: IntakeRequest }
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'end'; readonly id: number }
  | { readonly type: 'abort'; readonly id: number };

/** `ack`: a chunk's bytes were consumed; `done`: the outcome, possibly before `end` when it is final early. */
export type IntakeReply =
  | { readonly type: 'ack'; readonly id: number; readonly bytes: number }
  | { readonly type: 'done'; readonly id: number; readonly outcome: IntakeOutcome };

export const failure = (kind: ErrorKind, code: string, message: string, issues?: readonly ParseIssue[]): IntakeOutcome => ({
  ok: false,
  failure: issues === undefined ? { kind, code, message } : { kind, code, message, issues },
});
