import { test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { servicesClosedAfter, type TestService } from './support/test-service.js';

const service = servicesClosedAfter();
const CNF = 'p cnf 2 1\n1 2 0\n';

/** A raw DIMACS upload (text/plain: what a cross-site <form> or fetch can send without a preflight), with the given headers. */
function upload(svc: TestService, headers: Record<string, string>, content = CNF): request.Test {
  const req = request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(content);
}

async function storedProblems(svc: TestService): Promise<number> {
  return (await request(svc.app).get('/v1/problems')).body.total as number;
}

test('a cross-site or same-site browser POST is refused with 403 and creates nothing', async () => {
  const svc = service();
  const hostile: Record<string, string>[] = [
    { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    { 'Sec-Fetch-Site': 'same-site', Origin: 'https://evil.polystep.example' },
    { 'Sec-Fetch-Site': 'cross-site' },
    { Origin: 'https://evil.example' }, // an older browser: no Sec-Fetch-Site
    { Origin: 'null' }, // a sandboxed page or a file://
  ];
  for (const headers of hostile) {
    const res = await upload(svc, headers);
    assert.deepEqual([res.status, res.body.code, res.headers['content-type']], [403, 'CROSS_SITE_REQUEST', 'application/problem+json; charset=utf-8'], JSON.stringify(headers));
  }
  assert.equal(await storedProblems(svc), 0);
});

test('every state-changing method is guarded, and cross-site reads are not refused (the browser keeps their answers)', async () => {
  const svc = service();
  const id = (await upload(svc, {}).expect(201)).body.id as string;
  const cross = { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' };
  assert.equal((await request(svc.app).delete(`/v1/problems/${id}`).set(cross)).body.code, 'CROSS_SITE_REQUEST');
  assert.equal((await request(svc.app).post('/v1/runs').set(cross).set('Content-Type', 'text/plain').send('{}')).body.code, 'CROSS_SITE_REQUEST');
  assert.equal((await request(svc.app).get(`/v1/problems/${id}`).set(cross)).status, 200);
  assert.equal(await storedProblems(svc), 1, 'the problem is still there');
});

test('curl-like clients, same-origin pages and a user\'s own navigation keep working', async () => {
  const svc = service();
  assert.equal((await upload(svc, {}, 'p cnf 1 1\n1 0\n')).status, 201, 'no Origin, no Sec-Fetch-Site');
  assert.equal((await upload(svc, { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://127.0.0.1:8080' }, 'p cnf 2 1\n1 0\n')).status, 201);
  assert.equal((await upload(svc, { 'Sec-Fetch-Site': 'none' }, 'p cnf 3 1\n1 0\n')).status, 201);
  const own = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').set('Host', 'localhost:8080').set('Origin', 'http://localhost:8080').send('p cnf 4 1\n1 0\n');
  assert.equal(own.status, 201, 'an older browser on the service\'s own page');
});

test('an origin listed in allowedOrigins may send state-changing requests', async () => {
  const svc = service({ allowedOrigins: ['https://dash.example.org'] });
  assert.equal((await upload(svc, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://dash.example.org' })).status, 201);
  assert.equal((await upload(svc, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://dash.example.org.evil.example' })).body.code, 'CROSS_SITE_REQUEST');
});

test('a loopback-bound service refuses browser requests that name it by a foreign host (DNS rebinding)', async () => {
  const svc = service({ host: '127.0.0.1' });
  const rebound = await request(svc.app).get('/v1/problems').set('Host', 'evil.example:8080').set('Sec-Fetch-Site', 'same-origin');
  assert.deepEqual([rebound.status, rebound.body.code], [403, 'UNTRUSTED_HOST']);
  const post = await upload(svc, { Host: 'evil.example:8080', Origin: 'http://evil.example:8080', 'Sec-Fetch-Site': 'same-origin' });
  assert.deepEqual([post.status, post.body.code], [403, 'UNTRUSTED_HOST']);
  for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'localhost']) {
    assert.equal((await request(svc.app).get('/v1/problems').set('Host', host).set('Sec-Fetch-Site', 'same-origin')).status, 200, host);
  }
  assert.equal((await request(svc.app).get('/v1/problems').set('Host', 'evil.example:8080')).status, 200, 'not a browser: no check');
  assert.equal((await request(svc.app).get('/healthz').set('Host', 'evil.example').set('Sec-Fetch-Site', 'same-origin')).status, 200, 'probes are open');
  const allowed = service({ host: '127.0.0.1', allowedOrigins: ['http://solver.internal:8080'] });
  assert.equal((await request(allowed.app).get('/v1/problems').set('Host', 'solver.internal:8080').set('Sec-Fetch-Site', 'same-origin')).status, 200);
  const everywhere = service({ host: '0.0.0.0' });
  assert.equal((await request(everywhere.app).get('/v1/problems').set('Host', 'solver.example.org').set('Sec-Fetch-Site', 'same-origin')).status, 200, 'bound to every interface: served by any name');
});
