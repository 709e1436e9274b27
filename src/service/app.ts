// The express application: routes, JSON limits, request logs, and one error path to problem JSON.

import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { AppError, echo } from '../common/app-error.js';
import { redactAccessToken } from './api-token.js';
import { problemResponse } from './http-problem.js';
import { refuseOtherMethods } from './method-not-allowed.js';
import { benchmarkRoutes } from './routes/benchmarks.js';
import { catalogRoutes } from './routes/catalog.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { problemRoutes } from './routes/problems.js';
import { runRoutes } from './routes/runs.js';
import { securityGuards } from './security.js';
import type { ServiceDeps } from './service-deps.js';
import { keepRawJson } from './raw-json.js';

export const OPENAPI_PATH = resolve(INSTANCES_DIR, '../openapi.yaml');

export type Logger = (entry: Record<string, unknown>) => void;

function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      log({ at: new Date().toISOString(), requestId: id, method: req.method, path: redactAccessToken(req.originalUrl), status: res.statusCode, ms: Number((performance.now() - started).toFixed(1)) });
    });
    next();
  };
}

function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = problemResponse(err);
    if (problem.status >= 500) log({ at: new Date().toISOString(), level: 'error', path: redactAccessToken(req.originalUrl), error: (err as Error).stack ?? String(err) });
    if (res.headersSent) return res.end();
    res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.body));
  };
}

export function createApp(deps: ServiceDeps, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.config.logRequests) app.use(requestLog(log));
  app.use(securityGuards(deps.config));
  app.use(express.json({ limit: deps.config.maxJsonBytes, type: 'application/json', verify: keepRawJson }));
  app.use(healthRoutes(deps));
  app.use(dashboardRoutes());
  app.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(readFileSync(OPENAPI_PATH, 'utf8'));
  });
  app.use('/v1/problems', problemRoutes({ ...deps, maxUploadBytes: deps.config.maxUploadBytes }));
  app.use('/v1/runs', runRoutes(deps));
  app.use('/v1/benchmarks', benchmarkRoutes(deps));
  app.use('/v1/catalog', catalogRoutes());
  refuseOtherMethods(app.router.stack);
  app.use((req, _res, next) => next(new AppError('not_found', 'NOT_FOUND', `no route for ${req.method} ${echo(req.path)}`)));
  app.use(errorHandler(log));
  return app;
}
