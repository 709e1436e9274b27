// Bearer-token authentication of /v1 (POLYSTEP_API_TOKEN): compared in constant time; the run event
// stream also takes it as ?access_token=, since a browser's EventSource cannot set headers.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../common/app-error.js';

const REALM = 'Bearer realm="polystep"';
/** The only route that accepts the token in its query: GET /v1/runs/{id}/events (server-sent events). */
const QUERY_TOKEN_ROUTE = /^\/v1\/runs\/[^/]+\/events\/?$/;
const BEARER = /^Bearer +([^\s]+) *$/i;

/** A query string's access_token value replaced, so request logs never hold the token. */
export function redactAccessToken(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The token the request presents (header first, then the event stream's query), or null. */
function presented(req: Request): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) return BEARER.exec(header)?.[1] ?? null;
  const query = req.query.access_token;
  if (req.method === 'GET' && QUERY_TOKEN_ROUTE.test(req.path) && typeof query === 'string' && query !== '') return query;
  return null;
}

/**
 * Refuses /v1 requests without the token (401, `WWW-Authenticate: Bearer`); a null token lets every
 * request through. Digests of equal length are compared, so neither the token's content nor its
 * length shows in the time a refusal takes.
 */
export function requireApiToken(token: string | null): RequestHandler {
  if (token === null) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, _res, next) => {
    if (!(req.path === '/v1' || req.path.startsWith('/v1/'))) return next();
    const given = presented(req);
    if (given === null) {
      return next(new AppError('unauthenticated', 'MISSING_TOKEN', 'this service needs an API token: send Authorization: Bearer <token>', { wwwAuthenticate: REALM }));
    }
    if (!timingSafeEqual(digest(given), expected)) {
      return next(new AppError('unauthenticated', 'INVALID_TOKEN', 'the API token is not valid', { wwwAuthenticate: `${REALM}, error="invalid_token"` }));
    }
    next();
  };
}
