// Reads assignments the way solvers print them: a 0/1 string, or a literal list, or `v` lines.

import { excerpt, excerptNumber } from '../../common/excerpt.js';
import type { ParseIssue, ParseResult } from '../../common/parse-result.js';
import { valueTokens, type Token } from '../assignment-tokens.js';

function issue(token: Token | undefined, severity: ParseIssue['severity'], message: string): ParseIssue {
  return { code: 'BAD_ASSIGNMENT', severity, line: token?.line ?? 0, column: token?.column ?? 0, message };
}

function bad(token: Token | undefined, message: string): ParseResult<never> {
  return { ok: false, issues: [issue(token, 'error', message)] };
}

export interface AssignmentOptions {
  /**
   * Values past the variable count (a longer 0/1 string, literals of higher variables): ignored
   * with a warning, as the MaxSAT Evaluation checker ignores them, instead of an error.
   */
  readonly ignoreExtraValues?: boolean;
}

/**
 * Accepts `0101…` (one character per variable, as in MaxSAT Evaluation `v` lines since 2022)
 * or a list of signed literals (`1 -2 3 0`; variables not listed are false).
 */
export function parseAssignment(text: string, numVars: number, options: AssignmentOptions = {}): ParseResult<Uint8Array> {
  const tokens = valueTokens(text);
  const values = new Uint8Array(numVars);
  const ignored = (token: Token, what: string) => issue(token, 'warning', `${what}; values past ${numVars} are ignored`);
  if (tokens.length === 1 && /^[01]+$/.test(tokens[0].text) && (tokens[0].text.length === numVars || tokens[0].text.length > 1)) {
    const bits = tokens[0].text;
    const extra = bits.length > numVars && options.ignoreExtraValues === true;
    if (bits.length !== numVars && !extra) return bad(tokens[0], `${bits.length} values given for ${numVars} variables`);
    for (let i = 0; i < numVars; i++) values[i] = bits.charCodeAt(i) - 48;
    const warnings = extra ? [ignored(tokens[0], `the model has ${bits.length} values for ${numVars} variables`)] : [];
    return { ok: true, value: values, warnings };
  }
  const seen = new Int8Array(numVars);
  const warnings: ParseIssue[] = [];
  for (const token of tokens) {
    if (!/^-?[0-9]+$/.test(token.text)) return bad(token, `${excerpt(token.text)} is neither a literal nor a 0/1 string`);
    const lit = Number(token.text);
    if (lit === 0) continue;
    const v = Math.abs(lit);
    if (v > numVars) {
      const what = `literal ${excerptNumber(token.text)} names a variable beyond ${numVars}`;
      if (options.ignoreExtraValues !== true) return bad(token, what);
      if (warnings.length === 0) warnings.push(ignored(token, what)); // one warning per model, at the first
      continue;
    }
    const sign = lit > 0 ? 1 : -1;
    if (seen[v - 1] === -sign) return bad(token, `variable ${v} is given both values`);
    seen[v - 1] = sign;
    values[v - 1] = lit > 0 ? 1 : 0;
  }
  return { ok: true, value: values, warnings };
}

/** The 2022+ MaxSAT Evaluation `v` line payload: one 0/1 character per variable. */
export function formatAssignment(assignment: Uint8Array): string {
  return Buffer.from(assignment.map((b) => 48 + b)).toString('latin1');
}

/** A binary family's assignment text (ProblemFamily.parseAssignment/formatAssignment), given how it counts variables. */
export function binaryAssignmentText<I>(variables: (inst: I) => number) {
  return {
    parseAssignment: (inst: I, text: string, options?: AssignmentOptions) => parseAssignment(text, variables(inst), options),
    formatAssignment,
  };
}
