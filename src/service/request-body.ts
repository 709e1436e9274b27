// Reading DIMACS out of a request as it arrives: raw bytes (text/plain, application/gzip, …) or the
// `file` part of a multipart form. Every way a body can go wrong becomes an AppError of the upload,
// never an unhandled stream error: too large (413), a broken form (400), a client gone (400).

import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';
import { ChunkChannel } from './chunk-channel.js';

export interface Upload {
  /** The content as it arrives; iterating throws the upload's AppError. */
  readonly chunks: AsyncIterable<Uint8Array>;
  readonly fileName: string | null;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large', 'BODY_TOO_LARGE', `the request body exceeds ${maxBytes} bytes`);
}

export function aborted(): AppError {
  return new AppError('invalid', 'REQUEST_ABORTED', 'the client closed the connection before the body was complete');
}

/** The raw body, refused (413) past `maxBytes`. Stopping early leaves the rest of the body unread. */
export function readRaw(req: Request, maxBytes: number): Upload {
  return { chunks: rawChunks(req, maxBytes), fileName: null };
}

async function* rawChunks(req: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  let size = 0;
  // destroyOnReturn: false — the socket must outlive the body to carry the answer.
  const body = req.iterator({ destroyOnReturn: false }) as AsyncIterableIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await body.next();
    } catch {
      throw aborted(); // the connection reset or closed mid-body
    }
    if (next.done) return;
    size += next.value.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    yield next.value;
  }
}

/**
 * The `file` field of a multipart/form-data request (other fields are ignored), once its part has
 * begun. Its chunks end when the whole form has been read, so a form broken after the file fails too.
 */
export function readMultipartFile(req: Request, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
    } catch (err) {
      reject(badMultipart(err));
      return;
    }
    const channel = new ChunkChannel(() => stop(req, parser));
    let started = false;
    // Every path settles through here; rejecting after resolving is a no-op, as is failing an ended channel.
    const fail = (err: AppError) => {
      if (!started) reject(err);
      channel.fail(err);
      stop(req, parser);
    };
    parser.on('file', (field, stream, info) => {
      stream.on('error', (err: Error) => fail(badMultipart(err)));
      if (field !== 'file' || started) {
        stream.resume();
        return;
      }
      started = true;
      stream.on('data', (chunk: Buffer) => channel.push(chunk));
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      channel.onPressure((paused) => (paused ? stream.pause() : stream.resume()));
      resolve({ chunks: channel, fileName: info.filename ?? null });
    });
    parser.on('error', (err: Error) => fail(badMultipart(err)));
    parser.on('close', () => {
      if (started) channel.end();
      else reject(new AppError('invalid', 'MISSING_FILE', 'the multipart body has no "file" field'));
    });
    req.on('error', () => fail(aborted()));
    req.on('close', () => {
      if (!req.complete) fail(aborted());
    });
    req.pipe(parser);
  });
}

function badMultipart(err: unknown): AppError {
  return new AppError('invalid', 'BAD_MULTIPART', `the multipart body is malformed: ${(err as Error).message}`);
}

/** No more of the body is read; what the client still sends stays unread until the answer goes out. */
function stop(req: Request, parser: busboy.Busboy): void {
  req.unpipe(parser);
  req.pause();
}
