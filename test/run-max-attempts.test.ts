// Per-run attempts: a run whose process died is queued again only while it has attempts left.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { assertMatchesOpenApi } from './support/openapi.js';
import { instancesDir } from './support/paths.js';
import { testService } from './support/test-service.js';

const dir = mkdtempSync(join(tmpdir(), 'polystep-attempts-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const uf20 = readFileSync(join(instancesDir, 'satlib/uf20-91/uf20-01.cnf'), 'utf8');

test('maxAttempts: default 1, kept with the run, refused outside 1–10', async () => {
  const svc = testService({ workers: 1 });
  try {
    const problemId = (await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(uf20).expect(201)).body.id;
    const plain = (await request(svc.app).post('/v1/runs').send({ problemId, solver: 'walksat', termination: { maxSteps: 1 } }).expect(202)).body.id;
    const asked = (await request(svc.app).post('/v1/runs').send({ problemId, solver: 'walksat', termination: { maxSteps: 1 }, maxAttempts: 3 }).expect(202)).body.id;
    const res = await request(svc.app).get(`/v1/runs/${asked}`).expect(200);
    assertMatchesOpenApi('GET', `/v1/runs/${asked}`, res);
    assert.equal(res.body.maxAttempts, 3);
    assert.equal((await request(svc.app).get(`/v1/runs/${plain}`).expect(200)).body.maxAttempts, 1);
    for (const maxAttempts of [0, 11, 1.5]) {
      const refused = await request(svc.app).post('/v1/runs').send({ problemId, maxAttempts }).expect(400);
      assert.ok(JSON.stringify(refused.body).includes('maxAttempts'), `maxAttempts ${maxAttempts} is named in the error`);
    }
  } finally {
    await svc.close();
  }
});

test('recovery re-queues a run left running while it has attempts left, and interrupts one on its last', async () => {
  const databasePath = join(dir, 'attempts.db');
  // A process that "dies" with three runs marked running: nothing ever started them on its pool.
  const first = testService({ databasePath, workers: 1 });
  const problemId = (await request(first.app).post('/v1/problems').set('Content-Type', 'text/plain').send(uf20).expect(201)).body.id;
  const base = { problemId, solver: 'walksat', preset: 'default', config: {}, termination: { maxSteps: 1 }, seed: 1, family: 'maxsat', sense: 'min' } as const;
  // one already on its second and last attempt (a crash before queued it again)
  const last = first.deps.runs.create({ ...base, maxAttempts: 2 }).id;
  assert.ok(first.deps.runs.markRunning(last, 'starting'));
  assert.deepEqual(first.deps.runs.requeueRunning(true), [last]);
  assert.ok(first.deps.runs.markRunning(last, 'starting'));
  const once = first.deps.runs.create({ ...base }).id;
  const twice = first.deps.runs.create({ ...base, maxAttempts: 2 }).id;
  for (const id of [once, twice]) assert.ok(first.deps.runs.markRunning(id, 'starting'));
  await first.close();

  const second = testService({ databasePath, workers: 1 });
  const run = (id: string) => second.deps.runs.get(id);
  try {
    assert.deepEqual([run(once)?.status, run(once)?.stopReason, run(once)?.attempt], ['interrupted', 'crashed', 1]);
    assert.deepEqual([run(last)?.status, run(last)?.stopReason, run(last)?.attempt], ['interrupted', 'crashed', 2], 'no attempt left');
    assert.equal(run(twice)?.attempt, 2, 'queued again as its second attempt');
    assert.ok(['queued', 'running', 'completed'].includes(run(twice)?.status ?? ''), `then started as usual (${run(twice)?.status})`);
  } finally {
    await second.close();
  }
});
