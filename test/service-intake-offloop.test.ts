import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { listen, openRequest, replyOf, type Reply } from './support/listening.js';
import { eventually, testService } from './support/test-service.js';

const svc = testService({ maxUploadBytes: 64 << 20 });
const server = await listen(svc.app);
after(async () => {
  await server.close();
  await svc.close();
});

/** 4 M clauses, 36 MB of text: hundreds of milliseconds of parsing, sent as 40 KB of gzip. */
const CLAUSES = 4_000_000;
const TEXT = Buffer.concat([Buffer.from(`p cnf 3 ${CLAUSES}\n`), Buffer.alloc(CLAUSES * 9, '1 -2 3 0\n')]);

function get(path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.port, path, agent: false }, (res) => resolve(replyOf(res))).on('error', reject);
  });
}

test('/healthz answers while a large upload is being parsed', async () => {
  const body = gzipSync(TEXT);
  const order: string[] = [];
  const { req, reply } = openRequest(server.port, '/v1/problems', { 'Content-Type': 'application/gzip', 'Content-Length': body.length });
  const upload = reply.then((res) => {
    order.push('upload');
    return res;
  });
  await new Promise<void>((resolve) => req.end(body, resolve));
  const health = await get('/healthz');
  order.push('healthz');
  const parsing = svc.deps.intake.inFlight;
  const created = await upload;
  assert.equal(health.status, 200);
  assert.deepEqual(order, ['healthz', 'upload'], 'the health check waited for the parse');
  assert.equal(parsing, 1, 'the upload was still being parsed when /healthz answered');
  assert.equal(created.status, 201, created.body);
  const problem = JSON.parse(created.body);
  assert.deepEqual([problem.clauses, problem.variables, problem.contentBytes], [CLAUSES, 3, TEXT.length]);
});

test('the same content is stored once, whether sent plain, gzipped, as JSON or as a file', async () => {
  const text = 'c same\np wcnf 3 2 10\n10 1 -2 0\n3 -1 0\n';
  const first = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(text).expect(201);
  for (const send of [
    () => request(svc.app).post('/v1/problems').set('Content-Type', 'application/gzip').send(gzipSync(text)),
    () => request(svc.app).post('/v1/problems').send({ format: 'wcnf-old', content: text }),
    () => request(svc.app).post('/v1/problems').attach('file', Buffer.from(text), 'x.wcnf'),
  ]) {
    const again = await send();
    assert.deepEqual([again.status, again.body.id], [200, first.body.id]);
  }
  const headerless = 'h 1 2 0\n5 -1 0\n';
  const a = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(headerless).expect(201);
  const b = await request(svc.app).post('/v1/problems').send({ format: 'wcnf', content: headerless }).expect(200);
  assert.equal(a.body.id, b.body.id);
  const asCnf = await request(svc.app).post('/v1/problems?format=cnf&mode=relaxed').set('Content-Type', 'text/plain').send('1 2 0\n').expect(201);
  const asWcnf = await request(svc.app).post('/v1/problems?format=wcnf').set('Content-Type', 'text/plain').send('1 2 0\n').expect(201);
  assert.notEqual(asCnf.body.id, asWcnf.body.id, 'the format is part of the identity');
});

test('uploads in parallel are each parsed and stored', async () => {
  const bodies = Array.from({ length: 8 }, (_, i) => `p cnf ${i + 2} 1\n1 -2 0\n`);
  const results = await Promise.all(bodies.map((b) => request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(b)));
  assert.deepEqual(results.map((r) => r.status), bodies.map(() => 201));
  assert.deepEqual(results.map((r) => r.body.variables), bodies.map((_, i) => i + 2));
  assert.equal(svc.deps.intake.inFlight, 0);
});

test('with a database file the parse worker stores the problem itself, and the service reads and runs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-intake-'));
  const fileSvc = testService({ databasePath: join(dir, 'intake.db') });
  try {
    const text = 'p wcnf 3 3\n10 1 2 0\n18446744073709551615 -1 0\n3 -2 3 0\n';
    const first = await request(fileSvc.app).post('/v1/problems?name=w.wcnf').set('Content-Type', 'text/plain').send(text).expect(201);
    const again = await request(fileSvc.app).post('/v1/problems').set('Content-Type', 'application/gzip').send(gzipSync(text)).expect(200);
    assert.equal(again.body.id, first.body.id);
    const read = await request(fileSvc.app).get(`/v1/problems/${first.body.id}`).expect(200);
    assert.deepEqual([read.body.name, read.body.format, read.body.summary.weights.max], ['w.wcnf', 'wcnf-old', '18446744073709551615']);
    const evaluated = await request(fileSvc.app).post(`/v1/problems/${first.body.id}/evaluate`).send({ assignment: '111' }).expect(200);
    assert.equal(evaluated.body.cost, '18446744073709551615');
    const run = await request(fileSvc.app).post('/v1/runs').send({ problemId: first.body.id, solver: 'walksat', termination: { maxSteps: 50 } }).expect(202);
    await eventually(async () => ((await request(fileSvc.app).get(`/v1/runs/${run.body.id}`)).body.status === 'completed' ? true : undefined));
  } finally {
    await fileSvc.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
