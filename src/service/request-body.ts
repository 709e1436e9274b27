// Reading DIMACS out of a request: raw bytes (text/plain, application/gzip, …) or a multipart `file`.

import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';

export interface Upload {
  readonly bytes: Buffer;
  readonly fileName: string | null;
}

/** Collects the request body, refusing (413) past `maxBytes`. */
export async function readRaw(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large', 'BODY_TOO_LARGE', `the request body exceeds ${maxBytes} bytes`);
}

/** The `file` field of a multipart/form-data request (other fields are ignored). */
export function readMultipartFile(req: Request, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
    } catch (err) {
      reject(new AppError('invalid', 'BAD_MULTIPART', (err as Error).message));
      return;
    }
    // Settled directly from the stream events: a promise rejected before anyone awaits it would be
    // an unhandled rejection, which ends the process.
    let upload: Upload | null = null;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        reject(tooLarge(maxBytes));
        req.unpipe(parser);
        req.resume();
      });
      stream.on('end', () => {
        upload = { bytes: Buffer.concat(chunks), fileName: info.filename ?? null };
      });
    });
    parser.on('error', (err: Error) => reject(new AppError('invalid', 'BAD_MULTIPART', err.message)));
    parser.on('close', () => {
      if (upload === null) reject(new AppError('invalid', 'MISSING_FILE', 'the multipart body has no "file" field'));
      else resolve(upload);
    });
    req.pipe(parser);
  });
}
