import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { instancesDir } from './support/paths.js';
import { testService } from './support/test-service.js';

const svc = testService({ maxUploadBytes: 64 * 1024, maxJsonBytes: 64 * 1024 });
after(() => svc.close());
const uf50 = readFileSync(join(instancesDir, 'satlib/uf50-218/uf50-01.cnf'));

test('uploads raw DIMACS, dedupes identical content, and lists with pagination', async () => {
  const first = await request(svc.app).post('/v1/problems?name=uf50-01.cnf').set('Content-Type', 'text/plain').send(uf50.toString());
  assert.equal(first.status, 201);
  assert.equal(first.headers.location, `/v1/problems/${first.body.id}`);
  assert.deepEqual([first.body.format, first.body.variables, first.body.clauses, first.body.hardClauses, first.body.softClauses], ['cnf', 50, 218, 0, 218]);
  assert.equal(first.body.summary.weights.total, '218');
  const again = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(uf50.toString());
  assert.deepEqual([again.status, again.body.id], [200, first.body.id]);
  await request(svc.app).post('/v1/problems').send({ format: 'wcnf', content: 'h 1 2 0\n3 -1 0\n' }).expect(201);
  const page = await request(svc.app).get('/v1/problems?limit=1&offset=1').expect(200);
  assert.deepEqual([page.body.total, page.body.items.length, page.body.limit, page.body.offset], [2, 1, 1, 1]);
  const one = await request(svc.app).get(`/v1/problems/${first.body.id}`).expect(200);
  assert.equal(one.body.name, 'uf50-01.cnf');
});

test('accepts multipart uploads, gzip included, taking the format hint from the file name', async () => {
  const res = await request(svc.app).post('/v1/problems').attach('file', gzipSync('5 1 0\n3 -1 2 0\n'), 'soft.wcnf.gz');
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual([res.body.format, res.body.name, res.body.softClauses], ['wcnf', 'soft.wcnf.gz', 2]);
  const oversized = await request(svc.app).post('/v1/problems').attach('file', Buffer.alloc(100_000, 0x20), 'big.cnf');
  assert.deepEqual([oversized.status, oversized.body.code], [413, 'BODY_TOO_LARGE'], 'refused, and the process lives on');
  await request(svc.app).get('/healthz').expect(200);
  const missing = await request(svc.app).post('/v1/problems').field('other', 'x');
  assert.deepEqual([missing.status, missing.body.code], [400, 'MISSING_FILE']);
});

test('DIMACS errors come back as 422 problem JSON with positioned issues', async () => {
  const res = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('p cnf 3 1\n1 -0\n');
  assert.equal(res.status, 422);
  assert.match(res.headers['content-type'], /application\/problem\+json/);
  assert.equal(res.body.code, 'PARSE_ERROR');
  assert.deepEqual([res.body.issues[0].code, res.body.issues[0].line, res.body.issues[0].column], ['NEGATIVE_ZERO', 2, 3]);
  assert.equal(res.body.status, 422);
  assert.ok(res.body.type && res.body.title && res.body.detail);
  const ambiguous = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('1 2 0\n');
  assert.equal(ambiguous.body.issues[0].code, 'AMBIGUOUS_FORMAT');
  await request(svc.app).post('/v1/problems?format=cnf&mode=relaxed').set('Content-Type', 'text/plain').send('1 2 0\n').expect(201);
});

test('malformed JSON, oversized bodies, empty bodies and unknown media types are refused clearly', async () => {
  const malformed = await request(svc.app).post('/v1/problems').set('Content-Type', 'application/json').send('{"format": ');
  assert.deepEqual([malformed.status, malformed.body.code], [400, 'MALFORMED_JSON']);
  const big = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('c '.padEnd(100_000, 'x'));
  assert.deepEqual([big.status, big.body.code], [413, 'BODY_TOO_LARGE']);
  const bigJson = await request(svc.app).post('/v1/problems').send({ format: 'cnf', content: 'c'.repeat(100_000) });
  assert.equal(bigJson.status, 413);
  const bomb = await request(svc.app).post('/v1/problems').set('Content-Type', 'application/gzip').send(gzipSync(Buffer.alloc(1 << 20, 0x20)));
  assert.deepEqual([bomb.status, bomb.body.code], [413, 'LIMIT_EXCEEDED']);
  const empty = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send('');
  assert.deepEqual([empty.status, empty.body.code], [400, 'EMPTY_INPUT']);
  const xml = await request(svc.app).post('/v1/problems').set('Content-Type', 'application/xml').send('<a/>');
  assert.equal(xml.status, 415);
  const invalid = await request(svc.app).post('/v1/problems').send({ format: 'dimacs', content: 'x' });
  assert.deepEqual([invalid.status, invalid.body.code, invalid.body.issues[0].path], [400, 'INVALID_REQUEST', 'format']);
});

test('evaluates an assignment exactly and lists the falsified clauses', async () => {
  const created = await request(svc.app).post('/v1/problems').send({ format: 'wcnf', content: 'h 1 2 0\n18446744073709551615 -1 0\n7 -2 0\n' }).expect(201);
  const res = await request(svc.app).post(`/v1/problems/${created.body.id}/evaluate`).send({ assignment: '11' }).expect(200);
  assert.deepEqual([res.body.cost, res.body.hardSatisfied, res.body.status, res.body.falsifiedCount], ['18446744073709551622', true, 'SATISFIABLE', 2]);
  assert.deepEqual(res.body.falsifiedClauses[0], { clause: 2, hard: false, weight: '18446744073709551615', literals: [-1] });
  const bad = await request(svc.app).post(`/v1/problems/${created.body.id}/evaluate`).send({ assignment: '111' });
  assert.deepEqual([bad.status, bad.body.code], [400, 'BAD_ASSIGNMENT']);
});

test('unknown ids and routes are 404 problem JSON; deleting a problem removes it', async () => {
  for (const path of ['/v1/problems/prb_nope', '/v1/runs/run_nope', '/v1/nothing']) {
    const res = await request(svc.app).get(path);
    assert.deepEqual([res.status, res.body.code], [404, 'NOT_FOUND'], path);
  }
  const created = await request(svc.app).post('/v1/problems').send({ format: 'wcnf', content: 'h 1 0\n' });
  await request(svc.app).delete(`/v1/problems/${created.body.id}`).expect(204);
  await request(svc.app).get(`/v1/problems/${created.body.id}`).expect(404);
  await request(svc.app).delete(`/v1/problems/${created.body.id}`).expect(404);
});

test('health and readiness report the database, backend and queue', async () => {
  assert.deepEqual((await request(svc.app).get('/healthz').expect(200)).body, { status: 'ok' });
  const ready = await request(svc.app).get('/readyz').expect(200);
  assert.deepEqual([ready.body.status, ready.body.database, ready.body.workers.size], ['ready', 'ok', 1]);
  assert.deepEqual(ready.body.backend, { polystep: 'cpu (incremental)', batchDefault: 'auto', gpu: 'unknown' });
  assert.deepEqual(Object.keys(ready.body.queue).sort(), ['queued', 'running']);
});

test('select names an instance only in multi-instance files: elsewhere 1 changes nothing and more is refused', async () => {
  const cnf = 'p cnf 2 1\n1 -2 0\n';
  const plain = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(cnf).expect(201);
  const one = await request(svc.app).post('/v1/problems?select=1').set('Content-Type', 'text/plain').send(cnf).expect(200);
  assert.deepEqual([one.body.id, one.body.options], [plain.body.id, undefined]);
  const two = await request(svc.app).post('/v1/problems?select=2').set('Content-Type', 'text/plain').send(cnf);
  assert.deepEqual([two.status, two.body.code, two.body.issues?.[0]?.code], [422, 'PARSE_ERROR', 'INSTANCE_INDEX']);
  const graph = '3 2\n1 2 1\n2 3 -4\n';
  const g = await request(svc.app).post('/v1/problems?select=1').set('Content-Type', 'text/plain').send(graph).expect(201);
  const again = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(graph).expect(200);
  assert.deepEqual([again.body.id, again.body.family, g.body.options], [g.body.id, 'maxcut', undefined]);
  const orlib = '2\n2 1\n1 2 3\n2 1\n1 1 -5\n';
  const first = await request(svc.app).post('/v1/problems?select=1').set('Content-Type', 'text/plain').send(orlib).expect(201);
  const second = await request(svc.app).post('/v1/problems?select=2').set('Content-Type', 'text/plain').send(orlib).expect(201);
  assert.notEqual(first.body.id, second.body.id);
  assert.deepEqual([first.body.options, second.body.options], [{ select: 1 }, { select: 2 }]);
});

test('a QUBO JSON document posted as the body is a QUBO problem, its big coefficients exact', async () => {
  const rounded = '{"n": 2, "sense": "max",\n "terms": [[0, 1, 18446744073709551617], [1, 1, -1]]}';
  const refused = await request(svc.app).post('/v1/problems').set('Content-Type', 'application/json').send(rounded);
  assert.deepEqual([refused.status, refused.body.issues?.[0]?.code, refused.body.issues?.[0]?.line], [422, 'BAD_TERM', 2], 'a number JSON would round is refused, never rounded');
  const document = '{"n": 2, "sense": "max",\n "terms": [[0, 1, "18446744073709551617"], [1, 1, -1]]}';
  const created = await request(svc.app).post('/v1/problems').set('Content-Type', 'application/json').send(document);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual([created.body.family, created.body.format, created.body.sense, created.body.variables], ['qubo', 'qubo-json', 'max', 2]);
  const both = await request(svc.app).post(`/v1/problems/${created.body.id}/evaluate`).send({ assignment: '11' }).expect(200);
  assert.equal(both.body.objective, '18446744073709551616', 'a coefficient beyond 2^53 stays exact');
  const wrapped = await request(svc.app).post('/v1/problems').send({ family: 'qubo', content: document }).expect(200);
  assert.equal(wrapped.body.id, created.body.id, 'the same document inside `content` is the same problem');
  const bad = await request(svc.app).post('/v1/problems').set('Content-Type', 'application/json').send('{"n": 2,\n "terms": [[0, 5, 1]]}');
  assert.deepEqual([bad.status, bad.body.issues?.[0]?.code, bad.body.issues?.[0]?.line], [422, 'BAD_TERM', 2]);
});

test('an OR-Library file of one instance is the same problem with select 1 or without', async () => {
  const single = '1\n2 1\n1 2 3\n';
  const plain = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(single).expect(201);
  const one = await request(svc.app).post('/v1/problems?select=1').set('Content-Type', 'text/plain').send(single).expect(200);
  assert.deepEqual([one.body.id, plain.body.options, plain.body.format], [plain.body.id, { select: 1 }, 'orlib']);
});
