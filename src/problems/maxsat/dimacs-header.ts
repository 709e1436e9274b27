// Parses one DIMACS problem line: `p cnf VARS CLAUSES` or `p wcnf VARS CLAUSES [TOP]`.

import { excerpt, excerptNumber } from '../../common/excerpt.js';
import type { ParseIssue, ParseIssueCode } from '../../common/parse-result.js';

export const MAX_VARIABLE = 2 ** 31 - 1;
export const MAX_WEIGHT = 2n ** 64n - 1n;
/** Digits of 2^64 - 1: a longer number (leading zeros aside) is out of range without computing it. */
const MAX_DIGITS = 20;

export interface DimacsHeader {
  readonly format: 'cnf' | 'wcnf-old';
  readonly vars: number;
  readonly clauses: number;
  readonly top: bigint | null;
}

interface Token {
  readonly text: string;
  readonly column: number;
}

function tokenize(text: string, firstColumn: number): Token[] {
  const tokens: Token[] = [];
  const re = /[^ \t\r\v\f]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    tokens.push({ text: m[0], column: firstColumn + m.index });
  }
  return tokens;
}

/**
 * `text` is the header line without its newline, starting at the `p`, which sits at
 * `column` of `line`. Returns the header or the first issue found.
 */
export function parseHeaderLine(text: string, line: number, column: number): DimacsHeader | ParseIssue {
  const fail = (code: ParseIssueCode, col: number, message: string): ParseIssue => ({
    code,
    severity: 'error',
    line,
    column: col,
    message,
  });
  const tokens = tokenize(text, column);
  if (tokens[0].text !== 'p') {
    return fail('BAD_HEADER', column, `expected "p cnf VARS CLAUSES" or "p wcnf VARS CLAUSES [TOP]", got ${excerpt(text.trim())}`);
  }
  const kind = tokens[1];
  if (kind === undefined || (kind.text !== 'cnf' && kind.text !== 'wcnf')) {
    const at = kind?.column ?? column + text.length;
    return fail('BAD_HEADER', at, `unknown problem type ${excerpt(kind?.text ?? '')}: expected "cnf" or "wcnf"`);
  }
  const isWcnf = kind.text === 'wcnf';
  const numbers = tokens.slice(2);
  const expected = isWcnf ? '2 or 3 numbers (VARS CLAUSES [TOP])' : '2 numbers (VARS CLAUSES)';
  if (numbers.length < 2 || numbers.length > (isWcnf ? 3 : 2)) {
    const at = numbers[isWcnf ? 3 : 2]?.column ?? column + text.length;
    return fail('BAD_HEADER', at, `"p ${kind.text}" takes ${expected}, got ${numbers.length}`);
  }
  for (const t of numbers) {
    if (!/^[0-9]+$/.test(t.text)) return fail('BAD_HEADER', t.column, `${excerpt(t.text)} is not a non-negative integer`);
  }
  const [varsTok, clausesTok, topTok] = numbers;
  const vars = Number(varsTok.text);
  if (vars > MAX_VARIABLE) {
    return fail('INT_OVERFLOW', varsTok.column, `variable count ${excerptNumber(varsTok.text)} exceeds ${MAX_VARIABLE}`);
  }
  const clauses = Number(clausesTok.text);
  if (!Number.isSafeInteger(clauses)) {
    return fail('INT_OVERFLOW', clausesTok.column, `clause count ${excerptNumber(clausesTok.text)} exceeds 2^53 - 1`);
  }
  let top: bigint | null = null;
  if (topTok !== undefined) {
    const digits = topTok.text.replace(/^0+(?=.)/, '');
    top = digits.length > MAX_DIGITS ? MAX_WEIGHT + 1n : BigInt(digits);
    if (top > MAX_WEIGHT) return fail('INT_OVERFLOW', topTok.column, `top ${excerptNumber(topTok.text)} exceeds 2^64 - 1`);
    if (top === 0n) return fail('BAD_WEIGHT', topTok.column, 'top must be at least 1');
  }
  return { format: isWcnf ? 'wcnf-old' : 'cnf', vars, clauses, top };
}

export function isHeader(value: DimacsHeader | ParseIssue): value is DimacsHeader {
  return !('code' in value);
}
