// Liveness and readiness: the database answers, the backend in use, the queue's depth.

import { Router } from 'express';
import type { Database } from 'better-sqlite3';
import type { RunService } from '../../jobs/run-service.js';
import type { WorkerPool } from '../../jobs/worker-pool.js';

export function healthRoutes(deps: { db: Database; service: RunService; pool: WorkerPool }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    let database = 'ok';
    try {
      deps.db.prepare('SELECT 1').get();
    } catch {
      database = 'unavailable';
    }
    const ready = database === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      database,
      backend: 'cpu',
      workers: { size: deps.pool.size, busy: deps.pool.busy },
      queue: deps.service.queueDepth(),
    });
  });
  return router;
}
