import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { redisSkip } from '../src/bench/redis-child.js';
import { instancesDir } from './support/paths.js';
import { clusterForFile } from './support/test-cluster.js';
import { eventually, type TestService } from './support/test-service.js';

const uf50Text = () => readFileSync(join(instancesDir, 'satlib/uf50-218/uf50-01.cnf'), 'utf8');

const { redis, service, clusterService } = clusterForFile();

async function finished(svc: TestService, id: string, timeoutMs = 40_000): Promise<any> {
  return eventually(async () => {
    const b = (await request(svc.app).get(`/v1/benchmarks/${id}`).expect(200)).body;
    return ['completed', 'failed', 'cancelled', 'interrupted'].includes(b.status) ? b : undefined;
  }, timeoutMs);
}

/** Every cell by its key, with what a deterministic budget makes identical wherever it runs. */
function cells(svc: TestService, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of svc.deps.benchmarks.cells(id)) out[`${c.instance}|${c.solverKey}|${c.seed}`] = [c.objective?.toString(), c.steps, c.evaluations, c.error, c.curve.map((p) => p[1])];
  return out;
}

const small = { suite: 'satlib/uf50-218/uf50-0?.cnf', solvers: ['walksat', 'probsat'], seeds: 2, maxEvaluations: 3000 };

test('a benchmark on two remote workers stores every cell, each as it is in-process for the same seed', { skip: redisSkip }, async () => {
  const local = service({ workers: 2 });
  const cluster = await clusterService();
  const [a, b] = await Promise.all(
    [cluster, local].map(async (svc) => {
      const posted = await request(svc.app).post('/v1/benchmarks').send({ ...small, name: 'cluster-small' }).expect(202);
      const done = await finished(svc, posted.body.id);
      assert.deepEqual([done.status, done.progress.doneCells, done.progress.totalCells], ['completed', 36, 36]);
      return cells(svc, posted.body.id);
    }),
  );
  assert.equal(Object.keys(a).length, 36);
  assert.deepEqual(a, b);
  assert.ok(Object.values(a).every((c) => (c as unknown[])[3] === null), 'no error cells');
});

test('Redis restarted mid-benchmark: nothing is lost, every cell ends stored, the same as in-process', { skip: redisSkip }, async () => {
  const budget = { suite: 'satlib/uuf50-218/uuf50-0?.cnf', solvers: ['walksat'], seeds: 4, maxEvaluations: 40_000 };
  const local = service({ workers: 2 });
  const localId = (await request(local.app).post('/v1/benchmarks').send({ ...budget, name: 'restart' }).expect(202)).body.id;
  const cluster = await clusterService();
  const posted = await request(cluster.app).post('/v1/benchmarks').send({ ...budget, name: 'restart' }).expect(202);
  const id = posted.body.id;
  const atRestart = await eventually(async () => {
    const { progress } = (await request(cluster.app).get(`/v1/benchmarks/${id}`)).body;
    return progress.doneCells >= 4 ? progress.doneCells : undefined;
  }, 20_000);
  await redis().restart(500);
  const down = (await request(cluster.app).get('/readyz').expect(200)).body;
  assert.equal(down.status, 'ready', 'the API serves on while Redis is away');
  const done = await finished(cluster, id);
  assert.ok(atRestart < 36, `the restart came mid-benchmark (${atRestart} cells stored)`);
  assert.deepEqual([done.status, done.progress.doneCells, done.progress.totalCells], ['completed', 36, 36]);
  await finished(local, localId);
  assert.deepEqual(cells(cluster, id), cells(local, localId));
});

test('an interactive run submitted during a benchmark takes the next free slot: no cell is dispatched between its queueing and its start', { skip: redisSkip }, async () => {
  const cluster = await clusterService();
  const problemId = (await request(cluster.app).post('/v1/problems').set('Content-Type', 'text/plain').send(uf50Text()).expect((r) => assert.ok(r.status === 201 || r.status === 200))).body.id;
  const posted = await request(cluster.app).post('/v1/benchmarks').send({ suite: 'satlib/uuf50-218/uuf50-0?.cnf', solvers: ['walksat'], seeds: 4, timeLimitMs: 300, name: 'busy' }).expect(202);
  const progress = async () => (await request(cluster.app).get(`/v1/benchmarks/${posted.body.id}`).expect(200)).body.progress as { doneCells: number; totalCells: number };
  // every slot (two workers, one more job waiting in Redis) is held by a cell when the run comes
  await eventually(async () => ((await progress()).doneCells >= 4 ? true : undefined), 20_000);
  const runId = (await request(cluster.app).post('/v1/runs').send({ problemId, solver: 'walksat', termination: { maxSteps: 5 }, seed: 1 }).expect(202)).body.id;
  const run = await eventually(async () => {
    const r = (await request(cluster.app).get(`/v1/runs/${runId}`).expect(200)).body;
    return r.status === 'completed' ? r : undefined;
  }, 20_000);
  assert.ok((await progress()).doneCells < (await progress()).totalCells, 'the benchmark was still running');
  assert.equal((await finished(cluster, posted.body.id)).status, 'completed');
  // A cell is dispatched (handed to the pool) wallMs before it finished; the run when it started.
  const queued = Date.parse(run.timestamps.queuedAt);
  const started = Date.parse(run.timestamps.startedAt);
  const dispatched = cluster.deps.benchmarks.cells(posted.body.id).map((c) => Date.parse(c.finishedAt) - c.wallMs);
  // a few ms either side: the two clocks are read at slightly different moments
  const between = dispatched.filter((t) => t > queued + 5 && t < started - 5);
  assert.deepEqual(between, [], `cells dispatched while the run (queued at ${queued}, started at ${started}) waited`);
  assert.ok(dispatched.some((t) => t >= started), 'cells went on after the run started');
});
