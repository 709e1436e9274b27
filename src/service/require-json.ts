// Operations that take only a JSON body refuse any other media type (415), a missing body included.

import type { NextFunction, Request, Response } from 'express';
import { AppError, echo } from '../common/app-error.js';

/**
 * Express parses only `application/json` bodies: without this check, a text/plain or form body would
 * reach the schema as "no body" and be refused as invalid (400) instead of unsupported (415).
 */
// Generic in the route's parameters, so putting it first keeps the handler after it typed by its path.
export function requireJson<P>(req: Request<P>, _res: Response, next: NextFunction): void {
  if (req.is('application/json') === 'application/json') return next();
  const type = req.headers['content-type'];
  const got = type === undefined ? 'no Content-Type' : `not ${echo(type)}`;
  next(new AppError('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', `send the body as application/json, ${got}`));
}
