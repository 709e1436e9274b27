// `npm run bench:cluster`: throughput of a benchmark's worth of 1 s cells on 1 vs 2 `polystep worker`
// processes, and the per-job overhead of the Redis path against the in-process worker threads.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { RedisJobPool } from '../cluster/redis-job-pool.js';
import { INSTANCES_DIR } from '../instances/manifest.js';
import type { JobPool } from '../jobs/job-pool.js';
import type { RunJob } from '../jobs/run-job.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { RedisServer, redisSkip } from './redis-child.js';
import { startWorker, type WorkerProcess } from './worker-child.js';

const { values } = parseArgs({ options: { cells: { type: 'string', default: '60' }, 'cell-ms': { type: 'string', default: '1000' }, jobs: { type: 'string', default: '60' } } });
const CELLS = Number(values.cells);
const CELL_MS = Number(values['cell-ms']);
const JOBS = Number(values.jobs);
/** Unsatisfiable: a cell only stops at its time limit. */
const content = gzipSync(readFileSync(join(INSTANCES_DIR, 'satlib/uuf50-218/uuf50-01.cnf')));

function job(seed: number, termination: RunJob['termination']): RunJob {
  return {
    runId: `bench_${randomBytes(6).toString('hex')}`,
    contentGzip: new Uint8Array(content),
    family: 'maxsat',
    format: 'cnf',
    options: {},
    solver: 'walksat',
    backend: 'auto',
    preset: 'default',
    config: {},
    termination,
    seed,
    progressEveryMs: 60_000,
  };
}

/** Runs `n` jobs keeping the pool full; resolves with the wall time in ms. */
async function drive(pool: JobPool, n: number, make: (i: number) => RunJob): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const inFlight = new Set<Promise<unknown>>();
  while (next < n || inFlight.size > 0) {
    while (next < n && pool.idle > 0) {
      const p: Promise<unknown> = pool.run(make(next++), () => {}).then((final) => {
        if (final.type !== 'finished') throw new Error(`a job ended ${final.type}`);
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    if (inFlight.size > 0) await Promise.race(inFlight);
    else await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - t0;
}

async function clusterPool(redis: RedisServer, workers: number): Promise<RedisJobPool> {
  const pool = new RedisJobPool({ url: redis.url, queue: 'polystep', maxInFlight: 0, checkEveryMs: 200 });
  await pool.whenReady();
  while (pool.status().workers.length < workers) await new Promise((r) => setTimeout(r, 50));
  return pool;
}

async function main(): Promise<void> {
  if (redisSkip) throw new Error(redisSkip);
  const redis = await RedisServer.start();
  const workers: WorkerProcess[] = [];
  try {
    // Per-job overhead: tiny jobs one at a time, in-process thread vs one remote worker's thread.
    const tiny = (i: number) => job(i + 1, { maxSteps: 1 });
    const local = new WorkerPool({ size: 1 });
    await drive(local, 5, tiny);
    const localMs = (await drive(local, JOBS, tiny)) / JOBS;
    await local.close();
    workers.push(await startWorker(redis.url, 'bench-1'));
    let pool = await clusterPool(redis, 1);
    const remote = pool;
    const sequential: JobPool = { size: 1, closed: false, busy: 0, get idle() { return remote.busy === 0 ? 1 : 0; }, run: (j, e) => remote.run(j, e), cancel: (id) => remote.cancel(id), close: () => remote.close() };
    await drive(sequential, 5, tiny);
    const remoteMs = (await drive(sequential, JOBS, tiny)) / JOBS;
    console.log(`per-job overhead: ${(remoteMs - localMs).toFixed(1)} ms (${JOBS} one-step jobs one at a time: ${remoteMs.toFixed(1)} ms each through Redis, ${localMs.toFixed(1)} ms in-process)`);

    // Throughput: CELLS cells of CELL_MS each on one worker process, then on two (concurrency 1 each).
    const cell = (i: number) => job(i + 1, { timeLimitMs: CELL_MS });
    const oneMs = await drive(pool, CELLS, cell);
    await pool.close();
    workers.push(await startWorker(redis.url, 'bench-2'));
    pool = await clusterPool(redis, 2);
    const twoMs = await drive(pool, CELLS, cell);
    await pool.close();
    console.log(`throughput, ${CELLS} cells of ${CELL_MS} ms: 1 worker ${(oneMs / 1000).toFixed(1)} s, 2 workers ${(twoMs / 1000).toFixed(1)} s; ratio ${(oneMs / twoMs).toFixed(2)}×`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await redis.stop();
  }
}

await main();
