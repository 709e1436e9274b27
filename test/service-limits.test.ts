import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEFAULT_SERVICE_CONFIG } from '../src/service/service-config.js';
import { instancesDir } from './support/paths.js';
import { eventually, servicesClosedAfter, testService, type TestService } from './support/test-service.js';

const service = servicesClosedAfter();
const uuf50 = readFileSync(join(instancesDir, 'satlib/uuf50-218/uuf50-01.cnf'), 'utf8');
/** Unsatisfiable, so no solver stops early: only a step budget or a time limit ends a run on it. */
const endless = { termination: { maxSteps: 1_000_000_000 }, solver: 'walksat' };

async function upload(svc: TestService, content: string): Promise<string> {
  return (await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(content).expect(201)).body.id as string;
}

async function ended(svc: TestService, id: string): Promise<{ status: string; stopReason: string }> {
  return eventually(async () => {
    const run = (await request(svc.app).get(`/v1/runs/${id}`)).body as { status: string; stopReason: string };
    return ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'].includes(run.status) ? run : undefined;
  }, 20_000);
}

test('a client with POLYSTEP_MAX_ACTIVE_RUNS queued or running runs gets 429 until one ends; other clients do not count', async () => {
  const svc = service({ maxActiveRunsPerClient: 2 });
  const problemId = await upload(svc, uuf50);
  const first = (await request(svc.app).post('/v1/runs').send({ problemId, ...endless }).expect(202)).body.id as string;
  await request(svc.app).post('/v1/runs').send({ problemId, ...endless }).expect(202);
  const refused = await request(svc.app).post('/v1/runs').send({ problemId, ...endless });
  assert.deepEqual([refused.status, refused.body.code, refused.headers['retry-after']], [429, 'TOO_MANY_ACTIVE_RUNS', '5']);
  assert.equal((await request(svc.app).get('/v1/runs')).body.total, 2, 'nothing was queued');
  // Another client's runs (submitted with another key) leave this client's count alone.
  svc.deps.service.submit({ problemId, solver: 'walksat', preset: 'default', config: {}, termination: { maxSteps: 5 }, seed: 0, family: 'maxsat', sense: 'min', clientKey: '203.0.113.9' });
  await request(svc.app).delete(`/v1/runs/${first}`).expect(202);
  await ended(svc, first);
  await request(svc.app).post('/v1/runs').send({ problemId, termination: { maxSteps: 5 } }).expect(202);
});

test('the active runs a client has are remembered across a restart', { timeout: 60_000 }, async () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'polystep-limits-')), 'runs.db');
  const before = testService({ databasePath, maxActiveRunsPerClient: 2 });
  const problemId = await upload(before, uuf50);
  for (let i = 0; i < 2; i++) await request(before.app).post('/v1/runs').send({ problemId, ...endless }).expect(202);
  await before.close();
  // A graceful stop interrupts the running run; the queued one is still this client's after the restart.
  const after = testService({ databasePath, maxActiveRunsPerClient: 2 });
  try {
    const active = async () => (await request(after.app).get('/v1/runs?status=queued')).body.total + (await request(after.app).get('/v1/runs?status=running')).body.total;
    assert.equal(await active(), 1);
    await request(after.app).post('/v1/runs').send({ problemId, ...endless }).expect(202);
    const refused = await request(after.app).post('/v1/runs').send({ problemId, ...endless });
    assert.deepEqual([refused.status, refused.body.code], [429, 'TOO_MANY_ACTIVE_RUNS']);
  } finally {
    await after.close();
    rmSync(join(databasePath, '..'), { recursive: true, force: true });
  }
});

test('a run may not ask for more than POLYSTEP_MAX_RUN_TIME_MS, and one without a time limit stops there', async () => {
  const svc = service({ maxRunTimeMs: 300 });
  const problemId = await upload(svc, uuf50);
  const tooLong = await request(svc.app).post('/v1/runs').send({ problemId, termination: { timeLimitMs: 301 } });
  assert.deepEqual([tooLong.status, tooLong.body.code], [400, 'TIME_LIMIT_TOO_LONG']);
  assert.match(tooLong.body.detail, /300 ms/);
  const capped = (await request(svc.app).post('/v1/runs').send({ problemId, ...endless }).expect(202)).body.id as string;
  assert.deepEqual(await ended(svc, capped).then((r) => [r.status, r.stopReason]), ['timed_out', 'time_limit']);
  const byDefault = service();
  const day = await request(byDefault.app).post('/v1/runs').send({ problemId: await upload(byDefault, uuf50), termination: { timeLimitMs: 24 * 3600 * 1000 } });
  assert.deepEqual([day.status, day.body.code], [400, 'TIME_LIMIT_TOO_LONG'], 'a day is over the default cap');
});

test('a 19-byte upload declaring 20 million variables is refused at intake with 413 LIMIT_EXCEEDED', async () => {
  const svc = service();
  const res = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('p cnf 20000000 1\n1 0\n');
  assert.deepEqual([res.status, res.body.code], [413, 'LIMIT_EXCEEDED']);
  assert.match(res.body.detail, /20000000 variables exceed the limit of 10000000/);
  assert.equal(res.body.issues[0].line, 1);
  const inline = await request(svc.app).post('/v1/runs').send({ problem: { format: 'cnf', content: 'p cnf 20000000 1\n1 0\n' } });
  assert.deepEqual([inline.status, inline.body.code], [413, 'LIMIT_EXCEEDED']);
  assert.equal((await request(svc.app).get('/v1/problems')).body.total, 0);
});

test('the variable and clause caps count what a problem declares and what it uses', async () => {
  const svc = service({ maxVariables: 100, maxClauses: 2 });
  const refusals = [
    ['/v1/problems', 'p cnf 101 1\n1 0\n'],
    ['/v1/problems?mode=relaxed', 'p cnf 3 1\n101 0\n'],
    ['/v1/problems?format=wcnf', 'h 1 0\n1 101 0\n'],
    ['/v1/problems', 'p cnf 3 3\n1 0\n2 0\n3 0\n'],
    ['/v1/problems?format=wcnf', 'h 1 0\n1 2 0\n1 3 0\n'],
  ];
  for (const [path, content] of refusals) {
    const res = await request(svc.app).post(path).set('Content-Type', 'text/plain').send(content);
    assert.deepEqual([res.status, res.body.code], [413, 'LIMIT_EXCEEDED'], content);
  }
  assert.equal((await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('p cnf 100 2\n1 0\n100 0\n')).status, 201);
  const off = service({ maxVariables: 0 });
  assert.equal((await request(off.app).post('/v1/problems').set('Content-Type', 'text/plain').send('p cnf 20000000 1\n1 0\n')).status, 201, '0 turns the cap off');
});

test('a benchmark over the cell cap or the cell time cap is refused before anything is stored', async () => {
  const svc = service({ maxBenchmarkCells: 39 });
  const body = { suite: 'satlib/uf20-91', solvers: ['walksat', 'probsat'], seeds: 1, timeLimitMs: 100 };
  const cells = await request(svc.app).post('/v1/benchmarks').send(body);
  assert.deepEqual([cells.status, cells.body.code], [400, 'TOO_MANY_CELLS']);
  assert.match(cells.body.detail, /40 cells/);
  const time = await request(svc.app).post('/v1/benchmarks').send({ ...body, solvers: 'walksat', timeLimitMs: DEFAULT_SERVICE_CONFIG.maxCellTimeMs + 1 });
  assert.deepEqual([time.status, time.body.code], [400, 'TIME_LIMIT_TOO_LONG']);
  // The issue's 845,000 cells of a day each, under the default caps.
  const byDefault = service();
  const huge = await request(byDefault.app).post('/v1/benchmarks').send({ suite: 'satlib-small', solvers: ['walksat', 'probsat', 'polystep:default', 'polystep:paper', 'hybrid'], seeds: 1000, maxEvaluations: 1000 });
  assert.deepEqual([huge.status, huge.body.code], [400, 'TOO_MANY_CELLS']);
  const day = await request(byDefault.app).post('/v1/benchmarks').send({ suite: 'satlib/uf20-91/uf20-01.cnf', solvers: 'walksat', seeds: 1, timeLimitMs: 24 * 3600 * 1000 });
  assert.deepEqual([day.status, day.body.code], [400, 'TIME_LIMIT_TOO_LONG']);
  assert.equal((await request(svc.app).get('/v1/benchmarks')).body.total + (await request(byDefault.app).get('/v1/benchmarks')).body.total, 0);
});

test('a benchmark cell without a time limit stops at POLYSTEP_MAX_CELL_TIME_MS', { timeout: 60_000 }, async () => {
  const svc = service({ maxCellTimeMs: 300 });
  const created = await request(svc.app).post('/v1/benchmarks').send({ suite: 'satlib/uuf50-218/uuf50-01.cnf', solvers: 'walksat', seeds: 1, maxEvaluations: Number.MAX_SAFE_INTEGER }).expect(202);
  const id = created.body.id as string;
  await eventually(async () => ((await request(svc.app).get(`/v1/benchmarks/${id}`)).body.status === 'completed' ? true : undefined), 30_000);
  const totals = (await request(svc.app).get(`/v1/benchmarks/${id}/report`).expect(200)).body.summary.totals as { cells?: number; errors: number }[];
  assert.deepEqual(totals.map((t) => t.errors), [0], 'the cell ended normally, at the cap');
});
