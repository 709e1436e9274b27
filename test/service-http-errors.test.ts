// Refusals a hostile client meets: the documented status for each, as problem JSON, short, and free of server paths.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import request from 'supertest';
import { startService } from '../src/service/server.js';
import { DEFAULT_SERVICE_CONFIG } from '../src/service/service-config.js';
import { assertMatchesOpenApi, documentedOperations } from './support/openapi.js';
import { repoRoot } from './support/paths.js';
import { testService } from './support/test-service.js';

const svc = testService();
after(() => svc.close());

async function newProblem(content = 'h 1 2 0\n3 -1 0\n'): Promise<string> {
  return (await request(svc.app).post('/v1/problems').send({ format: 'wcnf', content }).expect(201)).body.id as string;
}

function assertProblemJson(res: request.Response, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(res.body.code, code, res.text);
}

test('JSON-only operations answer 415 to another media type or to no body at all', async () => {
  const problemId = await newProblem();
  const operations = ['/v1/runs', '/v1/benchmarks', `/v1/problems/${problemId}/evaluate`];
  for (const path of operations) {
    const text = await request(svc.app).post(path).set('Content-Type', 'text/plain').send(JSON.stringify({ problemId }));
    assertProblemJson(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertMatchesOpenApi('POST', path, text);
    const form = await request(svc.app).post(path).type('form').send({ problemId });
    assertProblemJson(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const none = await request(svc.app).post(path);
    assertProblemJson(none, 415, 'UNSUPPORTED_MEDIA_TYPE');
    assert.match(none.body.detail, /application\/json/);
  }
  // JSON still goes through, and JSON that is invalid for the operation is still a 400.
  await request(svc.app).post(`/v1/problems/${problemId}/evaluate`).send({ assignment: '11' }).expect(200);
  assertProblemJson(await request(svc.app).post('/v1/runs').send({}), 400, 'INVALID_REQUEST');
});

test('a method a documented path does not serve answers 405 with the Allow header; unknown paths stay 404', async () => {
  const byPath = new Map<string, string[]>();
  for (const { method, path } of documentedOperations()) byPath.set(path, [...(byPath.get(path) ?? []), method]);
  assert.ok(byPath.size >= 10);
  for (const [template, documented] of byPath) {
    const path = template.replace(/\{[^}]+\}/g, 'x');
    const allowed = documented.includes('GET') ? [...documented, 'HEAD'] : documented;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !documented.includes(m))) {
      const res = await request(svc.app)[method.toLowerCase() as 'put'](path);
      assertProblemJson(res, 405, 'METHOD_NOT_ALLOWED');
      assert.deepEqual(res.headers.allow?.split(', ').sort(), [...allowed].sort(), `${method} ${path}`);
    }
  }
  await request(svc.app).head('/healthz').expect(200);
  assertProblemJson(await request(svc.app).put('/v1/nothing'), 404, 'NOT_FOUND');
  // Errors of the operations themselves are not turned into 405s.
  assertProblemJson(await request(svc.app).get('/v1/runs/run_nope'), 404, 'NOT_FOUND');
});

test('echoed client input is cut short: 8 KB ids, keys, solver names and query values give short messages', async () => {
  const big = 'x'.repeat(8192);
  const problemId = await newProblem('h 1 0\n1 -1 0\n');
  const refusals: [number, string, request.Test][] = [
    [404, 'NOT_FOUND', request(svc.app).get(`/v1/runs/${big}`)],
    [404, 'NOT_FOUND', request(svc.app).delete(`/v1/problems/${big}`)],
    [404, 'NOT_FOUND', request(svc.app).post('/v1/runs').send({ problemId: big })],
    [400, 'INVALID_REQUEST', request(svc.app).post('/v1/runs').send({ problemId, [big]: 1 })],
    [400, 'INVALID_REQUEST', request(svc.app).post('/v1/runs').send({ problemId, config: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])) })],
    [400, 'INVALID_REQUEST', request(svc.app).get(`/v1/benchmarks/x/report?format=${big}`)],
    [400, 'INVALID_SOLVER', request(svc.app).post('/v1/benchmarks').send({ suite: 'satlib-small', solvers: big, seeds: 1, timeLimitMs: 10 })],
    [400, 'INVALID_SUITE', request(svc.app).post('/v1/benchmarks').send({ suite: big.slice(0, 1000), solvers: 'walksat', seeds: 1, timeLimitMs: 10 })],
    [415, 'UNSUPPORTED_MEDIA_TYPE', request(svc.app).post('/v1/problems').set('Content-Type', `application/${big}`).send('p cnf 1 1\n1 0\n')],
    [405, 'METHOD_NOT_ALLOWED', request(svc.app).put(`/v1/runs/${big}`)],
  ];
  for (const [status, code, pending] of refusals) {
    const res = await pending;
    assertProblemJson(res, status, code);
    assert.ok(res.text.length < 1000, `${code}: a ${res.text.length}-character answer: ${res.text.slice(0, 300)}`);
    assert.ok(!res.text.includes('x'.repeat(100)), res.text.slice(0, 300));
  }
});

test('errors name server files relative to the service folder, never by absolute path', async () => {
  // Files below instances/ that are no problem: the suite resolves them, and they fail to parse.
  for (const suite of ['manifest.json', 'gset/best-known.csv']) {
    const res = await request(svc.app).post('/v1/benchmarks').send({ suite, solvers: 'walksat', seeds: 1, timeLimitMs: 10 });
    assertProblemJson(res, 400, 'INVALID_SUITE');
    assert.ok(!res.text.includes(repoRoot), res.body.detail);
    assert.match(res.body.detail, new RegExp(`^${suite.replace('.', '\\.')}:1:1: [A-Z_]+: `));
  }
  // A stored failure that names a server file (as an I/O error does) is shown relative as well.
  const problemId = await newProblem('h -1 0\n2 1 0\n');
  const stored = svc.deps.runs.create({ problemId, solver: 'walksat', preset: 'default', config: {}, termination: { maxSteps: 1 }, seed: 1, family: 'maxsat', sense: 'min' });
  assert.ok(svc.deps.runs.markRunning(stored.id, 'cpu'));
  svc.deps.runs.finish(stored.id, { status: 'failed', stopReason: null, error: `ENOENT: no such file or directory, open '${repoRoot}/instances/gone.cnf'`, best: null, bestAssignment: null, steps: 0, evaluations: 0, finishedAt: new Date().toISOString(), solveMs: null });
  const failed = await request(svc.app).get(`/v1/runs/${stored.id}`).expect(200);
  assert.equal(failed.body.error, "ENOENT: no such file or directory, open 'instances/gone.cnf'");
});

test('deleting a problem that has runs must ask for them to go too (?cascade=true)', async () => {
  const problemId = await newProblem('h 1 -2 0\n4 2 0\n');
  const run = svc.deps.runs.create({ problemId, solver: 'walksat', preset: 'default', config: {}, termination: { maxSteps: 1 }, seed: 0, family: 'maxsat', sense: 'min' });
  svc.deps.service.cancel(run.id);
  const refused = await request(svc.app).delete(`/v1/problems/${problemId}`);
  assertProblemJson(refused, 409, 'PROBLEM_HAS_RUNS');
  assertMatchesOpenApi('DELETE', `/v1/problems/${problemId}`, refused);
  await request(svc.app).get(`/v1/runs/${run.id}`).expect(200);
  assertProblemJson(await request(svc.app).delete(`/v1/problems/${problemId}?cascade=maybe`), 400, 'INVALID_REQUEST');
  await request(svc.app).delete(`/v1/problems/${problemId}?cascade=true`).expect(204);
  await request(svc.app).get(`/v1/runs/${run.id}`).expect(404);
  // A problem without runs needs no flag.
  await request(svc.app).delete(`/v1/problems/${await newProblem('h 3 0\n')}`).expect(204);
});

/** Sends `text` on a fresh connection and returns the status, headers and body the server wrote before closing. */
function rawExchange(url: string, text: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = received.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(text);
  });
}

test('an oversized header block answers 431 and a malformed request 400, both as problem JSON', async () => {
  const service = await startService({ ...DEFAULT_SERVICE_CONFIG, port: 0, host: '127.0.0.1', databasePath: ':memory:', workers: 1, logRequests: false }, () => {});
  try {
    const huge = await rawExchange(service.url, `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.equal(huge.status, 431);
    assert.match(huge.headers, /\r\nContent-Type: application\/problem\+json/i);
    assert.deepEqual(JSON.parse(huge.body), {
      type: 'https://polystep.dev/problems/headers-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: 'the request line and headers exceed 16384 bytes',
      code: 'HEADERS_TOO_LARGE',
    });
    const garbled = await rawExchange(service.url, 'HELLO THERE\r\n\r\n');
    assert.equal(garbled.status, 400);
    assert.equal(JSON.parse(garbled.body).code, 'BAD_REQUEST');
    // Headers under the limit are served as usual.
    const fine = await rawExchange(service.url, `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(8_000)}\r\nConnection: close\r\n\r\n`);
    assert.deepEqual([fine.status, JSON.parse(fine.body)], [200, { status: 'ok' }]);
  } finally {
    await service.stop();
  }
});
