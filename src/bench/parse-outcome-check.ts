// What every parse outcome must be, whatever the input: a value, or issues that each carry a known
// code, a position inside the input, and a short message. Used by the fuzz script and the tests.

import type { ParseIssue, ParseIssueCode, ParseResult } from '../common/parse-result.js';

export const KNOWN_CODES: ReadonlySet<ParseIssueCode> = new Set<ParseIssueCode>([
  'EMPTY_INPUT', 'NO_HEADER', 'DUPLICATE_HEADER', 'BAD_HEADER', 'UNEXPECTED_CHAR', 'NEGATIVE_ZERO',
  'LITERAL_OUT_OF_RANGE', 'MISSING_TERMINATOR', 'CLAUSE_COUNT_MISMATCH', 'INT_OVERFLOW', 'BAD_WEIGHT',
  'MIXED_FORMAT', 'AMBIGUOUS_FORMAT', 'LIMIT_EXCEEDED', 'BAD_GZIP', 'BAD_ASSIGNMENT', 'EDGE_COUNT_MISMATCH', 'BAD_EDGE',
  'BAD_TERM', 'TERM_COUNT_MISMATCH', 'INSTANCE_INDEX', 'INSTANCE_COUNT_MISMATCH', 'BAD_JSON',
]);

/** Longest message an issue may carry: input is only ever quoted as a short excerpt. */
export const MAX_MESSAGE_CHARS = 240;

/** Byte length of each line of `text` (split at "\n"), to check positions against. */
export function lineLengths(text: Uint8Array): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, start)) {
    lengths.push(at - start);
    start = at + 1;
  }
  lengths.push(text.length - start);
  return lengths;
}

function issueProblem(issue: ParseIssue, severity: 'error' | 'warning', lines: readonly number[] | null): string | null {
  if (!KNOWN_CODES.has(issue.code)) return `unknown code ${String(issue.code)}`;
  if (issue.severity !== severity) return `severity ${issue.severity}, expected ${severity}`;
  if (!Number.isInteger(issue.line) || !Number.isInteger(issue.column) || issue.line < 0 || issue.column < 0) return 'no position';
  if ((issue.line === 0) !== (issue.column === 0)) return `half a position ${issue.line}:${issue.column}`;
  if (typeof issue.message !== 'string' || issue.message.length === 0) return 'no message';
  if (issue.message.length > MAX_MESSAGE_CHARS) return `a ${issue.message.length}-character message`;
  if (lines !== null && issue.line > 0) {
    if (issue.line > lines.length) return `line ${issue.line} past the last line (${lines.length})`;
    if (issue.column > lines[issue.line - 1] + 1) return `column ${issue.column} past the end of line ${issue.line}`;
  }
  return null;
}

/**
 * Null when `result` is a well-formed outcome, else what is wrong with it. `text` is the input the
 * positions refer to (the decompressed text), or null when they cannot be checked against it.
 */
export function outcomeProblem(result: ParseResult<unknown>, text: Uint8Array | null): string | null {
  const lines = text === null ? null : lineLengths(text);
  if (result.ok) {
    for (const w of result.warnings) {
      const problem = issueProblem(w, 'warning', lines);
      if (problem !== null) return `warning ${w.code}: ${problem}`;
    }
    return null;
  }
  if (result.issues.length === 0) return 'a rejection without issues';
  for (const issue of result.issues) {
    const problem = issueProblem(issue, 'error', lines);
    if (problem !== null) return `${issue.code}: ${problem}`;
  }
  return null;
}
