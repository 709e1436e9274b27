// Liveness and readiness: the database answers, the evaluation backends, the queue's depth.

import { Router } from 'express';
import type { Database } from 'better-sqlite3';
import { gpuStatus } from '../../backends/gpu-probe.js';
import type { RunService } from '../../jobs/run-service.js';
import type { ClusterStatus } from '../../cluster/redis-job-pool.js';
import type { JobPool } from '../../jobs/job-pool.js';
import { INCREMENTAL_BACKEND } from '../../solvers/registry.js';

export function healthRoutes(deps: { db: Database; service: RunService; pool: JobPool; cluster: (() => ClusterStatus) | null; config: { readonly backend: string } }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    let queue = { queued: 0, running: 0 };
    let database = 'ok';
    try {
      deps.db.prepare('SELECT 1').get();
      queue = deps.service.queueDepth();
    } catch {
      database = 'unavailable';
    }
    const ready = database === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      database,
      backend: { polystep: INCREMENTAL_BACKEND, batchDefault: deps.config.backend, gpu: gpuStatus().status },
      workers: { size: deps.pool.size, busy: deps.pool.busy },
      queue,
      ...(deps.cluster === null ? {} : { cluster: deps.cluster() }),
    });
  });
  return router;
}
