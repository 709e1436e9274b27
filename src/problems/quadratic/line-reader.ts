// Reads the integers of text files made of number lines (rudy, Biq Mac, OR-Library, DIMACS .col) straight from bytes.

import type { ParseIssue, ParseIssueCode, ParseResult } from '../../common/parse-result.js';

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
const HASH = 0x23;
const LOWER_C = 0x63;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

/** Magnitudes up to this read exactly as doubles; larger ones read as ±Infinity (see `exactValue`). */
const MAX_FLOAT_MAGNITUDE = Number.MAX_SAFE_INTEGER;
/** One past what a triplet line needs, so a surplus number can be pointed at. */
export const MAX_TOKENS = 4;
/** Largest magnitude `exactValue` returns: the DIMACS weight limit, 2^64 − 1. */
export const MAX_EXACT_MAGNITUDE = 2n ** 64n - 1n;
const MAX_EXACT_DIGITS = 20;

/** `tagged`: a line may open with a one-letter type (`p`, `e`, …) and then one word (`edge`) before its numbers. */
export interface LineReaderOptions {
  readonly tagged?: boolean;
}

/**
 * Loads one non-blank, non-comment line (`c` or `#` first) at a time and keeps its first
 * MAX_TOKENS integers with their 1-based byte columns; builds no strings. CR and trailing blanks
 * are whitespace, so CRLF files read like LF files. Tagged readers (DIMACS `.col`) also load lines
 * that hold only a type letter, so the caller can reject them.
 */
export class LineReader {
  line = 0;
  /** Numbers on the current line; only the first MAX_TOKENS are kept. */
  count = 0;
  /** A magnitude beyond 2^53 − 1 reads as ±Infinity; `exactValue` recovers it. */
  readonly values = new Float64Array(MAX_TOKENS);
  readonly columns = new Int32Array(MAX_TOKENS);
  /** Column just past the line's last number (or tag and word): where a missing number belongs. */
  endColumn = 1;
  private readonly digitsAt = new Int32Array(MAX_TOKENS);
  private readonly digitsEnd = new Int32Array(MAX_TOKENS);
  /** Tagged readers: the line's type letter (a byte, e.g. 0x65 for `e`), 0 when it has none. */
  tag = 0;
  tagColumn = 0;
  /** Tagged readers: column of the word after the type letter, 0 when there is none. */
  wordColumn = 0;
  private wordEnd = 0;
  private pos = 0;
  private lineStart = 0;
  private readonly tagged: boolean;

  constructor(
    private readonly bytes: Uint8Array,
    options: LineReaderOptions = {},
  ) {
    this.tagged = options.tagged === true;
  }

  /** true: a line with numbers (or, tagged, a type letter) is loaded; false: end of input; an issue: a stray byte (line skipped). */
  next(): boolean | ParseIssue {
    while (this.pos < this.bytes.length) {
      this.line++;
      this.lineStart = this.pos;
      this.count = 0;
      this.endColumn = 1;
      this.tag = 0;
      this.tagColumn = 0;
      this.wordColumn = 0;
      const problem = this.scanLine();
      this.skipPast(NL);
      if (problem !== null) return problem;
      if (this.count > 0 || this.tag !== 0) return true;
    }
    return false;
  }

  /** Number `k` of the current line as an exact integer; null when its magnitude exceeds 2^64 − 1. */
  exactValue(k: number): bigint | null {
    const v = this.values[k];
    if (Number.isFinite(v)) return BigInt(v);
    let from = this.digitsAt[k];
    const to = this.digitsEnd[k];
    while (from < to - 1 && this.bytes[from] === ZERO) from++;
    if (to - from > MAX_EXACT_DIGITS) return null;
    let magnitude = 0n;
    for (let p = from; p < to; p++) magnitude = magnitude * 10n + BigInt(this.bytes[p] - ZERO);
    if (magnitude > MAX_EXACT_MAGNITUDE) return null;
    return v < 0 ? -magnitude : magnitude;
  }

  /** The word after the type letter ('' when none); only tagged readers see words. */
  word(): string {
    if (this.wordColumn === 0) return '';
    const from = this.lineStart + this.wordColumn - 1;
    return String.fromCharCode(...this.bytes.subarray(from, Math.min(this.wordEnd, from + 16)));
  }

  private scanLine(): ParseIssue | null {
    this.skipBlanks();
    const first = this.bytes[this.pos];
    if (first === LOWER_C || first === HASH) return null; // comment line
    if (this.tagged && isLetter(first)) {
      const problem = this.scanTag();
      if (problem !== null) return problem;
    }
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
      if (magnitude > MAX_FLOAT_MAGNITUDE) magnitude = Infinity; // rounding is monotone, so this test is exact
    }
    if (this.pos === digitsAt && negative && this.atSeparator()) {
      return errorAt('UNEXPECTED_CHAR', this.line, column, "'-' is not followed by a digit");
    }
    if (this.pos === digitsAt || !this.atSeparator()) {
      return errorAt('UNEXPECTED_CHAR', this.line, this.column(), `unexpected ${describeByte(b[this.pos])}`);
    }
    if (this.count < MAX_TOKENS) {
      this.values[this.count] = negative && magnitude !== 0 ? -magnitude : magnitude;
      this.columns[this.count] = column;
      this.digitsAt[this.count] = digitsAt;
      this.digitsEnd[this.count] = this.pos;
    }
    this.count++;
    this.endColumn = this.column();
    return null;
  }

  /** A type letter, then optionally one word of letters, each ending at a separator. */
  private scanTag(): ParseIssue | null {
    this.tag = this.bytes[this.pos];
    this.tagColumn = this.column();
    this.pos++;
    if (!this.atSeparator()) return this.strayByte();
    this.endColumn = this.column();
    this.skipBlanks();
    if (!isLetter(this.bytes[this.pos])) return null;
    this.wordColumn = this.column();
    while (isLetter(this.bytes[this.pos])) this.pos++;
    this.wordEnd = this.pos;
    if (!this.atSeparator()) return this.strayByte();
    this.endColumn = this.column();
    this.skipBlanks();
    return null;
  }

  private strayByte(): ParseIssue {
    return errorAt('UNEXPECTED_CHAR', this.line, this.column(), `unexpected ${describeByte(this.bytes[this.pos])}`);
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

/** True when the input holds nothing but whitespace. */
export function isBlank(bytes: Uint8Array): boolean {
  for (const c of bytes) {
    if (c !== SPACE && c !== TAB && c !== CR && c !== NL) return false;
  }
  return true;
}

function isLetter(byte: number | undefined): boolean {
  return byte !== undefined && byte >= LOWER_A && byte <= LOWER_Z;
}

function describeByte(byte: number | undefined): string {
  if (byte === undefined) return 'end of input';
  if (byte > 0x20 && byte < 0x7f) return `character '${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

export function errorAt(code: ParseIssueCode, line: number, column: number, message: string): ParseIssue {
  return { code, severity: 'error', line, column, message };
}

export function warningAt(code: ParseIssueCode, line: number, column: number, message: string): ParseIssue {
  return { code, severity: 'warning', line, column, message };
}

/** Issues in reading order, as every parser reports them. */
export function failed<T>(issues: readonly ParseIssue[]): ParseResult<T> {
  return { ok: false, issues: [...issues].sort((a, b) => a.line - b.line || a.column - b.column) };
}
