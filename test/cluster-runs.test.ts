import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import request from 'supertest';
import { startWorker, type WorkerProcess } from '../src/bench/worker-child.js';
import { assertMatchesOpenApi } from './support/openapi.js';
import { instancesDir } from './support/paths.js';
import { redisSkip } from '../src/bench/redis-child.js';
import { clusterForFile } from './support/test-cluster.js';
import { eventually, type TestService } from './support/test-service.js';

const uf50 = readFileSync(join(instancesDir, 'satlib/uf50-218/uf50-01.cnf'), 'utf8');
/** Unsatisfiable: a run on it only stops at its budget, so it is still running when the test acts. */
const uuf50 = readFileSync(join(instancesDir, 'satlib/uuf50-218/uuf50-01.cnf'), 'utf8');
const TERMINAL = ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];

const { redis, workers, service, clusterService } = clusterForFile();

async function upload(svc: TestService, content: string): Promise<string> {
  return (await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(content).expect(201)).body.id;
}

async function run(svc: TestService, id: string, wanted: (r: any) => boolean = (r) => TERMINAL.includes(r.status), timeoutMs = 30_000): Promise<any> {
  return eventually(async () => {
    const r = (await request(svc.app).get(`/v1/runs/${id}`).expect(200)).body;
    return wanted(r) ? r : undefined;
  }, timeoutMs);
}

const specs = [
  { solver: 'polystep', seed: 1, termination: { maxSteps: 300 } },
  { solver: 'polystep', seed: 2, termination: { maxSteps: 300 } },
  { solver: 'walksat', seed: 3, termination: { maxSteps: 2000 } },
  { solver: 'probsat', seed: 4, termination: { maxSteps: 2000 } },
];

test('runs on two remote workers end as they do in-process for the same seeds, with their traces and solutions', { skip: redisSkip }, async () => {
  const local = service({ workers: 2 });
  const cluster = await clusterService(2);
  const readyz = await request(cluster.app).get('/readyz').expect(200);
  assertMatchesOpenApi('GET', '/readyz', readyz);
  const ready = readyz.body;
  assert.deepEqual(ready.cluster.workers.map((w: any) => [w.name, w.concurrency]), [['w1', 1], ['w2', 1]]);
  assert.deepEqual([ready.cluster.redis, ready.cluster.capacity, ready.workers.size], ['ok', 3, 3]);

  const outcome = async (svc: TestService) => {
    const problemId = await upload(svc, uf50);
    const ids = await Promise.all(specs.map(async (s) => (await request(svc.app).post('/v1/runs').send({ problemId, ...s }).expect(202)).body.id as string));
    return Promise.all(
      ids.map(async (id) => {
        const r = await run(svc, id);
        const solution = (await request(svc.app).get(`/v1/runs/${id}/solution`).expect(200)).body;
        const events = (await request(svc.app).get(`/v1/runs/${id}/trace`).expect(200)).body;
        const improvements = events.events.filter((e: any) => e.type === 'improvement').map((e: any) => [e.step, e.bestCost]);
        return { status: r.status, stopReason: r.stopReason, steps: r.steps, evaluations: r.evaluations, best: r.best, assignment: solution.assignment, improvements };
      }),
    );
  };
  const [remote, inProcess] = await Promise.all([outcome(cluster), outcome(local)]);
  assert.deepEqual(remote, inProcess);
  assert.ok(remote.every((r) => r.status === 'completed' && r.improvements.length > 0), JSON.stringify(remote.map((r) => [r.status, r.improvements.length])));
});

/** The worker process running `runId` now, as BullMQ records it. */
async function workerRunning(runId: string): Promise<WorkerProcess> {
  const queue = new Queue('polystep', { connection: { host: '127.0.0.1', port: redis().port } });
  try {
    return await eventually(async () => {
      const job = (await queue.getActive()).find((j) => (j.data as any).job.runId === runId);
      return workers.find((w) => w.name === job?.processedBy);
    }, 10_000);
  } finally {
    await queue.close();
  }
}

async function replace(dead: WorkerProcess): Promise<void> {
  workers.splice(workers.indexOf(dead), 1, await startWorker(redis().url, dead.name));
}

test('a cancelled remote run stops within a second and keeps its best', { skip: redisSkip }, async () => {
  const svc = await clusterService(2);
  const problemId = await upload(svc, uuf50);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId, solver: 'walksat', termination: { timeLimitMs: 60_000 } }).expect(202);
  await run(svc, body.id, (r) => r.best !== null);
  const asked = Date.now();
  await request(svc.app).delete(`/v1/runs/${body.id}`).expect(202);
  const done = await run(svc, body.id, (r) => TERMINAL.includes(r.status), 5000);
  const tookMs = Date.now() - asked;
  assert.deepEqual([done.status, done.stopReason], ['cancelled', 'aborted']);
  assert.ok(done.best !== null && done.steps > 0);
  assert.ok(tookMs < 1500, `cancelled after ${tookMs} ms`);
});

test('a run whose worker is killed (kill -9) ends interrupted with its best kept, once BullMQ finds it stalled', { skip: redisSkip }, async () => {
  const svc = await clusterService(2);
  const problemId = await upload(svc, uuf50);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId, solver: 'walksat', termination: { timeLimitMs: 60_000 } }).expect(202);
  await run(svc, body.id, (r) => r.best !== null);
  const victim = await workerRunning(body.id);
  const killedAt = Date.now();
  await victim.kill9();
  const done = await run(svc, body.id, (r) => TERMINAL.includes(r.status), 15_000);
  const detectedMs = Date.now() - killedAt;
  assert.deepEqual([done.status, done.stopReason], ['interrupted', 'crashed']);
  assert.ok(done.best !== null, 'the best reported before the kill is kept');
  assert.ok(detectedMs < 8000, `noticed after ${detectedMs} ms`);
  await replace(victim);
});

test('a run that asked for 2 attempts, whose worker is killed, runs again elsewhere and ends as it does in-process', { skip: redisSkip }, async () => {
  const spec = { solver: 'walksat', seed: 7, termination: { maxSteps: 12_000 }, maxAttempts: 2 };
  const local = service({ workers: 1 });
  const localId = (await request(local.app).post('/v1/runs').send({ problemId: await upload(local, uuf50), ...spec }).expect(202)).body.id;
  // the service re-queues only runs that ask for it (POLYSTEP_REQUEUE_INTERRUPTED is off)
  const svc = await clusterService(2, { requeueInterrupted: false });
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId: await upload(svc, uuf50), ...spec }).expect(202);
  await run(svc, body.id, (r) => r.best !== null);
  const victim = await workerRunning(body.id);
  await victim.kill9();
  const [remote, inProcess] = await Promise.all([run(svc, body.id), run(local, localId)]);
  const summary = (r: any) => [r.status, r.stopReason, r.steps, r.evaluations, r.best?.cost, r.attempt];
  assert.deepEqual(summary(remote), [...summary(inProcess).slice(0, 5), 2]);
  await replace(victim);
});
