import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { instancesDir } from './support/paths.js';
import { eventually, servicesClosedAfter, testService, type TestService } from './support/test-service.js';

const uf50 = readFileSync(join(instancesDir, 'satlib/uf50-218/uf50-01.cnf'), 'utf8');
const paper1k = readFileSync(join(instancesDir, 'paper/random-3sat-n1000-s42.cnf'), 'utf8');
const service = servicesClosedAfter();

async function upload(svc: TestService, content: string): Promise<string> {
  return (await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(content)).body.id;
}

async function finished(svc: TestService, id: string) {
  return eventually(async () => {
    const run = (await request(svc.app).get(`/v1/runs/${id}`)).body;
    return ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'].includes(run.status) ? run : undefined;
  }, 20_000);
}

const svc = service();

test('a run on a SATLIB uf50 instance completes with a cost the verifier confirms', async () => {
  const problemId = await upload(svc, uf50);
  const submitted = await request(svc.app).post('/v1/runs').send({ problemId, termination: { maxSteps: 400 }, seed: 4 });
  assert.equal(submitted.status, 202);
  assert.equal(submitted.headers.location, `/v1/runs/${submitted.body.id}`);
  const run = await finished(svc, submitted.body.id);
  assert.deepEqual([run.status, run.stopReason, run.steps, run.backend, run.backendRequest], ['completed', 'max_steps', 400, 'cpu (incremental)', 'auto']);
  assert.ok(run.timing.parseMs >= 0 && run.timing.solveMs > 0 && run.timing.queuedMs >= 0);
  const solution = (await request(svc.app).get(`/v1/runs/${run.id}/solution`).expect(200)).body;
  const parsed = parseDimacs(uf50);
  assert.ok(parsed.ok);
  const bits = Uint8Array.from(solution.assignment as string, (c) => Number(c));
  assert.equal(verifyAssignment(parsed.value, bits).cost.toString(), solution.cost);
  assert.equal(run.best.cost, solution.cost);
  const text = await request(svc.app).get(`/v1/runs/${run.id}/solution`).set('Accept', 'text/plain').expect(200);
  assert.match(text.text, new RegExp(`^o ${solution.cost}\\ns (SATISFIABLE|OPTIMUM FOUND)\\nv ${solution.assignment}\\n$`));
});

test('hard clauses that cannot all hold end the run at once as UNSATISFIABLE, with no model', async () => {
  for (const content of ['h 0\n1 1 0\n', 'h 1 2 0\nh -1 0\nh -2 0\n3 1 0\n']) {
    const created = await request(svc.app).post('/v1/problems?format=wcnf').set('Content-Type', 'text/plain').send(content).expect(201);
    for (const solver of ['walksat', 'polystep']) {
      const { body } = await request(svc.app).post('/v1/runs').send({ problemId: created.body.id, solver, termination: { timeLimitMs: 600_000 } }).expect(202);
      const run = await finished(svc, body.id);
      assert.deepEqual([run.status, run.stopReason, run.steps], ['completed', 'unsatisfiable', 0], content);
      const text = await request(svc.app).get(`/v1/runs/${run.id}/solution`).set('Accept', 'text/plain').expect(200);
      assert.equal(text.text, 's UNSATISFIABLE\n');
      const json = (await request(svc.app).get(`/v1/runs/${run.id}/solution`).expect(200)).body;
      assert.deepEqual([json.status, json.assignment], ['UNSATISFIABLE', null]);
    }
  }
});

test('a population solver runs on the batch backend it asked for, which the run records', async () => {
  const problemId = await upload(svc, uf50);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId, solver: 'openai-es', backend: 'cpu', termination: { maxSteps: 30 } }).expect(202);
  const run = await finished(svc, body.id);
  assert.deepEqual([run.status, run.solver, run.backendRequest, run.evaluations], ['completed', 'openai-es', 'cpu', 30 * 50]);
  assert.match(run.backend, /^cpu \(/);
  const gpu = await request(svc.app).post('/v1/runs').send({ problemId, solver: 'openai-es', backend: 'gpu', termination: { maxSteps: 5 } }).expect(202);
  const failed = await finished(svc, gpu.body.id);
  assert.equal(failed.status, 'failed');
  assert.match(failed.error, /tfjs-node-gpu/);
});

test('a problem accepted in relaxed mode also runs', async () => {
  const created = await request(svc.app).post('/v1/problems?format=cnf&mode=relaxed').set('Content-Type', 'text/plain').send('1 2 0\n-1 0\n-2 3 0\n');
  assert.equal(created.status, 201);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId: created.body.id, termination: { maxSteps: 50 } });
  const run = await finished(svc, body.id);
  assert.equal(run.status, 'completed', JSON.stringify(run.error));
  assert.equal(run.best.cost, '0');
});

test('the trace is served as JSON and CSV, and runs are listed with filters', async () => {
  const problemId = await upload(svc, uf50);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId, termination: { maxSteps: 300 } });
  await finished(svc, body.id);
  const trace = (await request(svc.app).get(`/v1/runs/${body.id}/trace`).expect(200)).body;
  assert.ok(trace.events.some((e: { type: string }) => e.type === 'progress'));
  assert.ok(trace.events.every((e: { type: string }) => e.type !== 'status'));
  const csv = await request(svc.app).get(`/v1/runs/${body.id}/trace`).set('Accept', 'text/csv').expect(200);
  assert.match(csv.headers['content-type'], /text\/csv/);
  assert.equal(csv.text.split('\n')[0], 'seq,type,status,step,evaluations,elapsedMs,cost,bestCost,bestObjective,feasible,createdAt,metric.satRatio,metric.falsifiedClauses,attempt');
  assert.equal(csv.text.trim().split('\n').length, trace.events.length + 1);
  const list = (await request(svc.app).get(`/v1/runs?problemId=${problemId}&status=completed`).expect(200)).body;
  assert.ok(list.items.length >= 1 && list.items.every((r: { status: string }) => r.status === 'completed'));
});

test('the event stream replays, delivers progress and closes at the terminal status; Last-Event-ID resumes', async () => {
  const { body } = await request(svc.app).post('/v1/runs').send({ problem: { format: 'cnf', content: uf50 }, termination: { maxSteps: 600 } });
  const stream = await request(svc.app).get(`/v1/runs/${body.id}/events`).buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => done(null, text));
  });
  assert.match(stream.headers['content-type'], /text\/event-stream/);
  const events = (stream.body as string).trim().split('\n\n').map((block) => Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
  assert.deepEqual(events.map((e) => Number(e.id)), events.map((_, i) => i + 1));
  assert.ok(events.some((e) => e.event === 'progress'));
  assert.ok(events.some((e) => e.event === 'improvement'));
  assert.deepEqual(JSON.parse(events[events.length - 1].data).status, 'completed');
  const resumed = await request(svc.app).get(`/v1/runs/${body.id}/events`).set('Last-Event-ID', '3').buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => done(null, text));
  });
  assert.match(resumed.body as string, /^id: 4\n/);
});

test('cancelling a running run keeps its best assignment', async () => {
  const problemId = await upload(svc, paper1k);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId, termination: { maxSteps: 100_000_000 } });
  await eventually(async () => ((await request(svc.app).get(`/v1/runs/${body.id}`)).body.best !== null ? true : undefined));
  const cancel = await request(svc.app).delete(`/v1/runs/${body.id}`).expect(202);
  assert.ok(cancel.body.timestamps.cancelRequestedAt);
  const run = await finished(svc, body.id);
  assert.deepEqual([run.status, run.stopReason], ['cancelled', 'aborted']);
  const solution = (await request(svc.app).get(`/v1/runs/${body.id}/solution`).expect(200)).body;
  assert.equal(solution.assignment.length, 1000);
  assert.equal(solution.cost, run.best.cost);
  await request(svc.app).delete(`/v1/runs/${body.id}`).expect(409);
});

test('a full queue answers 429 with Retry-After; a queued run cancels at once', async () => {
  const small = service({ maxQueued: 1 });
  const problemId = await upload(small, paper1k);
  const long = { problemId, termination: { maxSteps: 100_000_000 } };
  const running = (await request(small.app).post('/v1/runs').send(long).expect(202)).body.id;
  await eventually(async () => ((await request(small.app).get(`/v1/runs/${running}`)).body.status === 'running' ? true : undefined));
  const queued = (await request(small.app).post('/v1/runs').send(long).expect(202)).body;
  assert.equal(queued.status, 'queued');
  const full = await request(small.app).post('/v1/runs').send(long);
  assert.deepEqual([full.status, full.body.code, full.headers['retry-after']], [429, 'QUEUE_FULL', '5']);
  const cancelled = await request(small.app).delete(`/v1/runs/${queued.id}`).expect(202);
  assert.equal(cancelled.body.status, 'cancelled');
  await request(small.app).get(`/v1/runs/${queued.id}/solution`).expect(409);
  await request(small.app).delete(`/v1/runs/${running}`).expect(202);
  await request(small.app).delete(`/v1/problems/${problemId}`).expect((res) => assert.ok(res.status === 204 || res.status === 409));
});

test('invalid run requests are 400 with the offending field', async () => {
  const problemId = await upload(svc, uf50);
  const cases: [object, string][] = [
    [{ problemId, config: { particleDim: 1 } }, 'config.particleDim'],
    [{ problemId, config: { speed: 3 } }, 'config'],
    [{ problemId, termination: { maxSteps: 0 } }, 'termination.maxSteps'],
    [{}, 'problemId'],
    [{ problemId, preset: 'turbo' }, 'preset'],
  ];
  for (const [body, path] of cases) {
    const res = await request(svc.app).post('/v1/runs').send(body);
    assert.deepEqual([res.status, res.body.code], [400, 'INVALID_REQUEST'], JSON.stringify(body));
    assert.ok(res.body.issues.some((i: { path: string }) => i.path === path), `${path} in ${JSON.stringify(res.body.issues)}`);
  }
  await request(svc.app).post('/v1/runs').send({ problemId: 'prb_missing' }).expect(404);
  const bad = await request(svc.app).post('/v1/runs').send({ problem: { format: 'cnf', content: 'p cnf 1 1\n2 0\n' } });
  assert.deepEqual([bad.status, bad.body.issues[0].code], [422, 'LITERAL_OUT_OF_RANGE']);
});

test('a restart marks a run left running as interrupted, or re-queues it when configured', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-restart-'));
  const databasePath = join(dir, 'p.db');
  const first = testService({ databasePath });
  const problemId = await upload(first, uf50);
  const leftRunning = (id: string) => first.deps.runs.markRunning(id, 'cpu');
  const a = first.deps.runs.create({ problemId, solver: 'polystep', preset: 'default', config: {}, termination: { maxSteps: 100 }, seed: 0, family: 'maxsat', sense: 'min' });
  const b = first.deps.runs.create({ problemId, solver: 'polystep', preset: 'default', config: {}, termination: { maxSteps: 100 }, seed: 0, family: 'maxsat', sense: 'min' });
  assert.ok(leftRunning(a.id));
  await first.close();
  const second = testService({ databasePath });
  assert.equal(second.deps.runs.get(a.id)?.status, 'interrupted');
  assert.ok(second.deps.runs.get(a.id)?.finishedAt);
  assert.equal((await finished(second, b.id)).status, 'completed', 'the queued run was picked up after the restart');
  assert.ok(second.deps.runs.markRunning(second.deps.runs.create({ problemId, solver: 'polystep', preset: 'default', config: {}, termination: { maxSteps: 50 }, seed: 0, family: 'maxsat', sense: 'min' }).id, 'cpu'));
  await second.close();
  const third = service({ databasePath, requeueInterrupted: true });
  const requeued = third.deps.runs.list({ limit: 10, offset: 0 }).items.find((r) => r.termination.maxSteps === 50);
  assert.ok(requeued);
  assert.equal((await finished(third, requeued.id)).status, 'completed');
});

test('while a run goes on, the text solution gives its best objective and status but no model yet', async () => {
  const graph = readFileSync(join(instancesDir, 'gset/G1.txt'), 'utf8');
  const created = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(graph).expect(201);
  assert.deepEqual([created.body.family, created.body.sense], ['maxcut', 'max']);
  const { body } = await request(svc.app).post('/v1/runs').send({ problemId: created.body.id, solver: 'tabu', termination: { timeLimitMs: 60_000 } }).expect(202);
  const running = await eventually(async () => {
    const run = (await request(svc.app).get(`/v1/runs/${body.id}`)).body;
    return run.status === 'running' && run.best !== null ? run : undefined;
  }, 20_000);
  const text = (await request(svc.app).get(`/v1/runs/${body.id}/solution`).set('Accept', 'text/plain').expect(200)).text;
  const objective = /^o (\d+)$/m.exec(text)?.[1];
  assert.ok(objective !== undefined && BigInt(objective) >= BigInt(running.best.objective), text);
  assert.match(text, /^c objective: cut weight \(maximised\)\no \d+\ns SATISFIABLE\n$/);
  await request(svc.app).delete(`/v1/runs/${body.id}`).expect(202);
  const done = await finished(svc, body.id);
  const final = (await request(svc.app).get(`/v1/runs/${body.id}/solution`).set('Accept', 'text/plain').expect(200)).text;
  assert.match(final, new RegExp(`^c objective: cut weight \\(maximised\\)\\no ${done.best.objective}\\ns SATISFIABLE\\nv [01]{800}\\n$`));
});
