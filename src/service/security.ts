// The guards every request passes before its body is read: rate limit, cross-site refusal, API token.
// The health probes pass none of them (orchestrators call them without credentials, and often).

import type { RequestHandler } from 'express';
import { requireApiToken } from './api-token.js';
import { refuseCrossSite } from './cross-site.js';
import { rateLimitPerClient } from './rate-limit.js';
import type { SecurityConfig } from './security-config.js';

const PROBES = new Set(['/healthz', '/readyz']);

function exceptProbes(guard: RequestHandler): RequestHandler {
  return (req, res, next) => (PROBES.has(req.path) ? next() : guard(req, res, next));
}

/**
 * In order: the rate limit first, so refused requests (token guesses too) count; then cross-site
 * refusal; then the token, which only /v1 needs (this document, /openapi.yaml, stays public).
 */
export function securityGuards(config: SecurityConfig & { readonly host: string }): RequestHandler[] {
  return [
    exceptProbes(rateLimitPerClient(config.rateLimitPerMinute)),
    exceptProbes(refuseCrossSite({ allowedOrigins: config.allowedOrigins, host: config.host })),
    requireApiToken(config.apiToken),
  ];
}
