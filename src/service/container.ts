// Composition root: the only place that knows tsyringe; builds the object graph from the config.

import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer, type InjectionToken } from 'tsyringe';
import type { Database } from 'better-sqlite3';
import { BenchmarkRepository } from '../store/benchmark-repository.js';
import { BenchmarkService } from '../jobs/benchmark-service.js';
import { RunService } from '../jobs/run-service.js';
import { RedisJobPool } from '../cluster/redis-job-pool.js';
import type { JobPool } from '../jobs/job-pool.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { closeDatabase, openDatabase } from '../store/db.js';
import { applyMigrations } from '../store/migrate.js';
import { ProblemRepository } from '../store/problem-repository.js';
import { RunEventRepository } from '../store/run-event-repository.js';
import { RunRepository } from '../store/run-repository.js';
import { IntakeClient } from './intake/intake-client.js';
import { ProblemService } from './problem-service.js';
import { problemLimits } from './security-config.js';
import type { ServiceConfig } from './service-config.js';
import type { ServiceDeps } from './service-deps.js';

export const CONFIG: InjectionToken<ServiceConfig> = Symbol('ServiceConfig');
export const DATABASE: InjectionToken<Database> = Symbol('Database');
/** Where runs and cells execute: worker threads here, or `polystep worker` processes through Redis (POLYSTEP_REDIS_URL). */
export const JOB_POOL: InjectionToken<JobPool> = Symbol('JobPool');

function singleton<T>(c: DependencyContainer, token: InjectionToken<T>, make: (c: DependencyContainer) => T): void {
  c.register(token, { useFactory: instanceCachingFactory(make) });
}

export function buildContainer(config: ServiceConfig): DependencyContainer {
  const c = rootContainer.createChildContainer();
  c.register(CONFIG, { useValue: config });
  singleton(c, DATABASE, () => {
    const db = openDatabase(config.databasePath);
    applyMigrations(db);
    return db;
  });
  singleton(c, ProblemRepository, (r) => new ProblemRepository(r.resolve(DATABASE)));
  singleton(c, RunRepository, (r) => new RunRepository(r.resolve(DATABASE)));
  singleton(c, RunEventRepository, (r) => new RunEventRepository(r.resolve(DATABASE)));
  singleton(c, JOB_POOL, () =>
    config.redisUrl === null
      ? new WorkerPool({ size: config.workers })
      : new RedisJobPool({ url: config.redisUrl, queue: config.redisQueue, maxInFlight: config.redisMaxInFlight, log: (e) => console.error(JSON.stringify(e)) }),
  );
  singleton(c, ProblemService, (r) => {
    const file = config.databasePath === ':memory:' || config.databasePath === '' ? null : config.databasePath;
    return new ProblemService(r.resolve(ProblemRepository), config.maxUploadBytes, new IntakeClient(), file, problemLimits(config));
  });
  singleton(c, RunService, (r) => {
    const pool = r.resolve(JOB_POOL);
    const service = new RunService(r.resolve(RunRepository), r.resolve(RunEventRepository), r.resolve(ProblemRepository), pool, {
      maxQueued: config.maxQueued,
      progressEveryMs: config.progressEveryMs,
      flushEveryMs: config.flushEveryMs,
      requeueInterrupted: config.requeueInterrupted,
      backend: config.backend,
      maxActivePerClient: config.maxActiveRunsPerClient,
      maxRunTimeMs: config.maxRunTimeMs,
    });
    // A remote worker joining frees capacity without a run ending: queued runs start then.
    if (pool instanceof RedisJobPool) pool.onIdle(() => service.schedule());
    return service;
  });
  singleton(c, BenchmarkRepository, (r) => new BenchmarkRepository(r.resolve(DATABASE)));
  singleton(c, BenchmarkService, (r) => {
    const runs = r.resolve(RunService);
    return new BenchmarkService(r.resolve(BenchmarkRepository), r.resolve(JOB_POOL), {
      backend: config.backend,
      beforeFill: () => runs.schedule(),
      caps: { maxCells: config.maxBenchmarkCells, maxCellTimeMs: config.maxCellTimeMs },
    });
  });
  return c;
}

export function resolveDeps(c: DependencyContainer): ServiceDeps {
  const pool = c.resolve(JOB_POOL);
  return {
    config: c.resolve(CONFIG),
    db: c.resolve(DATABASE),
    problems: c.resolve(ProblemRepository),
    runs: c.resolve(RunRepository),
    events: c.resolve(RunEventRepository),
    pool,
    cluster: pool instanceof RedisJobPool ? () => pool.status() : null,
    intake: c.resolve(ProblemService),
    service: c.resolve(RunService),
    benchmarks: c.resolve(BenchmarkRepository),
    benchmarkService: c.resolve(BenchmarkService),
  };
}

/** Stops benchmarks (interrupted) and runs (keeping their best), then closes the database. */
export async function disposeDeps(deps: ServiceDeps): Promise<void> {
  // Benchmarks first: their cells are aborted before the pool closes, so none is stored as a failure.
  const benchmarks = deps.benchmarkService.shutdown();
  await deps.service.shutdown(deps.config.shutdownGraceMs);
  await benchmarks;
  await deps.intake.close();
  closeDatabase(deps.db);
}
