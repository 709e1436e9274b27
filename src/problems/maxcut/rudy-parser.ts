// Parses Max-Cut graphs in rudy format (`n m`, then one `i j w` line per edge) straight from bytes.

import type { ParseIssue, ParseIssueCode, ParseResult } from '../../common/parse-result.js';
import type { WeightedGraph } from './graph.js';

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
const HASH = 0x23;
const LOWER_C = 0x63;
const ZERO = 0x30;
const NINE = 0x39;

const MAX_INT32 = 2 ** 31 - 1;
/** Weights must stay exact as doubles, so cut values computed from them are exact too. */
const MAX_WEIGHT = Number.MAX_SAFE_INTEGER;
/** One past what an edge line needs, so a surplus number can be pointed at. */
const MAX_TOKENS = 4;
const MAX_ISSUES = 20;
/** An edge line holds three numbers, so it takes at least 5 bytes ("1 2 1"). */
const MIN_EDGE_BYTES = 5;

interface Header {
  readonly n: number;
  readonly m: number;
  readonly line: number;
  readonly mColumn: number;
}

export function parseRudy(bytes: Uint8Array): ParseResult<WeightedGraph> {
  if (isBlank(bytes)) return failed([issue('EMPTY_INPUT', 0, 0, 'input is empty or only whitespace')]);
  const reader = new LineReader(bytes);
  const header = readHeader(reader);
  if ('code' in header) return failed([header]);
  return readEdges(reader, header, Math.min(header.m, Math.floor(bytes.length / MIN_EDGE_BYTES) + 1));
}

/** Reads the numbers of one non-blank, non-comment line at a time; keeps no strings. */
class LineReader {
  line = 0;
  /** Numbers on the current line; only the first MAX_TOKENS are kept. */
  count = 0;
  readonly values = new Float64Array(MAX_TOKENS); // a magnitude beyond MAX_WEIGHT reads as ±Infinity
  readonly columns = new Int32Array(MAX_TOKENS);
  /** Column just past the line's last number: where a missing number belongs. */
  endColumn = 1;
  private pos = 0;
  private lineStart = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** true: a line with numbers is loaded; false: end of input; an issue: a stray byte (line skipped). */
  next(): boolean | ParseIssue {
    while (this.pos < this.bytes.length) {
      this.line++;
      this.lineStart = this.pos;
      this.count = 0;
      this.endColumn = 1;
      const problem = this.scanLine();
      this.skipPast(NL);
      if (problem !== null) return problem;
      if (this.count > 0) return true;
    }
    return false;
  }

  private scanLine(): ParseIssue | null {
    this.skipBlanks();
    const first = this.bytes[this.pos];
    if (first === LOWER_C || first === HASH) return null; // comment line
    while (this.pos < this.bytes.length && this.bytes[this.pos] !== NL) {
      const problem = this.scanNumber();
      if (problem !== null) return problem;
      this.skipBlanks();
    }
    return null;
  }

  private scanNumber(): ParseIssue | null {
    const b = this.bytes;
    const column = this.column();
    const negative = b[this.pos] === MINUS;
    if (negative) this.pos++;
    const digitsAt = this.pos;
    let magnitude = 0;
    for (; this.pos < b.length && b[this.pos] >= ZERO && b[this.pos] <= NINE; this.pos++) {
      magnitude = magnitude * 10 + (b[this.pos] - ZERO);
      if (magnitude > MAX_WEIGHT) magnitude = Infinity; // rounding is monotone, so this test is exact
    }
    if (this.pos === digitsAt && negative && this.atSeparator()) {
      return issue('UNEXPECTED_CHAR', this.line, column, "'-' is not followed by a digit");
    }
    if (this.pos === digitsAt || !this.atSeparator()) {
      return issue('UNEXPECTED_CHAR', this.line, this.column(), `unexpected ${describe(b[this.pos])}`);
    }
    if (this.count < MAX_TOKENS) {
      this.values[this.count] = negative && magnitude !== 0 ? -magnitude : magnitude;
      this.columns[this.count] = column;
    }
    this.count++;
    this.endColumn = this.column();
    return null;
  }

  private atSeparator(): boolean {
    if (this.pos >= this.bytes.length) return true;
    const c = this.bytes[this.pos];
    return c === SPACE || c === TAB || c === CR || c === NL;
  }

  private skipBlanks(): void {
    const b = this.bytes;
    while (this.pos < b.length && (b[this.pos] === SPACE || b[this.pos] === TAB || b[this.pos] === CR)) this.pos++;
  }

  private skipPast(byte: number): void {
    const at = this.bytes.indexOf(byte, this.pos);
    this.pos = at < 0 ? this.bytes.length : at + 1;
  }

  private column(): number {
    return this.pos - this.lineStart + 1;
  }
}

function readHeader(r: LineReader): Header | ParseIssue {
  const got = r.next();
  if (got === false) return issue('NO_HEADER', 0, 0, 'no header line `n m` (input holds only comments)');
  if (got !== true) return got;
  if (r.count !== 2) {
    const column = r.count > 2 ? r.columns[2] : r.endColumn;
    return issue('BAD_HEADER', r.line, column, `header needs exactly two numbers \`n m\`, found ${r.count}`);
  }
  for (let k = 0; k < 2; k++) {
    const what = k === 0 ? 'node count' : 'edge count';
    if (Math.abs(r.values[k]) > MAX_INT32) return issue('INT_OVERFLOW', r.line, r.columns[k], `${what} exceeds 2^31-1`);
    if (r.values[k] < 0) return issue('BAD_HEADER', r.line, r.columns[k], `${what} is negative`);
  }
  return { n: r.values[0], m: r.values[1], line: r.line, mColumn: r.columns[1] };
}

function readEdges(r: LineReader, h: Header, capacity: number): ParseResult<WeightedGraph> {
  const from = new Int32Array(capacity);
  const to = new Int32Array(capacity);
  const weight = new Float64Array(capacity);
  const issues: ParseIssue[] = [];
  let lines = 0;
  let firstSurplus: { line: number; column: number } | null = null;
  for (let got = r.next(); got !== false && issues.length < MAX_ISSUES; got = r.next()) {
    lines++;
    if (lines === h.m + 1) firstSurplus = { line: r.line, column: got === true ? r.columns[0] : 1 };
    const problem = got === true ? checkEdge(r, h.n) : got;
    if (problem !== null) issues.push(problem);
    else if (lines <= capacity) { // lines beyond capacity are surplus or follow bad lines: failed anyway
      from[lines - 1] = r.values[0] - 1;
      to[lines - 1] = r.values[1] - 1;
      weight[lines - 1] = r.values[2];
    }
  }
  // a truncated scan knows no true line count, so it cannot judge the declared one
  if (issues.length < MAX_ISSUES && lines !== h.m) issues.push(countMismatch(h, lines, firstSurplus));
  if (issues.length > 0) return failed(issues.sort((a, b) => a.line - b.line || a.column - b.column));
  const graph: WeightedGraph = { numNodes: h.n, numEdges: lines, from, to, weight };
  return { ok: true, value: graph, warnings: [] };
}

function checkEdge(r: LineReader, n: number): ParseIssue | null {
  if (r.count !== 3) {
    const column = r.count > 3 ? r.columns[3] : r.endColumn;
    return issue('BAD_EDGE', r.line, column, `an edge line needs exactly three numbers \`i j w\`, found ${r.count}`);
  }
  for (let k = 0; k < 2; k++) {
    const v = r.values[k];
    if (Math.abs(v) > MAX_INT32) return issue('INT_OVERFLOW', r.line, r.columns[k], 'vertex exceeds 2^31-1');
    if (v < 1 || v > n) return issue('BAD_EDGE', r.line, r.columns[k], `vertex ${v} is outside 1..${n}`);
  }
  if (!Number.isFinite(r.values[2])) {
    return issue('INT_OVERFLOW', r.line, r.columns[2], 'weight magnitude exceeds 2^53-1');
  }
  if (r.values[0] === r.values[1]) {
    return issue('BAD_EDGE', r.line, r.columns[1], `self loop on vertex ${r.values[0]}`);
  }
  return null;
}

/** Too many edges: point at the first surplus line. Too few: point at the declared count. */
function countMismatch(h: Header, lines: number, surplus: { line: number; column: number } | null): ParseIssue {
  const message = `header declares ${h.m} edges but ${lines} edge lines follow`;
  if (surplus !== null) return issue('EDGE_COUNT_MISMATCH', surplus.line, surplus.column, message);
  return issue('EDGE_COUNT_MISMATCH', h.line, h.mColumn, message);
}

function isBlank(bytes: Uint8Array): boolean {
  for (const c of bytes) {
    if (c !== SPACE && c !== TAB && c !== CR && c !== NL) return false;
  }
  return true;
}

function describe(byte: number | undefined): string {
  if (byte === undefined) return 'end of input';
  if (byte > 0x20 && byte < 0x7f) return `character '${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

function issue(code: ParseIssueCode, line: number, column: number, message: string): ParseIssue {
  return { code, severity: 'error', line, column, message };
}

function failed(issues: readonly ParseIssue[]): ParseResult<WeightedGraph> {
  return { ok: false, issues };
}
