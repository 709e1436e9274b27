import { test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/service/app.js';
import { buildContainer, disposeDeps, resolveDeps } from '../src/service/container.js';
import { DEFAULT_SERVICE_CONFIG } from '../src/service/service-config.js';
import { eventually, servicesClosedAfter } from './support/test-service.js';

const TOKEN = 'test-token-0123456789abcdef';
const service = servicesClosedAfter();
const svc = service({ apiToken: TOKEN });
const bearer = `Bearer ${TOKEN}`;

test('without the token every /v1 route answers 401 problem JSON with a Bearer challenge', async () => {
  const routes: [string, string][] = [['get', '/v1/problems'], ['post', '/v1/problems'], ['get', '/v1/runs'], ['post', '/v1/runs'], ['get', '/v1/runs/run_x/events'], ['delete', '/v1/runs/run_x'], ['get', '/v1/benchmarks'], ['get', '/v1/nothing']];
  for (const [method, path] of routes) {
    const res = await (request(svc.app) as unknown as Record<string, (p: string) => request.Test>)[method](path);
    assert.deepEqual([res.status, res.body.code, res.headers['content-type']], [401, 'MISSING_TOKEN', 'application/problem+json; charset=utf-8'], `${method} ${path}`);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="polystep"');
  }
  const basic = await request(svc.app).get('/v1/runs').set('Authorization', `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`);
  assert.deepEqual([basic.status, basic.body.code], [401, 'MISSING_TOKEN']);
});

test('a wrong token, of any length, is refused as invalid_token; the right one is let through', async () => {
  for (const wrong of ['x', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
    const res = await request(svc.app).get('/v1/runs').set('Authorization', `Bearer ${wrong}`);
    assert.deepEqual([res.status, res.body.code], [401, 'INVALID_TOKEN'], wrong);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="polystep", error="invalid_token"');
  }
  assert.equal((await request(svc.app).get('/v1/runs').set('Authorization', bearer)).status, 200);
  assert.equal((await request(svc.app).get('/v1/runs').set('Authorization', `bearer  ${TOKEN}`)).status, 200, 'the scheme is case-insensitive');
});

test('the probes and the API document stay open', async () => {
  assert.equal((await request(svc.app).get('/healthz')).status, 200);
  assert.equal((await request(svc.app).get('/readyz')).status, 200);
  assert.equal((await request(svc.app).get('/openapi.yaml')).status, 200);
});

test('the event stream also takes the token as ?access_token=, and no other route does', async () => {
  const problem = await request(svc.app).post('/v1/problems').set('Authorization', bearer).send({ format: 'wcnf', content: 'h 1 2 0\n3 -1 0\n' }).expect(201);
  const run = await request(svc.app).post('/v1/runs').set('Authorization', bearer).send({ problemId: problem.body.id, termination: { maxSteps: 20 } }).expect(202);
  const id = run.body.id as string;
  // Ended first, so the stream replays and closes.
  await eventually(async () => ((await request(svc.app).get(`/v1/runs/${id}`).set('Authorization', bearer)).body.status === 'completed' ? true : undefined));
  const stream = await request(svc.app).get(`/v1/runs/${id}/events?access_token=${TOKEN}`);
  assert.equal(stream.status, 200);
  assert.match(stream.headers['content-type'], /^text\/event-stream/);
  assert.match(stream.text, /event: status/);
  assert.equal((await request(svc.app).get(`/v1/runs/${id}/events?access_token=wrong-token-0123456789`)).body.code, 'INVALID_TOKEN');
  for (const path of [`/v1/runs/${id}`, `/v1/runs/${id}/trace`, '/v1/runs', `/v1/runs/${id}/solution`]) {
    const res = await request(svc.app).get(`${path}?access_token=${TOKEN}`);
    assert.deepEqual([res.status, res.body.code], [401, 'MISSING_TOKEN'], path);
  }
  const cancel = await request(svc.app).delete(`/v1/runs/${id}/events?access_token=${TOKEN}`);
  assert.equal(cancel.status, 401, 'only GET of the stream takes the query token');
});

test('a service without a token asks for none', async () => {
  const open = service();
  assert.equal((await request(open.app).get('/v1/runs')).status, 200);
});

test('the request log never holds the query token', async () => {
  const entries: Record<string, unknown>[] = [];
  const deps = resolveDeps(buildContainer({ ...DEFAULT_SERVICE_CONFIG, databasePath: ':memory:', workers: 1, rateLimitPerMinute: 0, apiToken: TOKEN }));
  try {
    const app = createApp(deps, (entry) => entries.push(entry));
    await request(app).get(`/v1/runs/run_nope/events?lastEventId=3&access_token=${TOKEN}`).expect(404);
    await request(app).get(`/v1/runs/run_nope/events?access_token=${TOKEN}`).expect(404);
    await eventually(() => (entries.length >= 2 ? true : undefined));
    const logged = JSON.stringify(entries);
    assert.ok(!logged.includes(TOKEN), logged);
    assert.match(logged, /lastEventId=3&access_token=\[redacted\]/);
  } finally {
    await disposeDeps(deps);
  }
});
