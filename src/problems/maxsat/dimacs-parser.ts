// Streaming byte-level DIMACS parser for CNF, old WCNF and 2022 WCNF; push chunks, then finish.

import type { ParseIssue, ParseIssueCode, ParseResult } from '../../common/parse-result.js';
import { isHeader, MAX_VARIABLE, MAX_WEIGHT, parseHeaderLine, type DimacsHeader } from './dimacs-header.js';
import type { DimacsFormat, MaxSatInstance } from './instance.js';
import { InstanceBuilder } from './instance-builder.js';
import { formatFromFileName, resolveLimits, type ParseLimits, type ParseOptions } from './parse-options.js';

const enum Mode {
  Scan,
  Comment,
  Header,
  AfterH,
  Done,
  Failed,
}

const NL = 10;
const BOM = [0xef, 0xbb, 0xbf];
const BIG_SWITCH = 900719925474098; // acc * 10 + 9 stays below 2^53 up to here
const MAX_WARNINGS = 50;
const MAX_HEADER_CHARS = 4096;
/** Clauses reserved up front for a header when the input size is unknown; growth covers the rest. */
const RESERVE_WITHOUT_HINT = 1 << 20;

/** How many of the first bytes of `head` match the byte order mark. */
function bomPrefixLength(head: Uint8Array): number {
  let i = 0;
  while (i < BOM.length && i < head.length && head[i] === BOM[i]) i++;
  return i;
}

function describeByte(b: number): string {
  return b >= 0x21 && b <= 0x7e ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`;
}

export class DimacsParser {
  private readonly strict: boolean;
  private readonly limits: ParseLimits;
  private readonly explicitFormat: DimacsFormat | null;
  private readonly hintFormat: DimacsFormat | null;
  private readonly sizeHint: number | undefined;
  private readonly builder = new InstanceBuilder();
  private readonly warnings: ParseIssue[] = [];
  private error: ParseIssue | null = null;
  /** The first bytes while they could still be a UTF-8 byte order mark; null once decided. */
  private bomHead: Uint8Array | null = new Uint8Array(0);

  private format: DimacsFormat | null = null;
  private guessedFormat = false;
  private header: DimacsHeader | null = null;
  private headerLine = 0;
  private headerColumn = 0;
  private headerText = '';
  private firstHeaderLine = 0;
  private sawContent = false;
  private sawHardMarker = false;
  private warnedRange = false;

  private mode = Mode.Scan;
  private base = 0;
  private line = 1;
  private lineStart = 0;
  private atLineStart = true;

  private inNum = false;
  private neg = false;
  private acc = 0;
  private big: bigint | null = null;
  private tokLine = 0;
  private tokCol = 0;

  private clauseOpen = false;
  private curHard = false;
  private curWeight: number | bigint = 1;
  private clauseLine = 0;
  private clauseCol = 0;

  constructor(options: ParseOptions = {}) {
    this.strict = (options.mode ?? 'strict') === 'strict';
    this.limits = resolveLimits(options.limits);
    this.explicitFormat = options.format === undefined || options.format === 'auto' ? null : options.format;
    this.hintFormat = formatFromFileName(options.fileName);
    this.sizeHint = options.sizeHint;
  }

  /** The format once the header or the first clause has settled it; it does not change after. */
  get knownFormat(): DimacsFormat | null {
    return this.format;
  }

  /** Whether an error has stopped the parser (finish() then reports it). */
  get failed(): boolean {
    return this.error !== null;
  }

  /** Feeds the next bytes; returns false once the parser needs no more input. */
  push(chunk: Uint8Array): boolean {
    if (!this.running()) return false;
    if (this.bomHead !== null) {
      // The first bytes could still be a byte order mark: held until they tell, whatever the chunks.
      const head = this.bomHead.length === 0 ? chunk : Buffer.concat([this.bomHead, chunk]);
      const matched = bomPrefixLength(head);
      if (matched === head.length && matched < BOM.length) {
        this.bomHead = head;
        return true;
      }
      this.bomHead = null;
      return this.feed(head, matched === BOM.length ? BOM.length : 0);
    }
    return this.feed(chunk, 0);
  }

  /** Parses `chunk` from `i` on; its bytes before `i` (a byte order mark) count for positions only. */
  private feed(chunk: Uint8Array, i: number): boolean {
    if (this.base + chunk.length > this.limits.maxBytes) {
      this.fail('LIMIT_EXCEEDED', 0, 0, `input exceeds the limit of ${this.limits.maxBytes} bytes`);
      return false;
    }
    const n = chunk.length;
    while (i < n && this.running()) {
      if (this.mode === Mode.Scan) i = this.scan(chunk, i);
      else if (this.mode === Mode.Comment) i = this.skipComment(chunk, i);
      else if (this.mode === Mode.Header) i = this.collectHeader(chunk, i);
      else i = this.afterH(chunk, i);
    }
    this.base += n;
    return this.running();
  }

  private running(): boolean {
    return this.mode !== Mode.Done && this.mode !== Mode.Failed;
  }

  finish(): ParseResult<MaxSatInstance> {
    const head = this.bomHead;
    this.bomHead = null;
    // The start of a byte order mark and nothing after: content after all.
    if (head !== null && head.length > 0 && this.running()) this.feed(head, 0);
    if (this.mode === Mode.Header) this.applyHeader();
    if (this.mode !== Mode.Failed) this.endToken();
    if (this.mode !== Mode.Failed) this.checkEnd();
    if (this.error !== null) return { ok: false, issues: [this.error] };
    const numVars = this.header === null ? this.builder.maxVar : Math.max(this.header.vars, this.builder.maxVar);
    const value = this.builder.seal({
      format: this.format ?? this.explicitFormat ?? this.hintFormat ?? 'wcnf',
      numVars,
      top: this.header?.top ?? null,
      declaredVars: this.header?.vars ?? null,
      declaredClauses: this.header?.clauses ?? null,
    });
    return { ok: true, value, warnings: this.warnings };
  }

  /** The hot loop: numbers, whitespace and clause structure; returns where it stopped. */
  private scan(buf: Uint8Array, i: number): number {
    const n = buf.length;
    let acc = this.acc;
    let inNum = this.inNum;
    for (; i < n; i++) {
      const b = buf[i];
      if (b >= 48 && b <= 57) {
        if (!inNum) {
          if (!this.neg) this.startToken(i);
          inNum = true;
          acc = b - 48;
          this.big = null;
        } else if (acc <= BIG_SWITCH) {
          acc = acc * 10 + (b - 48);
        } else if (!this.bigDigit(acc, b - 48)) {
          this.inNum = true;
          return i + 1;
        }
        continue;
      }
      this.acc = acc;
      this.inNum = inNum;
      if (b === 32 || b === NL || b === 9 || b === 13 || b === 11 || b === 12) {
        if (inNum || this.neg) {
          this.endToken();
          inNum = false;
        }
        if (b === NL) {
          this.line++;
          this.lineStart = this.base + i + 1;
          this.atLineStart = true;
        }
      } else if (!this.special(b, i)) {
        return i + 1;
      }
      if (this.mode !== Mode.Scan) return i + 1;
    }
    this.acc = acc;
    this.inNum = inNum;
    return n;
  }

  /** Everything that is not a digit or white space. Returns false when scanning must stop. */
  private special(b: number, i: number): boolean {
    const col = this.base + i - this.lineStart + 1;
    const lineStart = this.atLineStart;
    this.atLineStart = false;
    if (lineStart && b === 0x63 /* c */) {
      this.mode = Mode.Comment;
      return false;
    }
    if (lineStart && b === 0x70 /* p */) {
      this.mode = Mode.Header;
      this.headerLine = this.line;
      this.headerColumn = col;
      this.headerText = 'p';
      return false;
    }
    if (lineStart && b === 0x25 /* % */) {
      this.mode = Mode.Done;
      return false;
    }
    if (b === 0x2d /* - */ && !this.inNum && !this.neg) {
      this.startToken(i);
      this.neg = true;
      return true;
    }
    if (b === 0x68 /* h */ && !this.inNum && !this.neg && !this.clauseOpen) {
      this.hardMarker(i);
      return this.mode !== Mode.Failed;
    }
    if (this.inNum && this.weightExpected()) {
      this.fail('BAD_WEIGHT', this.tokLine, this.tokCol, `weight must be a non-negative integer (found ${describeByte(b)} in it)`);
      return false;
    }
    const what = b === 0x2d ? 'a "-" must start a literal' : `unexpected ${describeByte(b)}`;
    this.fail('UNEXPECTED_CHAR', this.line, col, what);
    return false;
  }

  /**
   * A digit past 2^53: the exact value goes on as a bigint, which stays at most 21 digits long since
   * a number above 2^64 - 1 (the largest weight, and above any variable) fails at once. Returns false
   * once failed, so a long digit run costs constant work per digit and is not read to its end.
   */
  private bigDigit(acc: number, digit: number): boolean {
    const big = (this.big ?? BigInt(acc)) * 10n + BigInt(digit);
    this.big = big;
    if (big <= MAX_WEIGHT) return true;
    const start = `${this.neg ? '-' : ''}${big}`;
    if (!this.weightExpected()) {
      this.fail('INT_OVERFLOW', this.tokLine, this.tokCol, `a variable that starts ${start} exceeds ${MAX_VARIABLE}`);
    } else if (this.neg) {
      this.fail('BAD_WEIGHT', this.tokLine, this.tokCol, 'weight must not be negative');
    } else {
      this.fail('INT_OVERFLOW', this.tokLine, this.tokCol, `a weight that starts ${start} exceeds 2^64 - 1`);
    }
    return false;
  }

  private startToken(i: number): void {
    this.tokLine = this.line;
    this.tokCol = this.base + i - this.lineStart + 1;
    this.atLineStart = false;
    if (this.format === null) this.resolveFormatFromContent();
  }

  private endToken(): void {
    if (this.neg && !this.inNum) {
      this.fail('UNEXPECTED_CHAR', this.tokLine, this.tokCol, 'a "-" must be followed by digits');
      return;
    }
    if (!this.inNum) return;
    this.inNum = false;
    if (this.weightExpected()) this.takeWeight();
    else this.takeLiteral();
    this.neg = false;
  }

  private weightExpected(): boolean {
    return this.format !== 'cnf' && !this.clauseOpen;
  }

  private takeWeight(): void {
    if (this.neg) {
      this.fail('BAD_WEIGHT', this.tokLine, this.tokCol, 'weight must not be negative');
      return;
    }
    const weight: number | bigint = this.big ?? this.acc;
    if (typeof weight === 'bigint' && weight > MAX_WEIGHT) {
      this.fail('INT_OVERFLOW', this.tokLine, this.tokCol, `weight ${weight} exceeds 2^64 - 1`);
      return;
    }
    const top = this.header?.top ?? null;
    this.openClause();
    this.curHard = top !== null && BigInt(weight) >= top;
    this.curWeight = weight;
  }

  private takeLiteral(): void {
    if (this.big === null && this.acc === 0) {
      if (this.neg) this.fail('NEGATIVE_ZERO', this.tokLine, this.tokCol, '"-0" is not a literal; a clause ends with "0"');
      else this.closeClause();
      return;
    }
    const v = this.acc;
    if (this.big !== null || v > MAX_VARIABLE) {
      this.fail('INT_OVERFLOW', this.tokLine, this.tokCol, `variable ${this.big ?? v} exceeds ${MAX_VARIABLE}`);
      return;
    }
    if (v > this.limits.maxVariables) {
      this.fail('LIMIT_EXCEEDED', this.tokLine, this.tokCol, `variable ${v} exceeds the limit of ${this.limits.maxVariables} variables`);
      return;
    }
    if (this.header !== null && v > this.header.vars) this.outOfRange(v);
    if (this.mode === Mode.Failed) return;
    if (!this.clauseOpen) this.openClause();
    this.builder.addLiteral(this.neg ? -v : v);
    if (this.builder.literalCount > this.limits.maxLiterals) {
      this.fail('LIMIT_EXCEEDED', this.tokLine, this.tokCol, `more than ${this.limits.maxLiterals} literals`);
    }
  }

  private outOfRange(v: number): void {
    const message = `variable ${v} is out of range: the header declares ${this.header?.vars} variables`;
    if (this.strict) this.fail('LITERAL_OUT_OF_RANGE', this.tokLine, this.tokCol, message);
    else if (!this.warnedRange) {
      this.warnedRange = true;
      this.warn('LITERAL_OUT_OF_RANGE', this.tokLine, this.tokCol, `${message}; the variable count grows to fit`);
    }
  }

  private openClause(): void {
    this.clauseOpen = true;
    this.clauseLine = this.tokLine;
    this.clauseCol = this.tokCol;
    this.sawContent = true;
  }

  private closeClause(): void {
    if (!this.clauseOpen) this.openClause();
    const count = this.builder.numClauses;
    if (this.header !== null && count === this.header.clauses) {
      const message = `more clauses than the ${this.header.clauses} the header declares`;
      if (this.strict) return this.fail('CLAUSE_COUNT_MISMATCH', this.clauseLine, this.clauseCol, message);
      this.warn('CLAUSE_COUNT_MISMATCH', this.clauseLine, this.clauseCol, message);
    }
    if (count >= this.limits.maxClauses) {
      return this.fail('LIMIT_EXCEEDED', this.clauseLine, this.clauseCol, `more than ${this.limits.maxClauses} clauses`);
    }
    this.builder.endClause(this.curHard, this.curWeight);
    this.clauseOpen = false;
    this.curHard = false;
    this.curWeight = 1;
  }

  private hardMarker(i: number): void {
    this.startToken(i);
    if (this.format !== 'wcnf') {
      const message = `"h" marks a hard clause only in the 2022 WCNF format, but this file is ${this.format}`;
      this.fail('MIXED_FORMAT', this.tokLine, this.tokCol, message);
      return;
    }
    this.sawHardMarker = true;
    this.openClause();
    this.curHard = true;
    this.mode = Mode.AfterH;
  }

  private afterH(buf: Uint8Array, i: number): number {
    const b = buf[i];
    if (b === 32 || b === 9 || b === 13 || b === NL) this.mode = Mode.Scan;
    else this.fail('UNEXPECTED_CHAR', this.line, this.base + i - this.lineStart + 1, `"h" must be followed by white space, not ${describeByte(b)}`);
    return i;
  }

  private skipComment(buf: Uint8Array, i: number): number {
    const j = buf.indexOf(NL, i);
    if (j < 0) return buf.length;
    this.mode = Mode.Scan;
    return j;
  }

  private collectHeader(buf: Uint8Array, i: number): number {
    const j = buf.indexOf(NL, i);
    const end = j < 0 ? buf.length : j;
    const room = MAX_HEADER_CHARS + 1 - this.headerText.length; // one past the limit is enough to fail
    this.headerText += Buffer.from(buf.buffer, buf.byteOffset + i, Math.min(end - i, room)).toString('latin1');
    if (this.headerText.length > MAX_HEADER_CHARS) {
      this.fail('BAD_HEADER', this.headerLine, this.headerColumn, `header line longer than ${MAX_HEADER_CHARS} characters`);
      return buf.length;
    }
    if (j < 0) return buf.length;
    this.applyHeader();
    if (this.mode === Mode.Header) this.mode = Mode.Scan;
    return j;
  }

  private applyHeader(): void {
    const line = this.headerLine;
    const col = this.headerColumn;
    if (this.header !== null) return this.fail('DUPLICATE_HEADER', line, col, `second "p" line; the first is on line ${this.firstHeaderLine}`);
    if (this.sawContent) return this.fail('MIXED_FORMAT', line, col, 'a "p" line after clauses: 2022 WCNF has no "p" line, CNF and old WCNF start with one');
    const parsed = parseHeaderLine(this.headerText, line, col);
    if (!isHeader(parsed)) return this.failWith(parsed);
    if (this.explicitFormat !== null && this.explicitFormat !== parsed.format) {
      return this.fail('MIXED_FORMAT', line, col, `the "p" line says ${parsed.format} but the format ${this.explicitFormat} was asked for`);
    }
    if (parsed.vars > this.limits.maxVariables) return this.fail('LIMIT_EXCEEDED', line, col, `${parsed.vars} variables exceed the limit of ${this.limits.maxVariables}`);
    if (parsed.clauses > this.limits.maxClauses) return this.fail('LIMIT_EXCEEDED', line, col, `${parsed.clauses} clauses exceed the limit of ${this.limits.maxClauses}`);
    this.header = parsed;
    this.firstHeaderLine = line;
    // Trust the header for the first allocation, bounded by the limits and by what the input can
    // hold (a clause takes at least two bytes, "0 "), so a tiny body cannot reserve gigabytes.
    const room = this.sizeHint === undefined ? RESERVE_WITHOUT_HINT : Math.ceil((this.sizeHint + 1) / 2);
    const clauses = Math.min(parsed.clauses, this.limits.maxClauses, 1 << 26, room);
    this.builder.reserve(clauses, Math.min(clauses * 3, this.limits.maxLiterals));
    this.format = parsed.format;
  }

  /** The first clause token of a file without a leading `p` line decides the format. */
  private resolveFormatFromContent(): void {
    const chosen = this.explicitFormat ?? this.hintFormat;
    if (chosen === null) {
      this.format = 'wcnf';
      this.guessedFormat = true;
      return;
    }
    this.format = chosen;
    if (chosen !== 'wcnf') {
      const message = `a ${chosen} file must start with a "p" line before its clauses`;
      if (this.strict) this.fail('NO_HEADER', this.tokLine, this.tokCol, message);
      else this.warn('NO_HEADER', this.tokLine, this.tokCol, `${message}; counting variables from the clauses`);
    }
  }

  private checkEnd(): void {
    if (this.clauseOpen) {
      const message = 'the last clause has no terminating "0"';
      if (this.strict) return this.fail('MISSING_TERMINATOR', this.clauseLine, this.clauseCol, message);
      this.warn('MISSING_TERMINATOR', this.clauseLine, this.clauseCol, `${message}; it was closed at the end of input`);
      this.closeClause();
      if (this.error !== null) return;
    }
    const known = this.explicitFormat ?? this.hintFormat;
    if (this.header === null && !this.sawContent && known !== 'wcnf') {
      return this.fail('EMPTY_INPUT', 0, 0, 'no "p" line and no clauses; for an empty 2022 WCNF instance, give the format wcnf');
    }
    const declared = this.header?.clauses;
    if (declared !== undefined && this.builder.numClauses < declared) {
      const message = `the header declares ${declared} clauses but ${this.builder.numClauses} were found`;
      if (this.strict) return this.fail('CLAUSE_COUNT_MISMATCH', this.headerLine, this.headerColumn, message);
      this.warn('CLAUSE_COUNT_MISMATCH', this.headerLine, this.headerColumn, message);
    }
    if (this.guessedFormat && !this.sawHardMarker) {
      const message = 'no "p" line and no hard clause: this may be a 2022 WCNF or a CNF without header; give the format (wcnf or cnf)';
      if (this.strict) return this.fail('AMBIGUOUS_FORMAT', 0, 0, message);
      this.warn('AMBIGUOUS_FORMAT', 0, 0, `${message}; read as 2022 WCNF`);
    }
  }

  private fail(code: ParseIssueCode, line: number, column: number, message: string): void {
    this.failWith({ code, severity: 'error', line, column, message });
  }

  private failWith(issue: ParseIssue): void {
    if (this.error === null) this.error = issue;
    this.mode = Mode.Failed;
  }

  private warn(code: ParseIssueCode, line: number, column: number, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ code, severity: 'warning', line, column, message });
  }
}
