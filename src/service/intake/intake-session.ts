// One upload inside the parse worker: gzip recognised and inflated as it streams (a bomb stops at
// the byte limit), the family told from the first bytes of text, the text parsed (chunk by chunk
// where the family streams: MAX-SAT), hashed for dedupe and gzipped for storage.

import { createHash, type Hash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip, type Gunzip, type Gzip } from 'node:zlib';
import { AppError } from '../../common/app-error.js';
import { meaningfulSelect, type FamilyParseOptions, type ProblemFamily, type StreamParser } from '../../problems/family.js';
import { headText, SNIFF_BYTES } from '../../problems/head-text.js';
import { isGzip } from '../../problems/maxsat/parse-dimacs.js';
import { detectFamily } from '../../problems/registry.js';
import { parseProblem } from '../http-problem.js';
import { BufferedParser } from './buffered-parser.js';
import { failure, type Failed, type IntakeRequest, type ParseOutcome } from './intake-protocol.js';

const INFLATE_CHUNK = 1 << 16;
/**
 * Storage compression: level 1 is 3–4× faster than the default 6 on DIMACS text (1.4 s against
 * 5.2 s for the 103 MB paper instance) for about 5 % more bytes, and it bounds how long an upload takes.
 */
const STORE_LEVEL = 1;

export class IntakeSession {
  /** Chosen once the first SNIFF_BYTES of text (or all of it) are in; text before that waits in `early`. */
  private family: ProblemFamily | null = null;
  private parser: StreamParser<unknown> | null = null;
  private early: Uint8Array[] = [];
  private earlyBytes = 0;
  private readonly store: Gzip = createGzip({ level: STORE_LEVEL });
  private readonly stored: Buffer[] = [];
  private gunzip: Gunzip | null = null;
  /** The first bytes, until two of them tell gzip from text. */
  private head: Uint8Array | null = null;
  private sniffed = false;
  private rawBytes = 0;
  private textBytes = 0;
  /** sha256 of what identifies the reading (see hashPrefix) + text, the dedupe key; text read before the format is known waits. */
  private hash: Hash | null = null;
  private hashedFormat: string | null = null;
  private unhashed: Uint8Array[] = [];
  /** An outcome no later input can change (too large, damaged gzip, aborted). */
  private final: Failed | null = null;
  private readonly stopped: Promise<void>;
  private markStopped!: () => void;

  constructor(private readonly request: IntakeRequest) {
    this.stopped = new Promise((resolve) => (this.markStopped = resolve));
    this.store.on('data', (c: Buffer) => this.stored.push(c));
    this.store.on('error', (err) => this.stop(failure('internal', 'INTAKE_FAILED', `compressing the content failed: ${err.message}`)));
  }

  /** Set as soon as the outcome is a failure that more input cannot change. */
  get finalOutcome(): Failed | null {
    return this.final;
  }

  /** Feeds the next raw bytes; resolves once they are consumed or the session has stopped. */
  write(chunk: Uint8Array): Promise<void> {
    if (this.final !== null) return Promise.resolve();
    this.rawBytes += chunk.length;
    if (!this.sniffed) {
      this.head = this.head === null ? chunk : Buffer.concat([this.head, chunk]);
      if (this.head.length < 2) return Promise.resolve();
      return this.feed(this.sniff());
    }
    return this.feed(chunk);
  }

  async end(): Promise<ParseOutcome> {
    if (!this.sniffed) await this.feed(this.sniff());
    const gunzip = this.gunzip;
    if (gunzip !== null && this.final === null) {
      gunzip.end();
      await Promise.race([finished(gunzip).catch(() => undefined), this.stopped]);
    }
    if (this.final !== null) return this.final;
    if (this.rawBytes === 0) return this.fail(failure('invalid', 'EMPTY_INPUT', 'the request carries no problem content'));
    if (this.parser === null) this.choose();
    if (this.final !== null) return this.final;
    return this.conclude();
  }

  abort(): void {
    this.stop(failure('invalid', 'REQUEST_ABORTED', 'the upload was abandoned'));
  }

  private async conclude(): Promise<ParseOutcome> {
    const family = this.family!;
    const parsed = this.parser!.finish();
    if (!parsed.ok) {
      const e = parseProblem(parsed.issues);
      return this.fail(failure(e.kind, e.code, e.message, parsed.issues));
    }
    const inst = parsed.value;
    const described = family.describe(inst);
    if (this.hash === null) this.startHash(described.format);
    if (this.hashedFormat !== described.format) return this.fail(failure('internal', 'INTAKE_FAILED', 'the format changed after hashing began'));
    this.store.end();
    await Promise.race([finished(this.store).catch(() => undefined), this.stopped]);
    if (this.final !== null) return this.final;
    return {
      ok: true,
      problem: {
        contentHash: this.hash!.digest('hex'),
        family: family.name,
        format: described.format,
        options: selectOption(this.selectOf(family, described.format)),
        sense: family.senseOf(inst),
        variables: described.variables,
        terms: described.terms,
        summary: { ...described.summary, warnings: parsed.warnings },
        contentGzip: Buffer.concat(this.stored),
        contentBytes: this.textBytes,
      },
    };
  }

  private sniff(): Uint8Array {
    const head = this.head ?? new Uint8Array(0);
    this.head = null;
    this.sniffed = true;
    if (isGzip(head)) {
      const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK });
      gunzip.on('data', (text: Buffer) => this.text(text));
      gunzip.on('error', (err) => this.stop(failure('invalid', 'BAD_GZIP', `the gzip data is damaged: ${err.message}`)));
      this.gunzip = gunzip;
    }
    return head;
  }

  private feed(raw: Uint8Array): Promise<void> {
    const gunzip = this.gunzip;
    if (gunzip === null) {
      this.text(raw);
      return Promise.resolve();
    }
    if (this.final !== null || raw.length === 0) return Promise.resolve();
    const consumed = new Promise<void>((resolve) => gunzip.write(raw, () => resolve()));
    return Promise.race([consumed, this.stopped]);
  }

  private text(bytes: Uint8Array): void {
    if (this.final !== null || bytes.length === 0) return;
    this.textBytes += bytes.length;
    if (this.textBytes > this.request.maxBytes) {
      const what = this.gunzip === null ? 'content' : 'decompressed content';
      return this.stop(failure('too_large', 'LIMIT_EXCEEDED', `${what} exceeds ${this.request.maxBytes} bytes`));
    }
    if (this.parser === null) {
      this.early.push(bytes);
      this.earlyBytes += bytes.length;
      if (this.earlyBytes >= SNIFF_BYTES) this.choose();
      return;
    }
    this.take(bytes);
  }

  /** Parses, stores and hashes text once the parser is chosen. */
  private take(bytes: Uint8Array): void {
    // After a parse error only the count goes on: exceeding the limit still decides the outcome.
    if (this.parser === null || this.parser.failed) return;
    this.parser.push(bytes);
    this.store.write(bytes);
    this.hashText(bytes);
  }

  /** Decides the family and format from the first text and the request's hints, then takes the text so far. */
  private choose(): void {
    const early = this.early;
    this.early = [];
    const { request } = this;
    let detected;
    try {
      detected = detectFamily(headText(Buffer.concat(early)), { family: request.family ?? undefined, format: request.format, fileName: request.fileName ?? undefined });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return this.stop(failure(err.kind, err.code, err.message));
    }
    const options: FamilyParseOptions = {
      format: detected.format,
      fileName: request.fileName ?? undefined,
      mode: request.mode,
      select: request.select,
      limits: { ...request.limits, maxBytes: request.maxBytes },
    };
    this.family = detected.family;
    this.parser = detected.family.openParser?.(options) ?? new BufferedParser(detected.family, options);
    for (const bytes of early) this.take(bytes);
  }

  private hashText(bytes: Uint8Array): void {
    if (this.hash !== null) {
      this.hash.update(bytes);
      return;
    }
    this.unhashed.push(bytes);
    const format = this.parser?.knownFormat ?? null;
    if (format !== null) this.startHash(format);
  }

  /**
   * What the text is read as, hashed before it: the same text read as another format (or another
   * instance of an OR-Library file) is another problem. MAX-SAT keeps its first form, `${format}\n`,
   * so problems stored before other families existed still deduplicate.
   */
  private hashPrefix(format: string): string {
    const family = this.family?.name ?? 'maxsat';
    if (family === 'maxsat') return `${format}\n`;
    const select = this.family === null ? undefined : this.selectOf(this.family, format);
    return `${family}\n${format}\n${select ?? ''}\n`;
  }

  /** The request's `select` where the format holds several instances; elsewhere it names nothing (1 is all there is). */
  private selectOf(family: ProblemFamily, format: string): number | undefined {
    return meaningfulSelect(family, format, this.request.select);
  }

  private startHash(format: string): void {
    const hash = createHash('sha256').update(this.hashPrefix(format));
    for (const bytes of this.unhashed) hash.update(bytes);
    this.unhashed = [];
    this.hash = hash;
    this.hashedFormat = format;
  }

  /** A final outcome: nothing more is inflated, parsed or compressed. */
  private stop(outcome: Failed): void {
    if (this.final !== null) return;
    this.final = outcome;
    this.gunzip?.destroy();
    this.store.destroy();
    this.unhashed = [];
    this.markStopped();
  }

  private fail(outcome: Failed): Failed {
    this.stop(outcome);
    return outcome;
  }
}

function selectOption(select: number | undefined): { select?: number } {
  return select === undefined ? {} : { select };
}
