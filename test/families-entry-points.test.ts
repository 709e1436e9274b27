import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parseRudy } from '../src/problems/maxcut/rudy-parser.js';
import { cutValue } from '../src/problems/maxcut/graph.js';
import { cli } from './support/run-cli.js';
import { instancesDir } from './support/paths.js';
import { testService } from './support/test-service.js';

const bqp50 = join(instancesDir, 'qubo/orlib/bqp50.txt');
const g11 = join(instancesDir, 'gset/G11.txt');

test('cli info reads instance k of an OR-Library file as file#k, or with --select', async () => {
  const hash = await cli('info', `${bqp50}#3`, '--json');
  assert.equal(hash.code, 0, hash.stderr);
  const shown = JSON.parse(hash.stdout) as { family: string; format: string; sense: string; variables: number; terms: number; summary: { instance: number } };
  assert.deepEqual([shown.family, shown.format, shown.sense, shown.variables, shown.terms, shown.summary.instance], ['qubo', 'orlib', 'max', 50, 136, 3]);
  const flag = await cli('info', bqp50, '--select', '3', '--json');
  assert.equal(flag.stdout, hash.stdout);
  const clash = await cli('info', `${bqp50}#3`, '--select', '2');
  assert.equal(clash.code, 2);
});

test('cli info without a choice of instance names the choices and fails as bad input', async () => {
  const run = await cli('info', bqp50);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /bqp50\.txt:1:2: error INSTANCE_INDEX: .*1\.\.10.*file#k/);
});

test('cli verify prints a Max-Cut assignment\'s cut as its objective', async () => {
  const g = parseRudy(readFileSync(g11));
  assert.ok(g.ok);
  const bits = Array.from({ length: 800 }, (_, v) => ((v * 7) % 3 === 0 ? '1' : '0')).join('');
  const cut = cutValue(g.value, Uint8Array.from(bits, Number));
  const run = await cli('verify', g11, bits);
  assert.equal(run.code, 10, run.stderr);
  assert.match(run.stdout, new RegExp(`^o ${cut}$`, 'm'));
  assert.match(run.stdout, new RegExp(`^c cutWeight ${cut}$`, 'm'));
});

const svc = testService();
after(() => svc.close());

test('REST: an OR-Library upload stores the chosen instance; another choice is another problem', async () => {
  const content = readFileSync(bqp50);
  const second = await request(svc.app).post('/v1/problems?select=2').attach('file', content, 'bqp50.txt');
  assert.equal(second.status, 201, JSON.stringify(second.body));
  assert.deepEqual([second.body.family, second.body.format, second.body.sense, second.body.variables, second.body.terms, second.body.options], ['qubo', 'orlib', 'max', 50, 123, { select: 2 }]);
  const third = await request(svc.app).post('/v1/problems?select=3').attach('file', content, 'bqp50.txt');
  assert.equal(third.status, 201);
  assert.notEqual(third.body.id, second.body.id);
  const missing = await request(svc.app).post('/v1/problems').attach('file', content, 'bqp50.txt');
  assert.equal(missing.status, 422);
  assert.match(JSON.stringify(missing.body), /INSTANCE_INDEX/);
});

test('REST: Biq Mac by its .sparse name, Gset by its content, JSON QUBO inline', async () => {
  const gka = await request(svc.app).post('/v1/problems').attach('file', readFileSync(join(instancesDir, 'qubo/gka/gka1a.sparse')), 'gka1a.sparse');
  assert.deepEqual([gka.status, gka.body.family, gka.body.format, gka.body.sense, gka.body.variables], [201, 'qubo', 'biqmac', 'min', 50]);
  const graph = await request(svc.app).post('/v1/problems').set('Content-Type', 'text/plain').send(readFileSync(g11).toString());
  assert.deepEqual([graph.status, graph.body.family, graph.body.format, graph.body.sense, graph.body.terms], [201, 'maxcut', 'rudy', 'max', 1600]);
  const json = await request(svc.app).post('/v1/problems').send({ content: '{"n": 3, "sense": "max", "terms": [[0, 1, 2], [1, 2, "-1"]]}' });
  assert.deepEqual([json.status, json.body.family, json.body.format, json.body.sense, json.body.variables, json.body.terms], [201, 'qubo', 'qubo-json', 'max', 3, 2]);
  const bad = await request(svc.app).post('/v1/problems').send({ content: '{"n": 3,\n"terms": [[0, 3, 2]]}' });
  assert.equal(bad.status, 422);
  assert.match(JSON.stringify(bad.body), /BAD_TERM/);
});
