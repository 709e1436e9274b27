// A test file's cluster: a real redis-server, two `polystep worker` processes, and the services the
// tests open (closed after the file's tests). Only one API may serve a queue, so `clusterService`
// closes the previous cluster API before it opens the next.

import { after, before } from 'node:test';
import request from 'supertest';
import { RedisServer, redisSkip } from '../../src/bench/redis-child.js';
import { startWorker, type WorkerProcess } from '../../src/bench/worker-child.js';
import { eventually, testService, type TestService } from './test-service.js';

type Overrides = Parameters<typeof testService>[0];

export interface ClusterFixture {
  /** The Redis server (started in `before`). */
  readonly redis: () => RedisServer;
  /** The worker processes, w1 and w2 (a test may replace one it killed). */
  readonly workers: WorkerProcess[];
  /** An in-process service (a local one to compare with, say), closed after the file's tests. */
  service(overrides?: Overrides): TestService;
  /** The cluster API, once its pool has seen `n` workers. */
  clusterService(n?: number, overrides?: Overrides): Promise<TestService>;
}

export function clusterForFile(): ClusterFixture {
  let redis: RedisServer | null = null;
  let cluster: TestService | undefined;
  const workers: WorkerProcess[] = [];
  const services: TestService[] = [];
  const service = (overrides: Overrides = {}): TestService => {
    const svc = testService(overrides);
    services.push(svc);
    return svc;
  };
  before(async () => {
    if (redisSkip) return;
    redis = await RedisServer.start();
    const url = redis.url;
    workers.push(...(await Promise.all([startWorker(url, 'w1'), startWorker(url, 'w2')])));
  });
  after(async () => {
    await Promise.all(services.map((s) => s.close()));
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });
  return {
    redis: () => {
      if (redis === null) throw new Error('Redis is not started (skipped, or read outside a test)');
      return redis;
    },
    workers,
    service,
    clusterService: async (n = 2, overrides = {}) => {
      if (cluster !== undefined) {
        services.splice(services.indexOf(cluster), 1);
        await cluster.close();
      }
      const svc = service({ redisUrl: redis?.url ?? null, ...overrides });
      cluster = svc;
      await eventually(async () => ((await request(svc.app).get('/readyz')).body.cluster?.workers.length === n ? true : undefined), 10_000);
      return svc;
    },
  };
}
