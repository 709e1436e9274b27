// Requests per minute per client (POLYSTEP_RATE_LIMIT), counted by express-rate-limit; over the limit
// a 429 problem with Retry-After. Every counted response carries the IETF RateLimit headers.

import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../common/app-error.js';
import { clientKey } from './client-key.js';

const WINDOW_MS = 60_000;

/** Counts every request of a client, refused ones included (failed token guesses are limited too); 0: no limit. */
export function rateLimitPerClient(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler: (_req, res, next) => {
      // The library has set Retry-After (seconds to the end of the window); the problem repeats it.
      const retryAfterSeconds = Math.max(1, Number(res.getHeader('Retry-After')) || Math.ceil(WINDOW_MS / 1000));
      next(new AppError('too_many_requests', 'RATE_LIMITED', `more than ${perMinute} requests a minute from this client; retry in ${retryAfterSeconds} s`, { retryAfterSeconds }));
    },
  });
}
