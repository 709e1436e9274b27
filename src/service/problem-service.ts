// Problem intake: parse DIMACS (plain or gzip), summarise, hash for dedupe, store compressed.

import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseDimacs, isGzip } from '../problems/maxsat/parse-dimacs.js';
import type { DimacsFormat, MaxSatInstance } from '../problems/maxsat/instance.js';
import type { ParseLimits, ParseMode } from '../problems/maxsat/parse-options.js';
import { summarize } from '../problems/maxsat/summary.js';
import type { ProblemRepository } from '../store/problem-repository.js';
import type { ProblemRecord } from '../store/records.js';
import { AppError } from '../common/app-error.js';
import { parseProblem } from './http-problem.js';
import { toJson } from '../common/json.js';

export interface IntakeOptions {
  readonly format: DimacsFormat | 'auto';
  readonly name: string | null;
  readonly mode: ParseMode;
}

/** JSON-safe copy: bigints become decimal strings. */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(toJson(value));
}

export class ProblemService {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly maxBytes: number,
    /** Caps on the variables and clauses a problem may declare or use (the service's work limits). */
    private readonly limits: Partial<ParseLimits> = {},
  ) {}

  /** Parses and stores a DIMACS document; an identical one already stored is returned instead. */
  ingest(input: Uint8Array, options: IntakeOptions): { record: ProblemRecord; created: boolean } {
    const text = this.plainText(input);
    const parsed = parseDimacs(text, { format: options.format, fileName: options.name ?? undefined, mode: options.mode, limits: { ...this.limits, maxBytes: this.maxBytes } });
    if (!parsed.ok) throw parseProblem(parsed.issues);
    const inst = parsed.value;
    const summary = { ...(jsonSafe(summarize(inst)) as Record<string, unknown>), warnings: parsed.warnings };
    return this.problems.insert({
      contentHash: createHash('sha256').update(`${inst.format}\n`).update(text).digest('hex'),
      format: inst.format,
      name: options.name,
      variables: inst.numVars,
      clauses: inst.numClauses,
      hardClauses: inst.stats.hardClauses,
      softClauses: inst.stats.softClauses,
      summary,
      contentGzip: gzipSync(text),
      contentBytes: text.length,
    });
  }

  /** The stored instance, parsed again (the format is known by now). */
  load(id: string): MaxSatInstance | null {
    const record = this.problems.get(id);
    const gz = this.problems.contentGzip(id);
    if (record === null || gz === null) return null;
    const parsed = parseDimacs(gz, { format: record.format as DimacsFormat, mode: 'relaxed' });
    if (!parsed.ok) throw new AppError('internal', 'STORED_PROBLEM_UNREADABLE', `problem ${id} no longer parses`);
    return parsed.value;
  }

  private plainText(input: Uint8Array): Buffer {
    if (input.length === 0) throw new AppError('invalid', 'EMPTY_INPUT', 'the request carries no DIMACS content');
    if (!isGzip(input)) {
      if (input.length > this.maxBytes) throw new AppError('too_large', 'LIMIT_EXCEEDED', `content exceeds ${this.maxBytes} bytes`);
      return Buffer.from(input.buffer, input.byteOffset, input.length);
    }
    try {
      return gunzipSync(input, { maxOutputLength: this.maxBytes });
    } catch (err) {
      const tooLarge = err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      if (tooLarge) throw new AppError('too_large', 'LIMIT_EXCEEDED', `decompressed content exceeds ${this.maxBytes} bytes`);
      throw new AppError('invalid', 'BAD_GZIP', `the gzip data is damaged: ${(err as Error).message}`);
    }
  }
}
