// One coded error for every layer: what kind of failure it is and a stable code. The HTTP layer maps
// kinds to statuses in one place (service/http-problem.ts), the CLI to exit codes (cli/cli-error.ts).

import { excerpt } from './excerpt.js';

export type ErrorKind =
  /** The request or input is malformed or out of range (HTTP 400). */
  | 'invalid'
  /** No or a wrong credential (401). */
  | 'unauthenticated'
  /** Refused whoever asks (a cross-site browser request) (403). */
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  /** The state of a resource forbids it (409). */
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  /** Well-formed but unusable content, e.g. DIMACS that does not parse (422). */
  | 'unprocessable'
  /** A rate or capacity limit; retry later (429). */
  | 'too_many_requests'
  | 'headers_too_large'
  | 'unavailable'
  | 'internal';

export interface AppErrorDetails {
  /** Positioned or per-field issues (parse issues, schema issues). */
  readonly issues?: readonly unknown[];
  /** Seconds after which a retry may succeed. */
  readonly retryAfterSeconds?: number;
  /** The methods a resource does allow (method_not_allowed). */
  readonly allow?: readonly string[];
  /** The challenge a client must answer (unauthenticated), e.g. `Bearer realm="polystep"`. */
  readonly wwwAuthenticate?: string;
  readonly cause?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, documented UPPER_SNAKE code, e.g. QUEUE_FULL. */
    readonly code: string,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/** Longest piece of client input echoed back in a message. */
export const ECHO_LIMIT = 80;

/** Client input quoted for a message: JSON-escaped, and cut short past ECHO_LIMIT characters. */
export function echo(input: unknown): string {
  return excerpt(typeof input === 'string' ? input : String(input), ECHO_LIMIT);
}

export const notFound = (what: string, id: string): AppError => new AppError('not_found', 'NOT_FOUND', `${what} ${echo(id)} does not exist`);
