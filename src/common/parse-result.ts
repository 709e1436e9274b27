// Parse outcomes as values: every parser returns issues with a stable code and a 1-based position.

export type ParseIssueCode =
  | 'EMPTY_INPUT'
  | 'NO_HEADER'
  | 'DUPLICATE_HEADER'
  | 'BAD_HEADER'
  | 'UNEXPECTED_CHAR'
  | 'NEGATIVE_ZERO'
  | 'LITERAL_OUT_OF_RANGE'
  | 'MISSING_TERMINATOR'
  | 'CLAUSE_COUNT_MISMATCH'
  | 'INT_OVERFLOW'
  | 'BAD_WEIGHT'
  | 'MIXED_FORMAT'
  | 'AMBIGUOUS_FORMAT'
  | 'LIMIT_EXCEEDED'
  | 'BAD_GZIP'
  | 'BAD_ASSIGNMENT'
  | 'EDGE_COUNT_MISMATCH'
  | 'BAD_EDGE'
  | 'BAD_TERM'
  | 'TERM_COUNT_MISMATCH'
  | 'INSTANCE_INDEX'
  | 'INSTANCE_COUNT_MISMATCH'
  | 'BAD_JSON';

export type Severity = 'error' | 'warning';

export interface ParseIssue {
  readonly code: ParseIssueCode;
  readonly severity: Severity;
  /** 1-based line; 0 when the issue concerns the input as a whole. */
  readonly line: number;
  /** 1-based byte column within the line; 0 when not applicable. */
  readonly column: number;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ParseIssue[] }
  | { readonly ok: false; readonly issues: readonly ParseIssue[] };

/** Renders an issue the way compilers do: `file:line:col: error CODE: message`. */
export function formatIssue(issue: ParseIssue, source = '<input>'): string {
  const where = issue.line > 0 ? `${source}:${issue.line}:${issue.column}` : source;
  return `${where}: ${issue.severity} ${issue.code}: ${issue.message}`;
}
