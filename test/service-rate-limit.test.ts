import { test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { DEFAULT_SERVICE_CONFIG } from '../src/service/service-config.js';
import { servicesClosedAfter } from './support/test-service.js';

const service = servicesClosedAfter();

test('past POLYSTEP_RATE_LIMIT requests a minute a client gets 429 problem JSON with Retry-After and RateLimit headers', async () => {
  const svc = service({ rateLimitPerMinute: 3 });
  for (let i = 0; i < 3; i++) {
    const res = await request(svc.app).get('/v1/problems');
    assert.equal(res.status, 200);
    assert.match(res.headers.ratelimit, new RegExp(`^"3-in-1min"; r=${2 - i}; t=\\d+$`));
    assert.match(res.headers['ratelimit-policy'], /^"3-in-1min"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/);
  }
  const limited = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('p cnf 1 1\n1 0\n');
  assert.deepEqual([limited.status, limited.body.code, limited.headers['content-type']], [429, 'RATE_LIMITED', 'application/problem+json; charset=utf-8']);
  const retryAfter = Number(limited.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, limited.headers['retry-after']);
  assert.match(limited.headers.ratelimit, /; r=0; /);
  assert.equal((await request(svc.app).get('/v1/problems')).status, 429);
  assert.equal((await request(svc.app).get('/openapi.yaml')).status, 429, 'the document is limited too');
  assert.equal((await request(svc.app).get('/v1/problems')).body.total, undefined);
});

test('the probes are never limited nor counted', async () => {
  const svc = service({ rateLimitPerMinute: 2 });
  for (let i = 0; i < 10; i++) {
    const health = await request(svc.app).get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.headers.ratelimit, undefined);
    assert.equal((await request(svc.app).get('/readyz')).status, 200);
  }
  assert.equal((await request(svc.app).get('/v1/runs')).status, 200, 'probes did not use the quota');
});

test('refused requests count, so token guessing is limited too', async () => {
  const svc = service({ rateLimitPerMinute: 2, apiToken: 'guess-me-0123456789abcdef' });
  for (let i = 0; i < 2; i++) assert.equal((await request(svc.app).get('/v1/runs').set('Authorization', `Bearer guess-${i}`)).status, 401);
  const limited = await request(svc.app).get('/v1/runs').set('Authorization', 'Bearer guess-me-0123456789abcdef');
  assert.deepEqual([limited.status, limited.body.code], [429, 'RATE_LIMITED']);
});

test('0 turns the rate limit off, and the default is on', async () => {
  const svc = service({ rateLimitPerMinute: 0 });
  for (let i = 0; i < 20; i++) assert.equal((await request(svc.app).get('/v1/runs')).status, 200);
  assert.equal((await request(svc.app).get('/v1/runs')).headers.ratelimit, undefined);
  assert.ok(DEFAULT_SERVICE_CONFIG.rateLimitPerMinute > 0);
  const byDefault = service({ rateLimitPerMinute: DEFAULT_SERVICE_CONFIG.rateLimitPerMinute });
  assert.match((await request(byDefault.app).get('/v1/runs')).headers.ratelimit, new RegExp(`^"${DEFAULT_SERVICE_CONFIG.rateLimitPerMinute}-in-1min"`));
});
