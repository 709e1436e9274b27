// RFC 9457 problem details: the one shape every error of the API takes, and the one place that maps
// error kinds to HTTP statuses.

import { ZodError, type core } from 'zod';
import { AppError, echo, type ErrorKind } from '../common/app-error.js';
import type { ParseIssue } from '../common/parse-result.js';
import { clientText } from './client-text.js';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly issues?: readonly unknown[];
}

export interface ProblemResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: ProblemBody;
}

const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Errors of the libraries below the routes (express's body parsers) by their `type`. */
function fromLibrary(err: { type?: string; status?: number; message?: string }): AppError {
  if (err.type === 'entity.too.large') return new AppError('too_large', 'BODY_TOO_LARGE', 'the request body is too large');
  if (err.type === 'entity.parse.failed') return new AppError('invalid', 'MALFORMED_JSON', 'the body is not valid JSON');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported' || err.status === 415) {
    return new AppError('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', 'the body\'s encoding or charset is not supported');
  }
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return new AppError('invalid', 'BAD_REQUEST', 'the request is malformed');
  return new AppError('internal', 'INTERNAL', 'an unexpected error occurred');
}

/** Schema issues listed at most; a body can hold thousands of bad fields. */
const MAX_ISSUES = 20;

/** A schema issue as the client sees it: the keys it names are client input, so they are echoed cut short. */
function schemaIssue(i: core.$ZodIssue): { path: string; message: string; code: string } {
  const path = i.path.map((p) => (typeof p === 'string' && p.length > 40 ? echo(p) : String(p))).join('.');
  const message = i.code === 'unrecognized_keys' ? `unrecognized key${i.keys.length === 1 ? '' : 's'}: ${i.keys.slice(0, 5).map(echo).join(', ')}${i.keys.length > 5 ? ', …' : ''}` : i.message;
  return { path, message, code: i.code };
}

/** Any error as an AppError: schema issues become `invalid`, unknown errors `internal` (never echoed). */
export function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const issues = err.issues.slice(0, MAX_ISSUES).map(schemaIssue);
    const more = err.issues.length > MAX_ISSUES ? `; and ${err.issues.length - MAX_ISSUES} more` : '';
    return new AppError('invalid', 'INVALID_REQUEST', `${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}${more}`, { issues });
  }
  return fromLibrary((err ?? {}) as { type?: string; status?: number; message?: string });
}

/** An issue's texts made fit for a client (see clientText); other fields as they are. */
function clientIssue(issue: unknown): unknown {
  if (typeof issue !== 'object' || issue === null) return issue;
  const safe: Record<string, unknown> = { ...issue };
  for (const key of ['message', 'path']) if (typeof safe[key] === 'string') safe[key] = clientText(safe[key] as string);
  return safe;
}

/** The response for any error. Texts pass through clientText: no server paths, nothing very long, whatever the layer below wrote. */
export function problemResponse(err: unknown): ProblemResponse {
  const e = asAppError(err);
  const status = STATUS[e.kind];
  const headers: Record<string, string> = {};
  if (e.details.retryAfterSeconds !== undefined) headers['Retry-After'] = String(e.details.retryAfterSeconds);
  if (e.details.allow !== undefined) headers.Allow = e.details.allow.join(', ');
  if (e.details.wwwAuthenticate !== undefined) headers['WWW-Authenticate'] = e.details.wwwAuthenticate;
  const body: ProblemBody = {
    type: `https://polystep.dev/problems/${e.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: clientText(e.message),
    code: e.code,
    ...(e.details.issues === undefined ? {} : { issues: e.details.issues.map(clientIssue) }),
  };
  return { status, headers, body };
}

/** A DIMACS document that did not parse: 422 with every positioned issue (413 when it is over a limit). */
export function parseProblem(issues: readonly ParseIssue[]): AppError {
  const first = issues[0];
  const where = first.line > 0 ? ` at line ${first.line}, column ${first.column}` : '';
  // Over the service's caps (declared or used variables, clauses): refused like content over the byte limit.
  if (first.code === 'LIMIT_EXCEEDED') return new AppError('too_large', 'LIMIT_EXCEEDED', `${first.code}${where}: ${first.message}`, { issues });
  return new AppError('unprocessable', 'PARSE_ERROR', `${first.code}${where}: ${first.message}`, { issues });
}

