// Everything the HTTP layer uses, as the composition root hands it over.

import type { Database } from 'better-sqlite3';
import type { BenchmarkRepository } from '../store/benchmark-repository.js';
import type { BenchmarkService } from '../jobs/benchmark-service.js';
import type { RunService } from '../jobs/run-service.js';
import type { ClusterStatus } from '../cluster/redis-job-pool.js';
import type { JobPool } from '../jobs/job-pool.js';
import type { ProblemRepository } from '../store/problem-repository.js';
import type { RunEventRepository } from '../store/run-event-repository.js';
import type { RunRepository } from '../store/run-repository.js';
import type { ProblemService } from './problem-service.js';
import type { ServiceConfig } from './service-config.js';

export interface ServiceDeps {
  readonly config: ServiceConfig;
  readonly db: Database;
  readonly problems: ProblemRepository;
  readonly runs: RunRepository;
  readonly events: RunEventRepository;
  readonly pool: JobPool;
  /** The cluster's state for /readyz; null when jobs run in-process. */
  readonly cluster: (() => ClusterStatus) | null;
  readonly intake: ProblemService;
  readonly service: RunService;
  readonly benchmarks: BenchmarkRepository;
  readonly benchmarkService: BenchmarkService;
}
