// DIMACS entry points: bytes, text, files and streams, gzip detected by its magic bytes.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { ParseIssue, ParseResult } from '../../common/parse-result.js';
import { DimacsParser } from './dimacs-parser.js';
import type { MaxSatInstance } from './instance.js';
import { resolveLimits, type ParseOptions } from './parse-options.js';

const CHUNK = 1 << 20;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function failure(issue: Omit<ParseIssue, 'severity' | 'line' | 'column'>): ParseResult<never> {
  return { ok: false, issues: [{ severity: 'error', line: 0, column: 0, ...issue }] };
}

export function gzipFailure(err: unknown, maxBytes: number): ParseResult<never> {
  const code = (err as { code?: string }).code;
  if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
    return failure({ code: 'LIMIT_EXCEEDED', message: `decompressed input exceeds the limit of ${maxBytes} bytes` });
  }
  return failure({ code: 'BAD_GZIP', message: `the gzip data is damaged: ${(err as Error).message}` });
}

/** Parses a whole DIMACS document held in memory (plain or gzip). */
export function parseDimacs(input: Uint8Array | string, options: ParseOptions = {}): ParseResult<MaxSatInstance> {
  let bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (isGzip(bytes)) {
    const { maxBytes } = resolveLimits(options.limits);
    try {
      bytes = Number.isFinite(maxBytes) ? gunzipSync(bytes, { maxOutputLength: maxBytes }) : gunzipSync(bytes);
    } catch (err) {
      return gzipFailure(err, maxBytes);
    }
  }
  const parser = new DimacsParser({ sizeHint: bytes.length, ...options });
  for (let at = 0; at < bytes.length; at += CHUNK) {
    if (!parser.push(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)))) break;
  }
  return parser.finish();
}

/** The first bytes of a stream, enough to recognise the gzip magic number. */
async function readAtLeast(iterator: AsyncIterator<Uint8Array>, count: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < count) {
    const r = await iterator.next();
    if (r.done) break;
    parts.push(r.value);
    length += r.value.length;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** Parses a stream of chunks, gunzipping it when it starts with the gzip magic bytes. */
export async function parseDimacsStream(
  source: AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): Promise<ParseResult<MaxSatInstance>> {
  const iterator = source[Symbol.asyncIterator]();
  const parser = new DimacsParser(options);
  const head = await readAtLeast(iterator, 2);
  if (head.length === 0) return parser.finish();
  const gzipped = isGzip(head);
  let chunks: AsyncIterable<Uint8Array> = prepend(head, iterator);
  if (gzipped) {
    const gunzip = createGunzip();
    const input = Readable.from(chunks);
    input.on('error', (err) => gunzip.destroy(err));
    chunks = input.pipe(gunzip);
  }
  try {
    for await (const chunk of chunks) {
      if (!parser.push(chunk)) break;
    }
  } catch (err) {
    // A cancelled read (the source destroyed with an AbortError) is the caller's doing, not bad data.
    if (gzipped && (err as Error).name !== 'AbortError') return gzipFailure(err, resolveLimits(options.limits).maxBytes);
    throw err;
  } finally {
    await iterator.return?.();
  }
  return parser.finish();
}

/**
 * Parses a file by streaming it; the file name also hints the format of a headerless file.
 * `signal` cancels the read between chunks: the promise then rejects with an AbortError.
 */
export async function parseDimacsFile(path: string, options: ParseOptions = {}, signal?: AbortSignal): Promise<ParseResult<MaxSatInstance>> {
  signal?.throwIfAborted();
  const stream = createReadStream(path, { highWaterMark: CHUNK, signal });
  // An abort while `stat` runs errors the stream before anyone reads it: without a listener that is
  // an uncaught 'error'. Reading an errored stream still rejects with that error below.
  stream.on('error', () => {});
  try {
    // The file's size bounds what its header may reserve (from below for gzip: growth covers the rest).
    const sizeHint = await stat(path).then((s) => s.size, () => undefined);
    return await parseDimacsStream(stream, { fileName: path, sizeHint, ...options });
  } finally {
    stream.destroy();
  }
}
