import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { parse } from 'yaml';
import {
  assertMatchesOpenApi,
  assertMatchesSchema,
  compileAllSchemas,
  coveredResponses,
  documentedOperations,
  documentedResponses,
  loadOpenApi,
  openApiPath,
  responseKey,
  templateOf,
  unresolvableRefs,
} from './support/openapi.js';
import { AppError, type ErrorKind } from '../src/common/app-error.js';
import { ALL_FORMATS, FAMILY_NAMES } from '../src/problems/registry.js';
import { problemResponse } from '../src/service/http-problem.js';
import { familySchema, formatSchema, runRequestSchema } from '../src/service/schemas.js';
import { configJsonSchemas } from '../src/solvers/config-schema.js';
import { SOLVER_NAMES } from '../src/solvers/registry.js';
import { familyComponentId, generatedSchemas, syncOpenApiText } from '../src/tools/openapi-components.js';
import { instancesDir, repoRoot } from './support/paths.js';
import { eventually, testService, type TestService } from './support/test-service.js';

const uf50 = readFileSync(join(instancesDir, 'satlib/uf50-218/uf50-01.cnf'), 'utf8');
const paper1k = readFileSync(join(instancesDir, 'paper/random-3sat-n1000-s42.cnf'), 'utf8');
const TERMINAL = ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];

const svc = testService({ maxUploadBytes: 64 * 1024, maxJsonBytes: 64 * 1024 });
const busy = testService({ maxQueued: 1 });
after(() => Promise.all([svc.close(), busy.close()]));

// ---------------------------------------------------------------- (a) routes ⇄ documented operations

interface LayerLike {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean | undefined> };
  readonly handle?: { readonly stack?: unknown };
  readonly rawPath?: unknown;
  readonly slash?: boolean;
  match?(path: string): false | true | { path?: string };
  readonly path?: unknown;
}

/** The literal prefixes app.ts mounts routers at (`app.use('/v1/runs', …)`), for routers that do not expose their mount path. */
function mountPrefixesInAppSource(): string[] {
  const source = readFileSync(resolve(repoRoot, 'src/service/app.ts'), 'utf8');
  return [...source.matchAll(/\.use\(\s*(['"`])(\/[^'"`]*)\1/g)].map((m) => m[2]);
}

/**
 * Where a router layer is mounted: `rawPath` (router ≥ 2.3), else the prefix from app.ts that the
 * layer matches exactly (older routers keep only a matcher function).
 */
function mountPathOf(layer: LayerLike, candidates: readonly string[]): string {
  if (typeof layer.rawPath === 'string') return layer.rawPath;
  if (layer.slash === true) return '/';
  const exact = candidates.filter((candidate) => {
    const m = layer.match?.(candidate);
    const matched = m === true ? layer.path : m === false || m === undefined ? undefined : m.path;
    return matched === candidate;
  });
  assert.ok(exact.length > 0, 'cannot tell where a router is mounted: update the introspection in test/openapi.test.ts');
  return exact.sort((a, b) => b.length - a.length)[0];
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Every (method, path) the app's router serves, mounted routers included, `:id` written `{id}`. */
function registeredRoutes(stack: readonly LayerLike[], prefix = '', candidates = mountPrefixesInAppSource()): { method: string; path: string }[] {
  return stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const paths = Array.isArray(layer.route.path) ? (layer.route.path as unknown[]) : [layer.route.path];
      assert.ok(paths.every((p) => typeof p === 'string'), 'routes are expected to have string paths');
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all' && layer.route!.methods[m] === true);
      assert.ok(methods.length > 0, `route ${String(layer.route.path)} handles no specific method (all()?)`);
      return (paths as string[]).flatMap((p) =>
        methods.map((m) => ({ method: m.toUpperCase(), path: joinPaths(prefix, p).replace(/:(\w+)/g, '{$1}') })),
      );
    }
    const nested = layer.handle?.stack;
    if (Array.isArray(nested)) return registeredRoutes(nested as LayerLike[], joinPaths(prefix, mountPathOf(layer, candidates)), candidates);
    // Plain middleware: body parser, 404 and error handlers, and the dashboard's files under /ui/
    // (static files its pages load, not operations: test/dashboard-static.test.ts covers them).
    return [];
  });
}

function appStack(app: TestService['app']): LayerLike[] {
  const router = (app as unknown as { router?: { stack?: unknown } }).router;
  assert.ok(router !== undefined && Array.isArray(router.stack), 'Express no longer exposes app.router.stack: update the introspection');
  return router.stack as LayerLike[];
}

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

test('every route the app registers is documented, and every documented operation exists', () => {
  const registered = registeredRoutes(appStack(svc.app)).map(key).sort();
  const documented = documentedOperations().map(key).sort();
  // Not vacuous: the introspection sees the health routes, the mounted routers and the nested paths.
  for (const expected of ['GET /healthz', 'GET /openapi.yaml', 'POST /v1/problems', 'GET /v1/runs/{id}/events', 'GET /', 'GET /docs', 'GET /v1/catalog']) assert.ok(registered.includes(expected), expected);
  assert.ok(!registered.some((r) => r.includes(' /ui')), 'the dashboard files are static middleware, not routes');
  assert.deepEqual(registered.filter((r) => !documented.includes(r)), [], 'registered but not documented');
  assert.deepEqual(documented.filter((d) => !registered.includes(d)), [], 'documented but not registered (stale)');
  assert.equal(new Set(registered).size, registered.length, 'a route is registered twice');
});

test('the introspection still works when routers do not expose their mount path', () => {
  const stack = appStack(svc.app);
  // Views of the layers without rawPath (the layers themselves are left alone).
  const withoutRawPath = (layers: readonly LayerLike[]): LayerLike[] =>
    layers.map((layer) => {
      const nested = layer.handle?.stack;
      const view: LayerLike = Object.create(layer, { rawPath: { value: undefined } }) as LayerLike;
      return Array.isArray(nested) ? (Object.create(view, { handle: { value: { stack: withoutRawPath(nested as LayerLike[]) } } }) as LayerLike) : view;
    });
  assert.deepEqual(registeredRoutes(withoutRawPath(stack)).map(key).sort(), registeredRoutes(stack).map(key).sort());
});

// ---------------------------------------------------------------- (b) the document itself

test('the served /openapi.yaml is the file, an OpenAPI 3.1.0 document whose refs all resolve', async () => {
  const res = await request(svc.app).get('/openapi.yaml').expect(200);
  assertMatchesOpenApi('GET', '/openapi.yaml', res);
  const file = readFileSync(openApiPath, 'utf8');
  assert.equal(res.text, file);
  const doc = parse(res.text) as Record<string, unknown>;
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(typeof (doc.info as { title?: unknown }).title === 'string');
  assert.deepEqual(unresolvableRefs(doc), []);
  assert.ok(compileAllSchemas() > 20);
  const ids = documentedOperations().map(({ method, path }) => ((doc.paths as Record<string, Record<string, { operationId?: string }>>)[path][method.toLowerCase()].operationId));
  assert.ok(ids.every((id) => typeof id === 'string'), 'every operation has an operationId');
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
});

test('every error response is RFC 9457 problem JSON, and every operation documents a success', () => {
  const byOperation = new Map<string, string[]>();
  for (const r of documentedResponses()) {
    byOperation.set(`${r.method} ${r.path}`, [...(byOperation.get(`${r.method} ${r.path}`) ?? []), r.status]);
    if (Number(r.status) < 400 || (r.method === 'GET' && r.path === '/readyz' && r.status === '503')) continue;
    assert.deepEqual(r.mediaTypes, ['application/problem+json'], `${r.method} ${r.path} ${r.status}`);
  }
  for (const [operation, statuses] of byOperation) {
    assert.ok(statuses.some((s) => /^2\d\d$/.test(s)), `${operation} documents no 2xx`);
    assert.ok(statuses.includes('500'), `${operation} documents no 500`);
  }
  // Path parameters are declared for every template parameter.
  const doc = loadOpenApi();
  for (const [path, item] of Object.entries(doc.paths as Record<string, { parameters?: unknown[] }>)) {
    const names = (path.match(/\{([^}]+)\}/g) ?? []).map((p) => p.slice(1, -1));
    if (names.length === 0) continue;
    assert.ok(Array.isArray(item.parameters) && item.parameters.length === names.length, `${path} declares its path parameters`);
  }
});

test('the document is structurally sound: responses described, parameters complete', () => {
  const doc = loadOpenApi();
  assert.equal(typeof (doc.info as { version?: unknown }).version, 'string');
  const resolveRef = (node: unknown): Record<string, unknown> => {
    let current = node as Record<string, unknown>;
    while (typeof current.$ref === 'string') {
      current = (current.$ref as string).slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<any>((n, t) => n[t], doc);
    }
    return current;
  };
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    const operations = Object.entries(item).filter(([k]) => ['get', 'post', 'put', 'delete', 'patch'].includes(k));
    for (const [method, operation] of operations) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, unknown>)) {
        assert.ok(/^[1-5]\d\d$/.test(status), `${method} ${path} ${status}`);
        assert.equal(typeof resolveRef(response).description, 'string', `${method} ${path} ${status} has a description`);
      }
      for (const parameter of [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map(resolveRef)) {
        assert.ok(typeof parameter.name === 'string' && ['query', 'header', 'path', 'cookie'].includes(parameter.in as string), `${method} ${path}: ${JSON.stringify(parameter)}`);
        assert.ok(parameter.schema !== undefined, `${method} ${path} ${parameter.name} has a schema`);
        if (parameter.in === 'path') {
          assert.equal(parameter.required, true, `${method} ${path} ${parameter.name} is required`);
          assert.ok(path.includes(`{${parameter.name}}`), `${path} has {${parameter.name}}`);
        }
      }
    }
  }
});

test('assertMatchesOpenApi refuses undocumented paths, methods, statuses, media types, headers and bodies', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8', ...headers },
    body,
    text: JSON.stringify(body),
  });
  const problem = (status: number, code: string) => ({ type: 'https://polystep.dev/problems/x', title: 'T', status, detail: 'd', code });
  assertMatchesOpenApi('GET', '/healthz', json(200, { status: 'ok' }));
  assert.throws(() => assertMatchesOpenApi('GET', '/v1/unknown', json(200, {})), /matches no documented path/);
  assert.throws(() => assertMatchesOpenApi('PUT', '/healthz', json(200, { status: 'ok' })), /is not documented/);
  assert.throws(() => assertMatchesOpenApi('GET', '/healthz', json(418, problem(418, 'BAD_REQUEST'))), /status 418 is not documented/);
  assert.throws(() => assertMatchesOpenApi('GET', '/healthz', { ...json(200, { status: 'ok' }), headers: { 'content-type': 'text/html' } }), /media type text\/html/);
  assert.throws(() => assertMatchesOpenApi('GET', '/healthz', json(200, { status: 'ok', extra: 1 })), /additional properties/);
  assert.throws(() => assertMatchesOpenApi('GET', '/v1/runs/run_x', json(404, problem(400, 'NOT_FOUND'))), /does not match/);
  assert.throws(() => assertMatchesOpenApi('POST', '/v1/runs', json(429, problem(429, 'QUEUE_FULL'))), /Retry-After is missing/);
  assertMatchesOpenApi('POST', '/v1/runs', json(429, problem(429, 'QUEUE_FULL'), { 'retry-after': '5' }));
  assert.throws(() => assertMatchesOpenApi('DELETE', '/v1/problems/prb_x', json(204, { status: 'ok' })), /no content is documented/);
});

// ---------------------------------------------------------------- (c) response conformance sweep

type Req = request.Test;
type Method = 'GET' | 'POST' | 'DELETE';

/** Sends a request, asserts the response against openapi.yaml and returns it. */
async function check(s: TestService, method: Method, path: string, build: (r: Req) => Req = (r) => r): Promise<request.Response> {
  const agent = request(s.app);
  const req = method === 'GET' ? agent.get(path) : method === 'POST' ? agent.post(path) : agent.delete(path);
  const res = await build(req);
  assertMatchesOpenApi(method, path, res);
  return res;
}

const sse = (r: Req): Req =>
  r.buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => done(null, text));
  });

/** The messages of an event stream: id, event and the parsed data of each. */
function parseSse(text: string): { id: string; event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
      return { id: field('id'), event: field('event'), data: JSON.parse(field('data')) as unknown };
    });
}

async function finished(s: TestService, id: string): Promise<{ status: string; stopReason: string | null }> {
  return eventually(async () => {
    const run = (await check(s, 'GET', `/v1/runs/${id}`)).body as { status: string; stopReason: string | null };
    return TERMINAL.includes(run.status) ? run : undefined;
  }, 20_000);
}

test('health, readiness, the pages, the catalog and the document conform', async () => {
  await check(svc, 'GET', '/healthz').then((r) => assert.equal(r.status, 200));
  await check(svc, 'GET', '/readyz').then((r) => assert.equal(r.status, 200));
  await check(svc, 'GET', '/').then((r) => assert.equal(r.status, 200));
  await check(svc, 'GET', '/docs').then((r) => assert.equal(r.status, 200));
  await check(svc, 'GET', '/v1/catalog').then((r) => assert.equal(r.status, 200));
  assert.equal(templateOf('/v1/nothing'), undefined, 'unknown paths are not documented');
});

test('problem uploads conform in every request shape, with every refusal', async () => {
  const created = await check(svc, 'POST', '/v1/problems?name=uf50-01.cnf', (r) => r.set('Content-Type', 'text/plain').send(uf50));
  assert.equal(created.status, 201);
  assert.equal((await check(svc, 'POST', '/v1/problems', (r) => r.set('Content-Type', 'text/plain').send(uf50))).status, 200);
  assert.equal((await check(svc, 'POST', '/v1/problems', (r) => r.send({ format: 'wcnf', content: 'h 1 2 0\n3 -1 0\n' }))).status, 201);
  assert.equal((await check(svc, 'POST', '/v1/problems', (r) => r.attach('file', gzipSync('5 1 0\n3 -1 2 0\n'), 'soft.wcnf.gz'))).status, 201);
  assert.equal((await check(svc, 'POST', '/v1/problems?format=cnf', (r) => r.set('Content-Type', 'application/octet-stream').send(Buffer.from('p cnf 2 1\n1 2 0\n')))).status, 201);
  assert.equal((await check(svc, 'POST', '/v1/problems', (r) => r.set('Content-Type', 'application/gzip').send(gzipSync('p cnf 3 1\n1 2 3 0\n')))).status, 201);
  assert.equal((await check(svc, 'POST', '/v1/problems', (r) => r.set('Content-Type', 'application/x-gzip').send(gzipSync('p cnf 3 1\n-1 2 3 0\n')))).status, 201);
  const relaxed = await check(svc, 'POST', '/v1/problems?format=cnf&mode=relaxed', (r) => r.set('Content-Type', 'text/plain').send('1 2 0\n'));
  assert.equal(relaxed.status, 201);
  const refusals: [number, string, (r: Req) => Req, string?][] = [
    [400, 'MALFORMED_JSON', (r) => r.set('Content-Type', 'application/json').send('{"format": ')],
    [400, 'INVALID_REQUEST', (r) => r.send({ format: 'dimacs', content: 'x' })],
    [400, 'INVALID_REQUEST', (r) => r.set('Content-Type', 'text/plain').send(uf50), '/v1/problems?mode=sloppy'],
    [400, 'MISSING_FILE', (r) => r.field('other', 'x')],
    [400, 'EMPTY_INPUT', (r) => r.set('Content-Type', 'text/plain').send('')],
    [400, 'BAD_GZIP', (r) => r.set('Content-Type', 'application/gzip').send(Buffer.concat([gzipSync('p cnf 1 1\n1 0\n').subarray(0, 12), Buffer.from('garbage')]))],
    [413, 'BODY_TOO_LARGE', (r) => r.set('Content-Type', 'text/plain').send('c '.padEnd(100_000, 'x'))],
    [413, 'BODY_TOO_LARGE', (r) => r.send({ format: 'cnf', content: 'c'.repeat(100_000) })],
    [413, 'LIMIT_EXCEEDED', (r) => r.set('Content-Type', 'application/gzip').send(gzipSync(Buffer.alloc(1 << 20, 0x20)))],
    [413, 'LIMIT_EXCEEDED', (r) => r.set('Content-Type', 'text/plain').send('p cnf 20000000 1\n1 0\n')],
    [415, 'UNSUPPORTED_MEDIA_TYPE', (r) => r.set('Content-Type', 'application/xml').send('<a/>')],
    [422, 'PARSE_ERROR', (r) => r.set('Content-Type', 'text/plain').send('p cnf 3 1\n1 -0\n')],
    [422, 'PARSE_ERROR', (r) => r.set('Content-Type', 'text/plain').send('1 2 0\n')],
  ];
  for (const [status, code, build, path = '/v1/problems'] of refusals) {
    const res = await check(svc, 'POST', path, build);
    assert.deepEqual([res.status, res.body.code], [status, code], `${code}: ${res.text}`);
  }
});

test('problem reads, lists, evaluation and deletion conform', async () => {
  const id = (await check(svc, 'POST', '/v1/problems', (r) => r.send({ format: 'wcnf', content: 'h 1 2 0\n18446744073709551615 -1 0\n7 -2 0\n' }))).body.id as string;
  assert.equal((await check(svc, 'GET', `/v1/problems/${id}`)).status, 200);
  assert.equal((await check(svc, 'GET', '/v1/problems/prb_nope')).status, 404);
  assert.equal((await check(svc, 'GET', '/v1/problems?limit=2&offset=1')).status, 200);
  assert.equal((await check(svc, 'GET', '/v1/problems')).status, 200);
  assert.equal((await check(svc, 'GET', '/v1/problems?limit=0')).status, 400);
  const evaluation = await check(svc, 'POST', `/v1/problems/${id}/evaluate`, (r) => r.send({ assignment: '11' }));
  assert.deepEqual([evaluation.status, evaluation.body.cost], [200, '18446744073709551622']);
  assert.equal((await check(svc, 'POST', `/v1/problems/${id}/evaluate`, (r) => r.send({ assignment: '-1 -2' }))).body.status, 'UNKNOWN');
  assert.equal((await check(svc, 'POST', `/v1/problems/${id}/evaluate`, (r) => r.send({ assignment: '111' }))).body.code, 'BAD_ASSIGNMENT');
  assert.equal((await check(svc, 'POST', `/v1/problems/${id}/evaluate`, (r) => r.send({}))).body.code, 'INVALID_REQUEST');
  assert.equal((await check(svc, 'POST', `/v1/problems/${id}/evaluate`, (r) => r.send({ assignment: '1'.repeat(100_000) }))).status, 413);
  assert.equal((await check(svc, 'POST', '/v1/problems/prb_nope/evaluate', (r) => r.send({ assignment: '1' }))).status, 404);
  const latin1 = await check(svc, 'POST', `/v1/problems/${id}/evaluate`, (r) => r.set('Content-Type', 'application/json; charset=latin1').send('{"assignment":"11"}'));
  assert.equal(latin1.status, 415);
  assert.equal((await check(svc, 'DELETE', `/v1/problems/${id}`)).status, 204);
  assert.equal((await check(svc, 'DELETE', `/v1/problems/${id}`)).status, 404);
});

test('run submission, reads, lists, trace, events and solution conform', async () => {
  const problemId = (await check(svc, 'POST', '/v1/problems', (r) => r.set('Content-Type', 'text/plain').send(uf50))).body.id as string;
  const submitted = await check(svc, 'POST', '/v1/runs', (r) => r.send({ problemId, termination: { maxSteps: 150, targetCost: '0' }, seed: 3, config: { epsilon: { kind: 'linear', init: 0.2, target: 0.05, decay: 0.01 }, scaleCost: null } }));
  assert.equal(submitted.status, 202);
  const inline = await check(svc, 'POST', '/v1/runs', (r) => r.send({ problem: { format: 'wcnf', content: 'h 1 2 0\n5 -1 0\n3 -2 0\n' }, preset: 'paper', termination: { timeLimitMs: 2000, stallSteps: 20 } }));
  assert.equal(inline.status, 202);
  const refusals: [number, object | string][] = [
    [400, { problemId, config: { particleDim: 1 } }],
    [400, { problemId, config: { speed: 3 } }],
    [400, { problemId, problem: { content: uf50 } }],
    [400, { problemId, termination: { timeLimitMs: 7 * 24 * 3600 * 1000 } }],
    [400, '{"problemId": '],
    [404, { problemId: 'prb_missing' }],
    [415, 'latin1'],
    [413, { problem: { format: 'cnf', content: 'c'.repeat(100_000) } }],
    [422, { problem: { format: 'cnf', content: 'p cnf 1 1\n2 0\n' } }],
  ];
  for (const [status, body] of refusals) {
    const res = await check(svc, 'POST', '/v1/runs', (r) =>
      body === 'latin1'
        ? r.set('Content-Type', 'application/json; charset=latin1').send(JSON.stringify({ problemId }))
        : typeof body === 'string'
          ? r.set('Content-Type', 'application/json').send(body)
          : r.send(body),
    );
    assert.equal(res.status, status, res.text);
  }

  const id = submitted.body.id as string;
  const run = await finished(svc, id);
  assert.equal(run.status, 'completed');
  assert.equal((await finished(svc, inline.body.id)).status, 'completed');
  assert.equal((await check(svc, 'GET', '/v1/runs/run_nope')).status, 404);
  assert.equal((await check(svc, 'GET', `/v1/runs?problemId=${problemId}&status=completed&limit=5`)).body.total, 1);
  assert.equal((await check(svc, 'GET', '/v1/runs')).status, 200);
  assert.equal((await check(svc, 'GET', '/v1/runs?status=bogus')).status, 400);

  const trace = await check(svc, 'GET', `/v1/runs/${id}/trace`);
  assert.ok(trace.body.events.length > 0);
  const csv = await check(svc, 'GET', `/v1/runs/${id}/trace`, (r) => r.set('Accept', 'text/csv'));
  const documentedCsv = ((loadOpenApi().paths as Record<string, any>)['/v1/runs/{id}/trace'].get.responses['200'].content['text/csv'].example as string).split('\n')[0];
  assert.equal(csv.text.split('\n')[0], documentedCsv, 'the CSV header is the documented one');
  assert.match((await check(svc, 'GET', `/v1/runs/${id}/trace?format=csv`)).headers['content-type'], /^text\/csv/);
  assert.equal((await check(svc, 'GET', '/v1/runs/run_nope/trace')).status, 404);
  const badFormat = await check(svc, 'GET', `/v1/runs/${id}/trace?format=xml`);
  assert.deepEqual([badFormat.status, badFormat.body.code], [400, 'INVALID_REQUEST'], 'an unknown trace format is refused, not answered as JSON');

  const stream = await check(svc, 'GET', `/v1/runs/${id}/events`, sse);
  const events = parseSse(stream.body as string);
  assert.ok(events.length >= 3);
  for (const e of events) {
    assertMatchesSchema('RunEvent', e.data);
    const data = e.data as { seq: number; type: string; status?: string };
    assert.deepEqual([Number(e.id), e.event], [data.seq, data.type]);
  }
  const last = events[events.length - 1].data as { type: string; status?: string };
  assert.deepEqual([last.type, last.status], ['status', 'completed'], 'the stream closes at the terminal status');
  const resumed = parseSse((await check(svc, 'GET', `/v1/runs/${id}/events`, (r) => sse(r.set('Last-Event-ID', '2')))).body as string);
  assert.equal(resumed[0].id, '3');
  assert.equal(parseSse((await check(svc, 'GET', `/v1/runs/${id}/events?lastEventId=${events.length}`, sse)).body as string).length, 0);
  assert.equal((await check(svc, 'GET', '/v1/runs/run_nope/events')).status, 404);

  const solution = await check(svc, 'GET', `/v1/runs/${id}/solution`);
  assert.equal(solution.body.assignment.length, 50);
  const text = await check(svc, 'GET', `/v1/runs/${id}/solution`, (r) => r.set('Accept', 'text/plain'));
  assert.match(text.text, /^o [0-9]+\ns (SATISFIABLE|OPTIMUM FOUND)\nv [01]{50}\n$/);
  assert.equal((await check(svc, 'GET', '/v1/runs/run_nope/solution')).status, 404);
  assert.equal((await check(svc, 'DELETE', `/v1/runs/${id}`)).status, 409);
  assert.equal((await check(svc, 'DELETE', '/v1/runs/run_nope')).status, 404);
});

/** The documented trace CSV header, with the metric columns of another family in place of MAX-SAT's. */
function documentedTraceHeader(metrics: readonly string[]): string {
  const example = ((loadOpenApi().paths as Record<string, any>)['/v1/runs/{id}/trace'].get.responses['200'].content['text/csv'].example as string).split('\n')[0];
  const fixed = example.split(',').filter((c) => !c.startsWith('metric.'));
  return [...fixed.slice(0, -1), ...metrics.map((m) => `metric.${m}`), fixed[fixed.length - 1]].join(',');
}

/** Reads a finished run's trace, events and solution, checking each against the document and the others. */
async function checkRunReadings(id: string, family: string, sense: string, metrics: readonly string[]): Promise<{ objective: string; assignment: string }> {
  const run = (await check(svc, 'GET', `/v1/runs/${id}`)).body;
  assert.deepEqual([run.family, run.sense, Object.keys(run.best.metrics)], [family, sense, metrics]);
  const sign = sense === 'max' ? -1n : 1n;
  assert.equal(BigInt(run.best.objective), sign * BigInt(run.best.cost), 'the objective is the cost in the problem\'s sense');

  const trace = (await check(svc, 'GET', `/v1/runs/${id}/trace`)).body;
  assert.equal(trace.sense, sense);
  assert.ok(trace.events.length > 0);
  for (const e of trace.events) {
    assert.equal(BigInt(e.bestObjective), sign * BigInt(e.bestCost));
    assert.deepEqual(Object.keys(e.metrics), metrics);
  }
  const csv = await check(svc, 'GET', `/v1/runs/${id}/trace`, (r) => r.set('Accept', 'text/csv'));
  const lines = csv.text.trimEnd().split('\n');
  assert.equal(lines[0], documentedTraceHeader(metrics), 'the CSV header is the documented one, with this family\'s metrics');
  assert.equal(lines.length, trace.events.length + 1);

  const events = parseSse((await check(svc, 'GET', `/v1/runs/${id}/events`, sse)).body as string);
  for (const e of events) assertMatchesSchema('RunEvent', e.data);
  assert.deepEqual(events.filter((e) => e.event !== 'status').map((e) => (e.data as { bestObjective: string }).bestObjective), trace.events.map((e: { bestObjective: string }) => e.bestObjective));

  const solution = (await check(svc, 'GET', `/v1/runs/${id}/solution`)).body;
  assert.deepEqual([solution.family, solution.sense, solution.objective, solution.cost, solution.feasible], [family, sense, run.best.objective, run.best.cost, true]);
  const text = (await check(svc, 'GET', `/v1/runs/${id}/solution`, (r) => r.set('Accept', 'text/plain'))).text;
  const [, objective, status, assignment] = /^c objective: .+ \((?:maximised|minimised)\)\no (-?[0-9]+)\ns (OPTIMUM FOUND|SATISFIABLE)\nv ([01]+)\n$/.exec(text) ?? [];
  assert.ok(objective !== undefined, `c/o/s/v lines: ${text}`);
  assert.match(text, new RegExp(`\\(${sense}imised\\)`));
  assert.deepEqual([objective, status, assignment], [solution.objective, solution.status, solution.assignment], 'the text says what the JSON says');
  return { objective, assignment };
}

test('Max-Cut and QUBO uploads, evaluations, runs, traces, events and solutions conform', async () => {
  // Max-Cut: edges 1-2 (1), 1-3 (2), 2-3 (-1), 3-4 (3), 2-4 (1); the best cut, 7, separates {1, 4} from {2, 3}.
  const graph = '4 5\n1 2 1\n1 3 2\n2 3 -1\n3 4 3\n2 4 1\n';
  const maxcut = await check(svc, 'POST', '/v1/problems?name=g.rud', (r) => r.set('Content-Type', 'text/plain').send(graph));
  assert.equal(maxcut.status, 201);
  assert.deepEqual([maxcut.body.family, maxcut.body.format, maxcut.body.sense, maxcut.body.variables, maxcut.body.terms, maxcut.body.summary.totalWeight], ['maxcut', 'rudy', 'max', 4, 5, '6']);
  // QUBO as JSON: maximise 3·x0·x1 − x1 + 5·x2, best 7 at 111.
  const quboJson = JSON.stringify({ n: 3, sense: 'max', offset: 0, terms: [[0, 1, 3], [1, 1, -1], [2, 2, '5']] });
  const qubo = await check(svc, 'POST', '/v1/problems', (r) => r.send({ family: 'qubo', format: 'qubo-json', content: quboJson }));
  assert.deepEqual([qubo.status, qubo.body.family, qubo.body.format, qubo.body.sense, qubo.body.summary.coefficientMax], [201, 'qubo', 'qubo-json', 'max', '5']);
  const rawQubo = await check(svc, 'POST', '/v1/problems?family=qubo', (r) => r.set('Content-Type', 'text/plain').send(quboJson));
  assert.deepEqual([rawQubo.status, rawQubo.body.id], [200, qubo.body.id], 'the same JSON QUBO sent raw is the stored problem');
  // OR-Library: ten instances in one file, one chosen by `select` (query or JSON).
  const orlib = readFileSync(join(instancesDir, 'qubo/orlib/bqp50.txt'), 'utf8');
  const second = await check(svc, 'POST', '/v1/problems?select=2', (r) => r.set('Content-Type', 'text/plain').send(orlib));
  assert.deepEqual([second.status, second.body.format, second.body.sense, second.body.options, second.body.summary.instance, second.body.summary.instances], [201, 'orlib', 'max', { select: 2 }, 2, 10]);
  const third = await check(svc, 'POST', '/v1/problems', (r) => r.send({ content: orlib, select: 3 }));
  assert.deepEqual([third.status, third.body.options], [201, { select: 3 }]);
  assert.notEqual(third.body.id, second.body.id);
  const biqmac = await check(svc, 'POST', '/v1/problems?family=qubo', (r) => r.set('Content-Type', 'text/plain').send('3 2\n1 2 -4\n3 3 7\n'));
  assert.deepEqual([biqmac.status, biqmac.body.format, biqmac.body.sense], [201, 'biqmac', 'min']);
  const relaxed = await check(svc, 'POST', '/v1/problems?mode=relaxed&family=maxcut', (r) => r.set('Content-Type', 'text/plain').send('3 2\n1 2 1\n2 2 5\n'));
  assert.deepEqual([relaxed.status, relaxed.body.summary.selfLoops, relaxed.body.summary.warnings[0]?.code], [201, 1, 'BAD_EDGE']);
  const refusals: [number, string, string | null, (r: Req) => Req, string?][] = [
    [422, 'PARSE_ERROR', 'INSTANCE_INDEX', (r) => r.set('Content-Type', 'text/plain').send(orlib)],
    [422, 'PARSE_ERROR', 'INSTANCE_INDEX', (r) => r.set('Content-Type', 'text/plain').send(graph), '/v1/problems?select=2'],
    [422, 'PARSE_ERROR', 'BAD_JSON', (r) => r.send({ family: 'qubo', format: 'qubo-json', content: '{"n": 2, "terms": [[0, 1,' })],
    [422, 'PARSE_ERROR', 'BAD_EDGE', (r) => r.set('Content-Type', 'text/plain').send('3 1\n2 2 4\n')],
    [422, 'PARSE_ERROR', 'EDGE_COUNT_MISMATCH', (r) => r.set('Content-Type', 'text/plain').send('3 2\n1 2 4\n')],
    [422, 'PARSE_ERROR', 'BAD_TERM', (r) => r.set('Content-Type', 'text/plain').send('3 1\n1 4 2\n'), '/v1/problems?family=qubo'],
    [400, 'FAMILY_MISMATCH', null, (r) => r.send({ family: 'maxcut', format: 'cnf', content: 'p cnf 1 1\n1 0\n' })],
    [400, 'INVALID_REQUEST', null, (r) => r.set('Content-Type', 'text/plain').send(graph), '/v1/problems?family=tsp'],
    // A rudy graph read as a colouring graph: no `p edge` header.
    [422, 'PARSE_ERROR', 'NO_HEADER', (r) => r.set('Content-Type', 'text/plain').send(graph), '/v1/problems?family=coloring'],
    [400, 'INVALID_REQUEST', null, (r) => r.send({ content: orlib, select: 0 })],
  ];
  for (const [status, code, issue, build, path = '/v1/problems'] of refusals) {
    const res = await check(svc, 'POST', path, build);
    assert.deepEqual([res.status, res.body.code, issue === null ? null : res.body.issues[0].code], [status, code, issue], res.text);
  }

  // Evaluations in each family's own sense, checked by hand.
  const cut = await check(svc, 'POST', `/v1/problems/${maxcut.body.id}/evaluate`, (r) => r.send({ assignment: '0101' }));
  assert.deepEqual(cut.body, { problemId: maxcut.body.id, family: 'maxcut', sense: 'max', objective: '3', cost: '-3', feasible: true, metrics: { cutWeight: 3 } });
  const xqx = await check(svc, 'POST', `/v1/problems/${qubo.body.id}/evaluate`, (r) => r.send({ assignment: '1 2 3' }));
  assert.deepEqual([xqx.body.objective, xqx.body.cost, xqx.body.metrics], ['7', '-7', {}]);
  assert.equal((await check(svc, 'POST', `/v1/problems/${biqmac.body.id}/evaluate`, (r) => r.send({ assignment: '111' }))).body.objective, '-1', 'Biq Mac doubles an off-diagonal entry: 2·(−4) + 7');
  assert.equal((await check(svc, 'POST', `/v1/problems/${maxcut.body.id}/evaluate`, (r) => r.send({ assignment: '01' }))).body.code, 'BAD_ASSIGNMENT');

  // Refusals of solvers, presets and configs that do not fit the family.
  const maxcutId = maxcut.body.id as string;
  const runRefusals: [string, object][] = [
    ['UNSUPPORTED_FAMILY', { problemId: maxcutId, solver: 'walksat' }],
    ['UNSUPPORTED_FAMILY', { problemId: second.body.id, solver: 'probsat' }],
    ['PRESET_IGNORED', { problemId: maxcutId, solver: 'tabu', preset: 'default' }],
    ['CONFIG_IGNORED', { problemId: maxcutId, solver: 'openai-es', config: { numProbe: 2 } }],
    ['INVALID_PRESET', { problemId: maxcutId, solver: 'polystep', preset: 'paper' }],
    ['INVALID_REQUEST', { problemId: maxcutId, solver: 'tabu', termination: { targetObjective: '7', targetCost: '-7' } }],
    ['INVALID_REQUEST', { problemId: maxcutId, solver: 'tabu', termination: { targetObjective: '7.5' } }],
  ];
  for (const [code, body] of runRefusals) {
    const res = await check(svc, 'POST', '/v1/runs', (r) => r.send(body));
    assert.deepEqual([res.status, res.body.code], [400, code], res.text);
  }

  // Runs: tabu on the graph until the best cut, PolyStep on the JSON QUBO, tabu on an inline OR-Library instance.
  const cutRun = await check(svc, 'POST', '/v1/runs', (r) => r.send({ problemId: maxcutId, solver: 'tabu', seed: 1, termination: { maxSteps: 200, targetObjective: 7 } }));
  const quboRun = await check(svc, 'POST', '/v1/runs', (r) => r.send({ problemId: qubo.body.id, solver: 'polystep', termination: { maxSteps: 30 } }));
  const orlibRun = await check(svc, 'POST', '/v1/runs', (r) => r.send({ problem: { family: 'qubo', format: 'orlib', select: 2, content: orlib }, solver: 'tabu', termination: { maxSteps: 20 } }));
  assert.deepEqual([cutRun.status, quboRun.status, orlibRun.status], [202, 202, 202]);
  assert.equal((await check(svc, 'GET', `/v1/runs/${orlibRun.body.id}`)).body.problemId, second.body.id, 'the inline instance is the stored one');

  const cutDone = await finished(svc, cutRun.body.id);
  assert.deepEqual([cutDone.status, cutDone.stopReason], ['completed', 'target_reached']);
  const cutRead = (await check(svc, 'GET', `/v1/runs/${cutRun.body.id}`)).body;
  assert.deepEqual([cutRead.preset, cutRead.termination, cutRead.best.objective, cutRead.best.cost, cutRead.best.metrics], [null, { maxSteps: 200, targetObjective: '7', targetCost: '-7' }, '7', '-7', { cutWeight: 7 }]);
  const best = await checkRunReadings(cutRun.body.id, 'maxcut', 'max', ['cutWeight']);
  assert.equal((await check(svc, 'POST', `/v1/problems/${maxcutId}/evaluate`, (r) => r.send({ assignment: best.assignment }))).body.objective, '7');

  assert.equal((await finished(svc, quboRun.body.id)).status, 'completed');
  const quboBest = await checkRunReadings(quboRun.body.id, 'qubo', 'max', []);
  assert.equal((await check(svc, 'POST', `/v1/problems/${qubo.body.id}/evaluate`, (r) => r.send({ assignment: quboBest.assignment }))).body.objective, quboBest.objective, 'the reported objective is the assignment\'s');

  assert.equal((await finished(svc, orlibRun.body.id)).status, 'completed');
  const orlibBest = await checkRunReadings(orlibRun.body.id, 'qubo', 'max', []);
  assert.equal(orlibBest.assignment.length, 50);
  assert.equal((await check(svc, 'GET', `/v1/runs?problemId=${second.body.id}`)).body.total, 1);
});

test('a full queue, cancels, a problem in use and a missing solution conform', async () => {
  const problemId = (await check(busy, 'POST', '/v1/problems', (r) => r.set('Content-Type', 'text/plain').send(paper1k))).body.id as string;
  const long = { problemId, termination: { maxSteps: 100_000_000 } };
  const running = (await check(busy, 'POST', '/v1/runs', (r) => r.send(long))).body.id as string;
  await eventually(async () => ((await check(busy, 'GET', `/v1/runs/${running}`)).body.status === 'running' ? true : undefined));
  const queued = (await check(busy, 'POST', '/v1/runs', (r) => r.send(long))).body.id as string;
  const full = await check(busy, 'POST', '/v1/runs', (r) => r.send(long));
  assert.deepEqual([full.status, full.headers['retry-after']], [429, '5']);
  assert.equal((await check(busy, 'DELETE', `/v1/problems/${problemId}`)).status, 409);
  assert.equal((await check(busy, 'GET', `/v1/runs/${queued}/solution`)).status, 409);
  assert.equal((await check(busy, 'DELETE', `/v1/runs/${queued}`)).body.status, 'cancelled');
  assert.equal((await check(busy, 'GET', `/v1/runs/${queued}/solution`)).status, 409);
  await eventually(async () => ((await check(busy, 'GET', `/v1/runs/${running}`)).body.best !== null ? true : undefined));
  const cancelling = await check(busy, 'DELETE', `/v1/runs/${running}`);
  assert.equal(cancelling.status, 202);
  assert.ok(cancelling.body.timestamps.cancelRequestedAt);
  assert.deepEqual(await finished(busy, running).then((r) => [r.status, r.stopReason]), ['cancelled', 'aborted']);
  assert.equal((await check(busy, 'GET', `/v1/runs/${running}/solution`)).body.assignment.length, 1000);
  assert.deepEqual(await check(busy, 'DELETE', `/v1/problems/${problemId}`).then((r) => [r.status, r.body.code]), [409, 'PROBLEM_HAS_RUNS']);
  assert.deepEqual(await check(busy, 'DELETE', `/v1/problems/${problemId}?cascade=yes`).then((r) => [r.status, r.body.code]), [400, 'INVALID_REQUEST']);
  assert.equal((await check(busy, 'DELETE', `/v1/problems/${problemId}?cascade=true`)).status, 204);
});

test('a benchmark report conforms as JSON, CSV, HTML and Markdown, chosen by format or Accept', async () => {
  // Stored directly (no solving): the report only reads the benchmark and its cells.
  const bench = svc.deps.benchmarks.create({ name: 'report-conformance', suite: 'satlib-small', solvers: ['walksat', 'probsat'], seeds: 1, budget: { timeLimitMs: 100 }, totalCells: 3 });
  const base = { family: 'fam', sense: 'min', seed: 1, feasible: true, bestKnown: 2n ** 70n, optimum: null, steps: 9, evaluations: 9, wallMs: 5, timeToBestMs: 3 } as const;
  svc.deps.benchmarks.insertCell(bench.id, { ...base, instance: 'a.wcnf', solverKey: 'walksat', objective: 2n ** 70n, metrics: { satRatio: 0.9, falsifiedClauses: 2 }, reachedBest: true, error: null, curve: [[1, '1180591620717411303430'], [3, '1180591620717411303424']] });
  svc.deps.benchmarks.insertCell(bench.id, { ...base, instance: 'a.wcnf', solverKey: 'probsat', objective: null, feasible: null, metrics: null, reachedBest: null, error: 'boom, "quoted"', curve: [] });
  const path = `/v1/benchmarks/${bench.id}/report`;
  const json = await check(svc, 'GET', path);
  assert.equal(json.status, 200);
  assert.deepEqual([json.body.benchmark.id, json.body.summary.totals[0].bestObjective, json.body.summary.totals[1].errors], [bench.id, '1180591620717411303424', 1]);
  const csv = await check(svc, 'GET', path, (r) => r.set('Accept', 'text/csv'));
  const documentedCsv = ((loadOpenApi().paths as Record<string, any>)['/v1/benchmarks/{id}/report'].get.responses['200'].content['text/csv'].example as string).split('\n')[0];
  assert.deepEqual([csv.text.split('\n')[0], csv.text.trimEnd().split('\n').length], [documentedCsv, 3], 'the documented header, then one line per cell');
  assert.match((await check(svc, 'GET', `${path}?format=csv`, (r) => r.set('Accept', 'text/html'))).headers['content-type'], /^text\/csv/, '?format wins over Accept');
  const html = await check(svc, 'GET', `${path}?format=html`);
  assert.match(html.text, /^<!DOCTYPE html>[\s\S]*<svg[\s\S]*<\/html>\n$/);
  assert.match((await check(svc, 'GET', path, (r) => r.set('Accept', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'))).headers['content-type'], /^text\/html/);
  assert.match((await check(svc, 'GET', `${path}?format=markdown`)).text, /\| *walksat *\|/);
  assert.match((await check(svc, 'GET', path, (r) => r.set('Accept', 'text/markdown'))).headers['content-type'], /^text\/markdown/);
  const pdf = await check(svc, 'GET', `${path}?format=pdf`);
  assert.deepEqual([pdf.status, pdf.body.code], [400, 'INVALID_REQUEST']);
  assert.match(pdf.body.detail, /markdown/, 'the refusal names every format there is');
  assert.equal((await check(svc, 'GET', '/v1/benchmarks/bm_nope/report')).status, 404);
});

test('a database that fails gives a 503 readiness, and 500 problem JSON', async () => {
  const broken = testService();
  try {
    // New statements fail (prepared ones keep working): readiness reports the database unavailable.
    Object.defineProperty(broken.deps.db, 'prepare', {
      value: () => {
        throw new Error('disk I/O error');
      },
      configurable: true,
    });
    const ready = await check(broken, 'GET', '/readyz');
    assert.deepEqual([ready.status, ready.body.status, ready.body.database], [503, 'not_ready', 'unavailable']);
    delete (broken.deps.db as { prepare?: unknown }).prepare;
    broken.deps.db.close();
    const res = await check(broken, 'GET', '/v1/runs');
    assert.deepEqual([res.status, res.body.code], [500, 'INTERNAL']);
    assert.equal((await check(broken, 'GET', '/readyz')).status, 503, 'a closed connection is reported, not a crash');
  } finally {
    await broken.close();
  }
});

test('a service that is shutting down refuses new runs and uploads with 503', async () => {
  const stopping = testService();
  try {
    const problemId = (await check(stopping, 'POST', '/v1/problems', (r) => r.send({ format: 'wcnf', content: 'h 1 0\n2 -1 0\n' }))).body.id as string;
    await stopping.deps.service.shutdown(100);
    const refused = await check(stopping, 'POST', '/v1/runs', (r) => r.send({ problemId }));
    assert.deepEqual([refused.status, refused.body.code], [503, 'SERVICE_STOPPING']);
    // The parse worker stops last: uploads, and runs on an inline problem, are then refused too.
    await stopping.deps.intake.close();
    const upload = await check(stopping, 'POST', '/v1/problems', (r) => r.set('Content-Type', 'text/plain').send('p cnf 2 1\n1 -2 0\n'));
    assert.deepEqual([upload.status, upload.body.code], [503, 'SERVICE_STOPPING']);
    const inline = await check(stopping, 'POST', '/v1/runs', (r) => r.send({ problem: { content: 'p cnf 2 1\n-1 2 0\n' } }));
    assert.deepEqual([inline.status, inline.body.code], [503, 'SERVICE_STOPPING']);
  } finally {
    await stopping.close();
  }
});

test('benchmark creation, reads, lists and cancels conform, with every refusal', async () => {
  const quick = { name: 'conform', suite: 'satlib/uf20-91/uf20-01.cnf', solvers: ['walksat'], seeds: 1, timeLimitMs: 200 };
  const created = await check(svc, 'POST', '/v1/benchmarks', (r) => r.send(quick));
  assert.equal(created.status, 202);
  const id = created.body.id as string;
  await eventually(async () => ((await check(svc, 'GET', `/v1/benchmarks/${id}`)).body.status === 'completed' ? true : undefined), 10_000);
  // A Max-Cut benchmark with the tabu baseline: its view (a max sense, a gap) conforms too.
  const maxCut = await check(svc, 'POST', '/v1/benchmarks', (r) => r.send({ suite: 'gset/G14.txt', solvers: 'tabu', seeds: 1, maxEvaluations: 2000 }));
  const cut = await eventually(async () => {
    const b = await check(svc, 'GET', `/v1/benchmarks/${maxCut.body.id}`);
    return b.body.status === 'completed' ? b : undefined;
  }, 10_000);
  assert.equal(cut.body.progress.bySolver[0].sense, 'max');
  assert.equal((await check(svc, 'DELETE', `/v1/benchmarks/${id}`)).status, 409);
  const slow = await check(svc, 'POST', '/v1/benchmarks', (r) => r.send({ suite: 'satlib/uuf50-218', solvers: 'polystep:paper,hybrid:paper', seeds: 2, timeLimitMs: 20_000 }));
  const running = await eventually(async () => {
    const b = await check(svc, 'GET', `/v1/benchmarks/${slow.body.id}`);
    return b.body.progress.running.length > 0 ? b : undefined;
  });
  assert.equal(running.body.status, 'running');
  assert.equal((await check(svc, 'GET', '/v1/benchmarks?limit=1')).body.items.length, 1);
  assert.equal((await check(svc, 'DELETE', `/v1/benchmarks/${slow.body.id}`)).body.status, 'cancelled');
  assert.ok((await check(svc, 'GET', '/v1/benchmarks')).body.total >= 2);
  assert.equal((await check(svc, 'GET', '/v1/benchmarks?offset=-1')).status, 400);
  assert.equal((await check(svc, 'GET', '/v1/benchmarks/bm_nope')).status, 404);
  assert.equal((await check(svc, 'DELETE', '/v1/benchmarks/bm_nope')).status, 404);
  const refusals: [number, string, (r: Req) => Req][] = [
    [400, 'INVALID_SUITE', (r) => r.send({ ...quick, name: undefined, suite: 'gset/G99.txt' })],
    [400, 'UNSUPPORTED_FAMILY', (r) => r.send({ ...quick, name: undefined, suite: 'qubo-gka' })],
    [400, 'INVALID_SOLVER', (r) => r.send({ ...quick, name: undefined, solvers: 'gsat' })],
    [400, 'INVALID_REQUEST', (r) => r.send({ suite: 'satlib-small', solvers: 'walksat', seeds: 1 })],
    [400, 'TIME_LIMIT_TOO_LONG', (r) => r.send({ ...quick, name: undefined, timeLimitMs: 24 * 3600 * 1000 })],
    [400, 'TOO_MANY_CELLS', (r) => r.send({ ...quick, name: undefined, suite: 'satlib-small', seeds: 1000 })],
    [409, 'BENCHMARK_EXISTS', (r) => r.send({ ...quick, seeds: 2 })],
    [413, 'BODY_TOO_LARGE', (r) => r.send({ ...quick, name: 'x'.repeat(100_000) })],
    [415, 'UNSUPPORTED_MEDIA_TYPE', (r) => r.set('Content-Type', 'application/json; charset=latin1').send(JSON.stringify(quick))],
  ];
  for (const [status, code, build] of refusals) {
    const res = await check(svc, 'POST', '/v1/benchmarks', build);
    assert.deepEqual([res.status, res.body.code], [status, code], res.text);
  }
  const stopping = testService();
  try {
    await stopping.deps.benchmarkService.shutdown();
    const refused = await check(stopping, 'POST', '/v1/benchmarks', (r) => r.send(quick));
    assert.deepEqual([refused.status, refused.body.code], [503, 'SERVICE_STOPPING']);
  } finally {
    await stopping.close();
  }
});

test('token, cross-site, host and rate-limit refusals conform on every operation that documents them', async () => {
  const guarded = testService({ apiToken: 'sweep-token-0123456789abcdef' });
  const limited = testService({ rateLimitPerMinute: 1 });
  try {
    await request(limited.app).get('/v1/runs').expect(200); // the whole quota
    const refusals: Record<string, { s: TestService; build: (r: Req, method: string) => Req; codes: string[] }> = {
      '401': { s: guarded, build: (r) => r.set('Authorization', 'Bearer not-the-token'), codes: ['INVALID_TOKEN'] },
      // Reads are refused only when they address a loopback-bound service by a foreign name; writes also cross-site.
      '403': {
        s: svc,
        build: (r, method) => (method === 'GET' ? r.set('Host', 'rebound.example:8080').set('Sec-Fetch-Site', 'same-origin') : r.set('Sec-Fetch-Site', 'cross-site').set('Origin', 'https://evil.example')),
        codes: ['UNTRUSTED_HOST', 'CROSS_SITE_REQUEST'],
      },
      '429': { s: limited, build: (r) => r, codes: ['RATE_LIMITED'] },
    };
    let checked = 0;
    for (const documented of documentedResponses()) {
      const refusal = refusals[documented.status];
      if (refusal === undefined) continue;
      const method = documented.method as Method;
      const res = await check(refusal.s, method, documented.path.replace(/\{[^}]+\}/g, 'x_sweep'), (r) => refusal.build(r, method));
      assert.equal(res.status, Number(documented.status), `${method} ${documented.path}: ${res.text}`);
      assert.ok(refusal.codes.includes(res.body.code), `${method} ${documented.path}: ${res.body.code}`);
      checked++;
    }
    assert.ok(checked >= 3 * 16, `${checked} refusals checked`);
    const missing = await check(guarded, 'GET', '/v1/runs');
    assert.deepEqual([missing.status, missing.body.code], [401, 'MISSING_TOKEN']);
  } finally {
    await Promise.all([guarded.close(), limited.close()]);
  }
});

test('the sweep exercised every documented response and media type except the 500s it cannot provoke', () => {
  const covered = coveredResponses();
  const missing = documentedResponses().flatMap((r) => {
    if (r.status === '500') return [];
    const keys = r.mediaTypes.length === 0 ? [responseKey(r.method, r.path, r.status, undefined)] : r.mediaTypes.map((m) => responseKey(r.method, r.path, r.status, m));
    return keys.filter((k) => !covered.has(k));
  });
  assert.deepEqual(missing, []);
  assert.ok([...covered].some((k) => / 500 /.test(k)), 'one 500 was checked');
});

test('the config schemas in openapi.yaml are the ones generated from the zod schema the API validates with', () => {
  const components = (loadOpenApi().components as { schemas: Record<string, unknown> }).schemas;
  for (const [id, schema] of Object.entries(configJsonSchemas())) {
    assert.deepEqual(components[id], schema, `components.schemas.${id} differs: run npm run openapi:sync`);
  }
});

// ---------------------------------------------------------------- (d) drift: registries, validators and emitted codes

test('the components generated from the registries and the config schema are the ones in openapi.yaml (npm run openapi:sync)', () => {
  const file = readFileSync(openApiPath, 'utf8');
  assert.equal(syncOpenApiText(file), file, 'openapi.yaml is out of sync with the problem and solver registries or the config schema: run npm run openapi:sync');
  const components = (loadOpenApi().components as { schemas: Record<string, unknown> }).schemas;
  const generated = generatedSchemas();
  for (const id of ['ProblemFamily', 'ProblemFormat', 'ProblemFormatHint', 'SolverName', 'PresetName', 'BenchmarkSolverKey', 'ConfigOverrides']) assert.ok(id in generated, id);
  for (const [id, schema] of Object.entries(generated)) assert.deepEqual(components[id], schema, `components.schemas.${id}`);
  assert.deepEqual((components.SolverName as { enum: unknown }).enum, [...SOLVER_NAMES]);
  assert.deepEqual((components.ProblemFormatHint as { enum: unknown }).enum, ['auto', ...ALL_FORMATS]);
  // A document that lost a solver is told apart, and the sync writes it back.
  const stale = file.replace('\n        - tabu\n', '\n');
  assert.notEqual(stale, file);
  assert.notEqual(syncOpenApiText(stale), stale);
  assert.equal(syncOpenApiText(stale), file);
});

test('the request validators accept exactly the documented names, and every family has its documented shapes', () => {
  const schemas = (loadOpenApi().components as { schemas: Record<string, any> }).schemas;
  assert.deepEqual(familySchema.options, schemas.ProblemFamily.enum);
  assert.deepEqual(formatSchema.options, schemas.ProblemFormatHint.enum);
  const run = (body: object) => runRequestSchema.safeParse({ problemId: 'prb_x', ...body }).success;
  for (const solver of schemas.SolverName.enum as string[]) assert.ok(run({ solver }), solver);
  for (const preset of schemas.PresetName.enum as string[]) assert.ok(run({ preset }), preset);
  assert.ok(!run({ solver: 'gsat' }) && !run({ preset: 'turbo' }), 'names beyond the documented ones are refused');
  // colors: the documented bounds are the validator's.
  const colors = schemas.RunRequest.properties.colors as { minimum: number; maximum: number };
  assert.ok(run({ colors: colors.minimum }) && run({ colors: colors.maximum }), 'the documented bounds are accepted');
  assert.ok(!run({ colors: colors.minimum - 1 }) && !run({ colors: colors.maximum + 1 }) && !run({ colors: 2.5 }), 'beyond them, or a fraction, is refused');
  assert.deepEqual(schemas.Run.properties.colors.type, ['integer', 'null']);
  for (const ref of [schemas.RunRequest.properties.solver, schemas.Run.properties.solver]) assert.equal(ref.$ref, '#/components/schemas/SolverName');
  assert.equal(schemas.RunRequest.properties.preset.$ref, '#/components/schemas/PresetName');
  assert.deepEqual(schemas.Run.properties.preset.oneOf, [{ $ref: '#/components/schemas/PresetName' }, { type: 'null' }], 'a run of a solver without presets shows none');
  assert.equal(schemas.InlineProblem.properties.family.$ref, '#/components/schemas/ProblemFamily');
  assert.equal(schemas.InlineProblem.properties.format.$ref, '#/components/schemas/ProblemFormatHint');
  for (const shape of ['Problem', 'Evaluation']) {
    const { mapping } = schemas[shape].discriminator as { mapping: Record<string, string> };
    assert.deepEqual(Object.keys(mapping), [...FAMILY_NAMES], `${shape} has one shape per family`);
    for (const family of FAMILY_NAMES) {
      const id = familyComponentId(family, shape);
      assert.equal(mapping[family], `#/components/schemas/${id}`);
      assert.ok((schemas[shape].oneOf as { $ref: string }[]).some((s) => s.$ref === mapping[family]), `${shape}.oneOf lists ${id}`);
      assert.deepEqual(schemas[id].allOf[1].properties.family, { const: family });
    }
  }
  for (const family of FAMILY_NAMES) {
    assert.deepEqual(schemas[familyComponentId(family, 'Problem')].allOf[1].properties.format, { $ref: `#/components/schemas/${familyComponentId(family, 'Format')}` });
  }
});

test('every parse issue code the parsers can report is documented', () => {
  const source = readFileSync(resolve(repoRoot, 'src/common/parse-result.ts'), 'utf8');
  const union = /export type ParseIssueCode =([^;]+);/.exec(source);
  assert.ok(union !== null, 'src/common/parse-result.ts declares the ParseIssueCode union');
  const codes = [...union[1].matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
  assert.ok(codes.length >= 20 && codes.includes('BAD_JSON'), codes.join(', '));
  const schemas = (loadOpenApi().components as { schemas: Record<string, any> }).schemas;
  assert.deepEqual(schemas.ParseIssue.properties.code.enum, codes);
});

/** Codes raised where no request can see them, each with the reason. */
const CODES_NO_RESPONSE_CARRIES: Readonly<Record<string, string>> = {
  BACKEND_UNAVAILABLE: 'raised while a worker sets up a run\'s evaluation backend (the run then fails) or while the service reads its configuration',
};

test('every error code the source raises is documented under its status', () => {
  const srcDir = resolve(repoRoot, 'src');
  const raised = new Map<string, number>();
  for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(srcDir, file), 'utf8');
    for (const m of source.matchAll(/(?:new AppError|super|failure)\(\s*'(\w+)',\s*'([A-Z][A-Z0-9_]*)'/g)) {
      raised.set(m[2], problemResponse(new AppError(m[1] as ErrorKind, m[2], '')).status);
    }
  }
  assert.ok(raised.size >= 35, `the scan found ${raised.size} codes`);
  const schemas = (loadOpenApi().components as { schemas: Record<string, any> }).schemas;
  const documented = schemas.ProblemDetails.properties.code.enum as string[];
  const byStatus = (status: number): string[] | undefined => {
    const own = schemas[`ProblemDetails${status}`]?.allOf[1].properties.code as { enum?: string[]; const?: string } | undefined;
    return own === undefined ? undefined : (own.enum ?? [own.const as string]);
  };
  for (const [code, status] of raised) {
    if (code in CODES_NO_RESPONSE_CARRIES) continue;
    assert.ok(documented.includes(code), `${code} (${status}) is not in ProblemDetails.code`);
    const own = byStatus(status);
    if (own !== undefined) assert.ok(own.includes(code), `${code} is not among the documented ${status} codes`);
  }
  for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]) {
    for (const code of byStatus(status) ?? []) assert.ok(documented.includes(code), `ProblemDetails${status} lists ${code}, which ProblemDetails.code does not`);
  }
});
