// Requests node's HTTP parser refuses before express sees them, answered as problem JSON on the socket.

import type { Duplex } from 'node:stream';
import { AppError } from '../common/app-error.js';
import { problemResponse } from './http-problem.js';

/** The largest request head (request line and headers) the server reads; larger ones get 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

type ClientError = Error & { readonly code?: string };

/** node's own answer here is a bare status line; clients of this API expect problem JSON on every error. */
function asAppError(err: ClientError): AppError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return new AppError('headers_too_large', 'HEADERS_TOO_LARGE', `the request line and headers exceed ${MAX_HEADER_BYTES} bytes`);
  return new AppError('invalid', 'BAD_REQUEST', 'the request is not valid HTTP/1.1');
}

/** The server's `clientError` listener: a problem JSON answer, then the connection is closed. */
export function answerClientError(err: ClientError, socket: Duplex): void {
  // A response already on its way on this connection must not be corrupted by a second one
  // (node's default listener checks the same); a reset or timed-out peer is not answered at all.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (!socket.writable || inFlight || err.code === 'ECONNRESET' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.destroy();
    return;
  }
  const { status, headers, body } = problemResponse(asAppError(err));
  const payload = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${body.title}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(payload)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${payload}`);
}
