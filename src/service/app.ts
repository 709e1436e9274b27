// The express application: routes, JSON limits, request logs, and one error path to problem JSON.

import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ZodError } from 'zod';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { HttpProblem } from './http-problem.js';
import { benchmarkRoutes } from './routes/benchmarks.js';
import { healthRoutes } from './routes/health.js';
import { problemRoutes } from './routes/problems.js';
import { runRoutes } from './routes/runs.js';
import type { ServiceDeps } from './service-deps.js';

export const OPENAPI_PATH = resolve(INSTANCES_DIR, '../openapi.yaml');

export type Logger = (entry: Record<string, unknown>) => void;

function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      log({ at: new Date().toISOString(), requestId: id, method: req.method, path: req.originalUrl, status: res.statusCode, ms: Number((performance.now() - started).toFixed(1)) });
    });
    next();
  };
}

function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
    return new HttpProblem(400, 'INVALID_REQUEST', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.too.large') return new HttpProblem(413, 'BODY_TOO_LARGE', 'the request body is too large');
  if (e.type === 'entity.parse.failed') return new HttpProblem(400, 'MALFORMED_JSON', `the body is not valid JSON: ${e.message}`);
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return new HttpProblem(e.status, 'BAD_REQUEST', e.message ?? 'bad request');
  return new HttpProblem(500, 'INTERNAL', 'an unexpected error occurred');
}

function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    if (problem.status >= 500) log({ at: new Date().toISOString(), level: 'error', path: req.originalUrl, error: (err as Error).stack ?? String(err) });
    if (res.headersSent) return res.end();
    res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.body()));
  };
}

export function createApp(deps: ServiceDeps, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.config.logRequests) app.use(requestLog(log));
  app.use(express.json({ limit: deps.config.maxJsonBytes, type: 'application/json' }));
  app.use(healthRoutes(deps));
  app.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(readFileSync(OPENAPI_PATH, 'utf8'));
  });
  app.use('/v1/problems', problemRoutes({ ...deps, maxUploadBytes: deps.config.maxUploadBytes }));
  app.use('/v1/runs', runRoutes(deps));
  app.use('/v1/benchmarks', benchmarkRoutes(deps));
  app.use((req, _res, next) => next(new HttpProblem(404, 'NOT_FOUND', `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(log));
  return app;
}
