// The shape rudy, Biq Mac and OR-Library files share: a count line, then `i j value` lines.

import type { ParseIssue, ParseIssueCode } from '../../common/parse-result.js';
import { errorAt, type LineReader } from './line-reader.js';

const MAX_INT32 = 2 ** 31 - 1;
/** A scan stops collecting after this many errors (the rest of the input is not judged). */
export const MAX_ISSUES = 20;
/** A triplet line holds three numbers, so it takes at least 5 bytes ("1 2 1"): bounds reservations. */
export const MIN_TRIPLET_BYTES = 5;

/** A count line: `k` non-negative numbers below 2^31. */
export interface CountLine {
  readonly values: readonly number[];
  readonly line: number;
  readonly columns: readonly number[];
}

/**
 * Reads the next line as a count line naming `names` (e.g. ['node count', 'edge count']). When
 * `loaded` the reader already holds the line (a section that ended at it); `false` when the
 * input ended before it.
 */
export function readCounts(r: LineReader, names: readonly string[], loaded = false): CountLine | ParseIssue | false {
  const got = loaded ? true : r.next();
  if (got !== true) return got;
  const k = names.length;
  if (r.count !== k) {
    const column = r.count > k ? r.columns[k] : r.endColumn;
    const noun = k === 1 ? 'one number' : `exactly ${k} numbers`;
    return errorAt('BAD_HEADER', r.line, column, `a ${names.join(' and ')} line needs ${noun}, found ${r.count}`);
  }
  for (let t = 0; t < k; t++) {
    if (Math.abs(r.values[t]) > MAX_INT32) return errorAt('INT_OVERFLOW', r.line, r.columns[t], `${names[t]} exceeds 2^31-1`);
    if (r.values[t] < 0) return errorAt('BAD_HEADER', r.line, r.columns[t], `${names[t]} is negative`);
  }
  return { values: Array.from(r.values.subarray(0, k)), line: r.line, columns: Array.from(r.columns.subarray(0, k)) };
}

/** How one family's triplet lines are named, checked and stored. */
export interface TripletSpec {
  /** What a line is (`edge`, `term`) and what its first two numbers are (`vertex`, `variable`). */
  readonly noun: string;
  readonly indexNoun: string;
  /** The pattern quoted in messages, e.g. '`i j w`'. */
  readonly pattern: string;
  readonly lineCode: ParseIssueCode;
  readonly countCode: ParseIssueCode;
  /** A line of exactly two numbers ends the section (the next instance's header) instead of being bad. */
  readonly endsAtPair: boolean;
  /**
   * Judges the value of triplet `index` (0-based `i`, `j`, already in range) and stores it; an
   * error rejects the input, a warning is passed on. Storage may stop at a capacity: lines past
   * the declared count fail the parse anyway.
   */
  accept(index: number, i: number, j: number, r: LineReader): ParseIssue | null;
}

export interface Section {
  /** Triplet lines read, good or bad. */
  readonly lines: number;
  readonly errors: readonly ParseIssue[];
  readonly warnings: readonly ParseIssue[];
  /** The reader holds a two-number line that ended the section (only with `endsAtPair`). */
  readonly endedAtPair: boolean;
}

/** Reads triplet lines up to the end of input (or a pair line) and judges the declared count. */
export function readTriplets(r: LineReader, n: number, header: CountLine, spec: TripletSpec): Section {
  const m = header.values[1];
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [];
  let lines = 0;
  let endedAtPair = false;
  let firstSurplus: { line: number; column: number } | null = null;
  for (let got = r.next(); got !== false && errors.length < MAX_ISSUES; got = r.next()) {
    if (got === true && r.count === 2 && spec.endsAtPair) {
      endedAtPair = true;
      break;
    }
    lines++;
    if (lines === m + 1) firstSurplus = { line: r.line, column: got === true ? r.columns[0] : 1 };
    const problem = got === true ? checkTriplet(r, n, spec, lines - 1) : got;
    if (problem === null) continue;
    if (problem.severity === 'warning') warnings.push(problem);
    else errors.push(problem);
  }
  // a truncated scan knows no true line count, so it cannot judge the declared one
  if (errors.length < MAX_ISSUES && lines !== m) errors.push(countMismatch(header, lines, firstSurplus, spec));
  return { lines, errors, warnings, endedAtPair };
}

function checkTriplet(r: LineReader, n: number, spec: TripletSpec, index: number): ParseIssue | null {
  if (r.count !== 3) {
    const column = r.count > 3 ? r.columns[3] : r.endColumn;
    return errorAt(spec.lineCode, r.line, column, `${article(spec.noun)} line needs exactly three numbers ${spec.pattern}, found ${r.count}`);
  }
  for (let k = 0; k < 2; k++) {
    const v = r.values[k];
    if (Math.abs(v) > MAX_INT32) return errorAt('INT_OVERFLOW', r.line, r.columns[k], `${spec.indexNoun} exceeds 2^31-1`);
    if (v < 1 || v > n) return errorAt(spec.lineCode, r.line, r.columns[k], `${spec.indexNoun} ${v} is outside 1..${n}`);
  }
  return spec.accept(index, r.values[0] - 1, r.values[1] - 1, r);
}

/** Too many lines: point at the first surplus line. Too few: point at the declared count. */
function countMismatch(h: CountLine, lines: number, surplus: { line: number; column: number } | null, spec: TripletSpec): ParseIssue {
  const message = `header declares ${h.values[1]} ${spec.noun}s but ${lines} ${spec.noun} lines follow`;
  if (surplus !== null) return errorAt(spec.countCode, surplus.line, surplus.column, message);
  return errorAt(spec.countCode, h.line, h.columns[1], message);
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
