import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { listen, openRequest, replyOf, type Reply } from './support/listening.js';
import { testService } from './support/test-service.js';

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
