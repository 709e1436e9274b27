// Parses the JSON QUBO form REST clients send: {"n", "sense", "offset", "terms": [[i, j, q], …]}.

import type { ParseIssue, ParseIssueCode, ParseResult } from '../../common/parse-result.js';
import type { Sense } from '../family.js';
import { singleInstanceIssue } from '../quadratic/instance-select.js';
import { resolveQuadraticLimits } from '../quadratic/limits.js';
import { errorAt, failed, warningAt } from '../quadratic/line-reader.js';
import { QuadraticModelBuilder, type Coefficient } from '../quadratic/model-builder.js';
import type { QuadraticModel } from '../quadratic/model.js';
import { MAX_ISSUES } from '../quadratic/triplet-section.js';
import { engineSign, type QuboInstance } from './instance.js';
import { JsonLocator, type TextPosition } from './json-locate.js';
import { syntaxErrorOffset } from './json-syntax.js';
import type { QuboParseOptions } from './triplet-options.js';

/**
 * The document (0-based variables):
 *   { "n": 3, "sense": "min" | "max" (default "min"), "offset": 0 (optional), "name": "…" (optional),
 *     "terms": [[i, j, q], …] }
 * and its objective is offset + Σ_terms q·x_i·x_j: a term with i = j is the linear q·x_i, a term
 * with i ≠ j counts ONCE (no doubling, unlike the x'Qx of OR-Library and Biq Mac files), i > j is
 * the same pair as j < i, and repeated pairs add up. q and offset are integers: JSON numbers up to
 * 2^53 − 1 in magnitude, or decimal strings ("-123…") of at most MAX_DIGITS digits beyond that.
 */
export function parseQuboJson(bytes: Uint8Array, options: QuboParseOptions = {}): ParseResult<QuboInstance> {
  const wrongSelect = singleInstanceIssue(options.select, 'qubo-json');
  if (wrongSelect !== null) return failed([wrongSelect]);
  const decoded = decode(bytes);
  if (typeof decoded !== 'string') return failed([decoded]);
  const bom = decoded.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = decoded.slice(bom);
  if (text.trim() === '') return failed([errorAt('EMPTY_INPUT', 0, 0, 'input is empty or only whitespace')]);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return failed([syntaxIssue(text, (err as Error).message, bom * 3)]);
  }
  return new JsonReading(new JsonLocator(text, bom * 3), options).read(doc);
}

/** Decimal strings longer than this are refused: BigInt parsing is quadratic in the digits. */
export const MAX_DIGITS = 300;
const MAX_INT32 = 2 ** 31 - 1;
const DECIMAL = /^-?\d+$/;
const KNOWN_FIELDS = new Set(['n', 'sense', 'offset', 'name', 'terms']);
const MAX_NAME = 200;

class JsonReading {
  private readonly errors: ParseIssue[] = [];
  private readonly warnings: ParseIssue[] = [];

  constructor(
    private readonly where: JsonLocator,
    private readonly options: QuboParseOptions,
  ) {}

  read(doc: unknown): ParseResult<QuboInstance> {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return failed([this.at([], 'BAD_HEADER', 'a QUBO document is an object {"n", "sense", "offset", "terms"}')]);
    }
    const fields = doc as Record<string, unknown>;
    // each is located by a walk over the text: a few say enough, thousands would take quadratic time
    const unknown = Object.keys(fields).filter((key) => !KNOWN_FIELDS.has(key)).slice(0, MAX_ISSUES);
    for (const key of unknown) {
      const message = `unknown field ${JSON.stringify(key.slice(0, 40))}: the fields are n, sense, offset, name, terms`;
      if (this.options.mode === 'relaxed') this.warnings.push(this.at([key], 'BAD_HEADER', message, warningAt));
      else this.errors.push(this.at([key], 'BAD_HEADER', message));
    }
    const n = this.count(fields);
    const sense = this.sense(fields.sense);
    const offset = fields.offset === undefined ? 0 : this.integer(fields.offset, () => this.at(['offset'], 'BAD_HEADER', 'offset is not an integer (a number up to 2^53 - 1, or a decimal string)'));
    const name = this.name(fields.name);
    const terms = this.termList(fields.terms);
    if (this.errors.length > 0 || n === null || sense === null || offset === null || terms === null) return failed(this.errors);
    const tooLarge = this.limitIssue(n, terms.length);
    if (tooLarge !== null) return failed([tooLarge]);
    const model = this.model(n, sense, offset, terms);
    if (model === null) return failed(this.errors);
    return { ok: true, value: { model, sense, format: 'qubo-json', ...(name === undefined ? {} : { name }) }, warnings: this.warnings };
  }

  private count(fields: Record<string, unknown>): number | null {
    const n = fields.n;
    if (n === undefined) return this.fail(this.at([], 'BAD_HEADER', 'the field "n" (the variable count) is missing'));
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return this.fail(this.at(['n'], 'BAD_HEADER', 'n is not a non-negative integer'));
    if (n > MAX_INT32) return this.fail(this.at(['n'], 'INT_OVERFLOW', 'n exceeds 2^31-1'));
    return n;
  }

  private sense(value: unknown): Sense | null {
    if (value === undefined) return 'min';
    if (value === 'min' || value === 'max') return value;
    return this.fail(this.at(['sense'], 'BAD_HEADER', 'sense is "min" or "max"'));
  }

  private name(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.length <= MAX_NAME) return value;
    this.fail(this.at(['name'], 'BAD_HEADER', `name is a string of at most ${MAX_NAME} characters`));
    return undefined;
  }

  private termList(value: unknown): readonly unknown[] | null {
    if (value === undefined) return this.fail(this.at([], 'BAD_HEADER', 'the field "terms" (a list of [i, j, q]) is missing'));
    if (!Array.isArray(value)) return this.fail(this.at(['terms'], 'BAD_HEADER', 'terms is a list of [i, j, q]'));
    return value;
  }

  private limitIssue(n: number, terms: number): ParseIssue | null {
    const limits = resolveQuadraticLimits(this.options.limits);
    if (n > limits.maxVariables) return this.at(['n'], 'LIMIT_EXCEEDED', `${n} variables exceed the limit of ${limits.maxVariables}`);
    if (terms > limits.maxClauses) return this.at(['terms'], 'LIMIT_EXCEEDED', `${terms} terms exceed the limit of ${limits.maxClauses}`);
    return null;
  }

  /** Bad terms are collected (up to MAX_ISSUES) by index, then positioned in one pass over the text. */
  private model(n: number, sense: Sense, offset: Coefficient, terms: readonly unknown[]): QuadraticModel | null {
    const sign = engineSign(sense);
    const builder = new QuadraticModelBuilder(n, Math.max(1, terms.length));
    builder.addOffset(scaled(offset, sign));
    const bad: { index: number; message: string }[] = [];
    for (let t = 0; t < terms.length && bad.length < MAX_ISSUES; t++) {
      const term = terms[t];
      const problem = termProblem(term, n);
      if (problem !== null) {
        bad.push({ index: t, message: `term ${t}: ${problem}` });
        continue;
      }
      const [i, j, q] = term as [number, number, unknown];
      builder.addPair(i, j, scaled(exactInteger(q) as Coefficient, sign));
    }
    if (bad.length === 0) return builder.build();
    const positions = this.where.elementsAt(['terms'], bad.map((b) => b.index));
    bad.forEach((b, k) => this.errors.push(errorAt('BAD_TERM', positions[k]?.line ?? 1, positions[k]?.column ?? 1, b.message)));
    return null;
  }

  /** An exact integer from a safe-integer number or a short decimal string; else `onBad()`'s issue is recorded. */
  private integer(value: unknown, onBad: () => ParseIssue | null): Coefficient | null {
    const exact = exactInteger(value);
    if (exact !== null) return exact;
    const issue = onBad();
    if (issue !== null) this.errors.push(issue);
    return null;
  }

  private at(path: readonly (string | number)[], code: ParseIssueCode, message: string, issue = errorAt): ParseIssue {
    const p: TextPosition = this.where.valueAt(path) ?? { line: 1, column: 1 };
    return issue(code, p.line, p.column, message);
  }

  private fail(issue: ParseIssue): null {
    this.errors.push(issue);
    return null;
  }
}

/** What is wrong with a term, or null: [i, j, q] with 0 <= i, j < n and q an exact integer. */
function termProblem(term: unknown, n: number): string | null {
  if (!Array.isArray(term) || term.length !== 3) return 'a term is a list [i, j, q] of three values';
  const index = indexProblem(term[0], 'i', n) ?? indexProblem(term[1], 'j', n);
  if (index !== null) return index;
  if (exactInteger(term[2]) === null) {
    return `q is not an exact integer: give a number up to 2^53 - 1 in magnitude or a decimal string of at most ${MAX_DIGITS} digits`;
  }
  return null;
}

function indexProblem(v: unknown, label: string, n: number): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return `${label} is not an integer`;
  if (v < 0 || v >= n) return `${label} = ${v} is outside 0..${n - 1}`;
  return null;
}

function exactInteger(value: unknown): Coefficient | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string' || value.length - (value.startsWith('-') ? 1 : 0) > MAX_DIGITS || !DECIMAL.test(value)) return null;
  return BigInt(value);
}

function scaled(c: Coefficient, sign: 1 | -1): Coefficient {
  return typeof c === 'bigint' ? BigInt(sign) * c : sign * c;
}

function decode(bytes: Uint8Array): string | ParseIssue {
  try {
    // keep a byte-order mark: it shifts the columns of line 1
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return errorAt('BAD_JSON', 1, 1, 'input is not valid UTF-8 text');
  }
}

/** BAD_JSON at the position V8 names ("… in JSON at position N"), else where our own scan finds the first error. */
function syntaxIssue(text: string, message: string, byteShift: number): ParseIssue {
  const match = / at position (\d+)/.exec(message);
  // V8 quotes the input after a comma ("Unexpected token 'x', …"{…" is not valid JSON"): keep only the reason
  const reason = message.replace(/ (in JSON )?at position \d+.*$/s, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '').slice(0, 120);
  const offset = match !== null ? Number(match[1]) : syntaxErrorOffset(text);
  if (offset === null) return errorAt('BAD_JSON', 1, 1, `not valid JSON: ${reason}`);
  const p = new JsonLocator(text, byteShift).position(Math.min(offset, text.length));
  return errorAt('BAD_JSON', p.line, p.column, `not valid JSON: ${reason}`);
}
