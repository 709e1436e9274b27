// Graph colouring through the REST API: .col uploads (raw and multipart), evaluations, k-colouring,
// DSATUR and chromatic runs with their traces, events and solutions, refusals, and `colors` kept
// across a restart. Every response is checked against openapi.yaml as well.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Rng } from '../src/common/rng.js';
import { coloringFixturesDir } from './support/col-reader.js';
import { assertMatchesOpenApi, assertMatchesSchema } from './support/openapi.js';
import { eventually, testService, type TestService } from './support/test-service.js';

const col = (name: string) => readFileSync(join(coloringFixturesDir, name), 'utf8');
const myciel3 = col('myciel3.col');
const myciel4 = col('myciel4.col');
const queen5 = col('queen5_5.col');

/** A triangle 1-2-3 with a pendant vertex 4 on 3: χ = 3. */
const triangle = 'c a triangle and a pendant\np edge 4 4\ne 1 2\ne 2 3\ne 1 3\ne 3 4\n';

/**
 * A random graph (60 vertices, density 1/2, fixed seed) on which DSATUR's first colouring is not the
 * best TabuCol finds: a chromatic search improves on it within a fraction of a second.
 */
function randomCol(seed: number, n: number, density: number): string {
  const rng = new Rng(seed);
  const edges: string[] = [];
  for (let a = 1; a <= n; a++) for (let b = a + 1; b <= n; b++) if (rng.uniform() < density) edges.push(`e ${a} ${b}`);
  return `p edge ${n} ${edges.length}\n${edges.join('\n')}\n`;
}
const random60 = randomCol(3, 60, 0.5);

const svc = testService({ maxUploadBytes: 256 * 1024, maxJsonBytes: 256 * 1024 });
after(() => svc.close());

type Req = request.Test;
type Method = 'GET' | 'POST' | 'DELETE';

/** Sends a request to `s`, asserts the response against openapi.yaml and returns it. */
async function call(method: Method, path: string, build: (r: Req) => Req = (r) => r, s: TestService = svc): Promise<request.Response> {
  const agent = request(s.app);
  const req = method === 'GET' ? agent.get(path) : method === 'POST' ? agent.post(path) : agent.delete(path);
  const res = await build(req);
  assertMatchesOpenApi(method, path, res);
  return res;
}

const uploadText = (text: string, query = '') => call('POST', `/v1/problems${query}`, (r) => r.set('Content-Type', 'text/plain').send(text));
const evaluate = (problemId: string, assignment: string) => call('POST', `/v1/problems/${problemId}/evaluate`, (r) => r.send({ assignment }));
const submit = (body: object) => call('POST', '/v1/runs', (r) => r.send(body));

const TERMINAL = ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];

async function finished(id: string, s: TestService = svc): Promise<Record<string, any>> {
  return eventually(async () => {
    const run = (await call('GET', `/v1/runs/${id}`, undefined, s)).body as Record<string, any>;
    return TERMINAL.includes(run.status) ? run : undefined;
  }, 30_000);
}

/** The `data` of each message of an event stream. */
async function streamedEvents(id: string): Promise<Record<string, any>[]> {
  const res = await call('GET', `/v1/runs/${id}/events`, (r) =>
    r.buffer(true).parse((stream, done) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => done(null, text));
    }),
  );
  return (res.body as string)
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, any>);
}

// ---------------------------------------------------------------- uploads

test('a .col upload, raw or multipart, is detected as family coloring, format col, with its graph summary', async () => {
  const raw = await uploadText(myciel3);
  assert.equal(raw.status, 201);
  const p = raw.body;
  assert.deepEqual([p.family, p.format, p.sense, p.variables, p.terms, p.name], ['coloring', 'col', 'min', 11, 20, null]);
  assert.deepEqual(p.summary, {
    vertices: 11,
    edges: 20,
    headerKind: 'edge',
    declaredEdges: 20,
    edgeLines: 20,
    duplicatesDropped: 0,
    selfLoopsDropped: 0,
    isolatedVertices: 0,
    degreeMin: 3,
    degreeMax: 5,
    degreeMean: 40 / 11,
    density: 20 / 55,
    // Mycielski graphs are triangle-free: the clique bound is 2 while χ(myciel3) = 4.
    colorsLowerBound: 2,
    warnings: [],
  });
  assert.equal(p.clauses, undefined, 'only MAX-SAT problems carry clause counts');

  const multipart = await call('POST', '/v1/problems', (r) => r.attach('file', Buffer.from(myciel4), 'myciel4.col'));
  assert.equal(multipart.status, 201);
  assert.deepEqual([multipart.body.family, multipart.body.format, multipart.body.name, multipart.body.variables, multipart.body.terms], ['coloring', 'col', 'myciel4.col', 23, 71]);
  const again = await call('POST', '/v1/problems', (r) => r.attach('file', Buffer.from(myciel3), 'myciel3.col'));
  assert.deepEqual([again.status, again.body.id], [200, p.id], 'the same graph sent as a file is the stored problem');

  // queen5_5.col lists every edge in both directions: half of its lines are dropped as repeats.
  const queen = (await uploadText(queen5)).body;
  assert.deepEqual(
    [queen.terms, queen.summary.declaredEdges, queen.summary.edgeLines, queen.summary.duplicatesDropped, queen.summary.colorsLowerBound],
    [160, 320, 320, 160, 5],
  );
  const inline = await call('POST', '/v1/problems', (r) => r.send({ format: 'col', content: triangle, name: 'tri' }));
  assert.deepEqual([inline.status, inline.body.family, inline.body.variables, inline.body.summary.colorsLowerBound], [201, 'coloring', 4, 3]);
});

test('a `p edge` file is graph colouring, not MAX-SAT, and MAX-SAT files still read as MAX-SAT', async () => {
  // No file name, a comment first: the header alone decides.
  const sniffed = await uploadText('c no name\np edge 3 2\ne 1 2\ne 2 3\n');
  assert.deepEqual([sniffed.status, sniffed.body.family, sniffed.body.format], [201, 'coloring', 'col']);
  const cnf = await uploadText('p cnf 3 2\n1 -2 0\n2 3 0\n');
  assert.deepEqual([cnf.body.family, cnf.body.format], ['maxsat', 'cnf']);
  // Read as MAX-SAT by request, a colouring graph is a parse error, not a formula.
  const forced = await uploadText('p edge 3 2\ne 1 2\ne 2 3\n', '?family=maxsat');
  assert.deepEqual([forced.status, forced.body.code, forced.body.issues[0].line], [422, 'PARSE_ERROR', 1]);
  const mismatch = await call('POST', '/v1/problems', (r) => r.send({ family: 'maxsat', format: 'col', content: triangle }));
  assert.deepEqual([mismatch.status, mismatch.body.code], [400, 'FAMILY_MISMATCH']);
});

test('a .col with an error is refused with problem JSON whose issues point at the line and column', async () => {
  // Vertex 4 on line 3 is beyond the 3 the header declares.
  const outOfRange = await uploadText('p edge 3 2\ne 1 2\ne 1 4\n');
  assert.equal(outOfRange.status, 422);
  assert.equal(outOfRange.headers['content-type'].split(';')[0], 'application/problem+json');
  assert.equal(outOfRange.body.code, 'PARSE_ERROR');
  const [issue] = outOfRange.body.issues;
  assert.deepEqual([issue.severity, issue.line, issue.column > 1], ['error', 3, true], JSON.stringify(issue));
  assert.match(outOfRange.body.detail, new RegExp(issue.code));

  const countMismatch = await call('POST', '/v1/problems', (r) => r.send({ format: 'col', content: 'p edge 3 3\ne 1 2\ne 2 3\n' }));
  assert.deepEqual([countMismatch.status, countMismatch.body.code], [422, 'PARSE_ERROR']);
  assert.ok(countMismatch.body.issues.every((i: { line: number }) => Number.isInteger(i.line)));

  const multipart = await call('POST', '/v1/problems', (r) => r.attach('file', Buffer.from('p edge 2 1\ne 1 x\n'), 'bad.col'));
  assert.deepEqual([multipart.status, multipart.body.code, multipart.body.issues[0].line], [422, 'PARSE_ERROR', 2]);
  // An inline problem of a run is read the same way, before anything is queued.
  const run = await submit({ problem: { format: 'col', content: 'p edge 3 2\ne 1 2\ne 1 4\n' }, solver: 'dsatur' });
  assert.deepEqual([run.status, run.body.issues[0].line], [422, 3]);
});

// ---------------------------------------------------------------- evaluation

test('evaluating colourings: colours used, conflicts and the first conflicting edges, 1-based', async () => {
  const id = (await call('POST', '/v1/problems', (r) => r.send({ format: 'col', content: triangle }))).body.id as string;
  const proper = await evaluate(id, '1 2 3 1');
  assert.deepEqual(proper.body, { problemId: id, family: 'coloring', sense: 'min', objective: '3', cost: '3', feasible: true, metrics: { colors: 3, conflicts: 0 }, colors: 3, conflicts: 0, conflictingEdges: [] });
  // Colours are labels: 0-based, or any numbers, name the same colouring.
  assert.deepEqual((await evaluate(id, '0 7 2 0')).body, proper.body);
  // Solver output: only the `v` lines count.
  assert.deepEqual((await evaluate(id, 'c from a solver\ns SATISFIABLE\nv 1 2\nv 3 1\n')).body, proper.body);

  const improper = await evaluate(id, '1 1 2 2');
  assert.deepEqual(
    [improper.body.objective, improper.body.feasible, improper.body.colors, improper.body.conflicts, improper.body.conflictingEdges, improper.body.metrics],
    ['2', false, 2, 2, [[1, 2], [3, 4]], { colors: 2, conflicts: 2 }],
  );

  // A clique of 8 in one colour: 28 conflicts, the first 20 listed.
  const k8 = Array.from({ length: 8 }, (_, a) => Array.from({ length: 7 - a }, (_, i) => `e ${a + 1} ${a + i + 2}`)).flat();
  const clique = (await call('POST', '/v1/problems', (r) => r.send({ format: 'col', content: `p edge 8 28\n${k8.join('\n')}\n` }))).body.id as string;
  const mono = await evaluate(clique, '5 5 5 5 5 5 5 5');
  assert.deepEqual([mono.body.objective, mono.body.conflicts, mono.body.conflictingEdges.length], ['1', 28, 20]);
  assert.deepEqual(mono.body.conflictingEdges.slice(0, 2), [[1, 2], [1, 3]]);

  const short = await evaluate(id, '1 2 3');
  assert.deepEqual([short.status, short.body.code], [400, 'BAD_ASSIGNMENT']);
  assert.match(short.body.detail, /3 colours given for 4 vertices/);
  const long = await evaluate(id, '1 2 3 1 2');
  assert.deepEqual([long.status, long.body.code, long.body.issues[0].column], [400, 'BAD_ASSIGNMENT', 9]);
  const notColour = await evaluate(id, '1 x 3 1');
  assert.deepEqual([notColour.status, notColour.body.code, notColour.body.issues[0].line, notColour.body.issues[0].column], [400, 'BAD_ASSIGNMENT', 1, 3]);
  assert.equal((await evaluate(id, '1 -2 3 1')).body.code, 'BAD_ASSIGNMENT', 'signed literals are not colours');
});

// ---------------------------------------------------------------- runs

/** Reads a finished colouring run's solution as JSON and as text, rescoring both with /evaluate. */
async function checkSolution(run: Record<string, any>): Promise<{ json: Record<string, any>; text: string }> {
  const json = (await call('GET', `/v1/runs/${run.id}/solution`)).body as Record<string, any>;
  assert.deepEqual([json.family, json.sense, json.objective, json.cost, json.feasible, json.metrics], ['coloring', 'min', run.best.objective, run.best.cost, true, run.best.metrics]);
  const colours = (json.assignment as string).split(' ').map(Number);
  assert.ok(colours.every((c) => Number.isInteger(c) && c >= 1), 'colours are 1-based');
  assert.equal(new Set(colours).size, Number(json.objective));
  const rescored = (await evaluate(run.problemId, json.assignment)).body;
  assert.deepEqual([rescored.objective, rescored.feasible, rescored.conflicts], [json.objective, true, 0], 'the reported colouring is the one scored');

  const text = (await call('GET', `/v1/runs/${run.id}/solution`, (r) => r.set('Accept', 'text/plain'))).text;
  const [, o, s, v] = /^c objective: colours used \(minimised; proper colourings only\)\no ([0-9]+)\ns (OPTIMUM FOUND|SATISFIABLE)\nv ([0-9 ]+)\n$/.exec(text) ?? [];
  assert.ok(o !== undefined, text);
  assert.deepEqual([o, s, v], [json.objective, json.status, json.assignment], 'the text says what the JSON says');
  assert.equal((await evaluate(run.problemId, text)).body.objective, json.objective, 'the text solution reads back through /evaluate');
  return { json, text };
}

test('a tabucol run with colors ends target_reached with a proper colouring of at most k colours, its solution rescored alike', async () => {
  const problemId = (await uploadText(myciel4)).body.id as string;
  const submitted = await submit({ problemId, solver: 'tabucol', colors: 5, seed: 2, termination: { timeLimitMs: 20_000 } });
  assert.equal(submitted.status, 202);
  const run = await finished(submitted.body.id);
  // Without colors, the chromatic search would keep trying 4 colours (its clique bound is 2) until the time limit.
  assert.deepEqual([run.status, run.stopReason, run.colors, run.preset], ['completed', 'target_reached', 5, null]);
  assert.ok(run.best.feasible && Number(run.best.objective) <= 5 && run.best.metrics.conflicts === 0, JSON.stringify(run.best));
  const { json } = await checkSolution(run);
  assert.equal(json.status, 'SATISFIABLE');
});

test('queen5_5 with colors = 5 (its best known) stops as soon as a proper 5-colouring is found: optimal, as it meets the 5-clique', async () => {
  const problemId = (await uploadText(queen5)).body.id as string;
  const run = await finished((await submit({ problemId, solver: 'tabucol', colors: 5, termination: { timeLimitMs: 20_000 } })).body.id);
  assert.deepEqual([run.status, run.stopReason, run.colors, run.best.objective, run.best.feasible], ['completed', 'optimal', 5, '5', true]);
  const { json, text } = await checkSolution(run);
  assert.equal(json.status, 'OPTIMUM FOUND');
  assert.match(text, /\ns OPTIMUM FOUND\n/);
});

test('a dsatur run builds one colouring and ends with stop reason completed', async () => {
  const problemId = (await uploadText(myciel3)).body.id as string;
  const run = await finished((await submit({ problemId, solver: 'dsatur' })).body.id);
  assert.deepEqual([run.status, run.stopReason, run.colors, run.best.feasible], ['completed', 'completed', null, true]);
  // DSATUR colours myciel3 with χ = 4; the clique bound (2) cannot prove it.
  assert.deepEqual([run.best.objective, run.best.metrics], ['4', { colors: 4, conflicts: 0 }]);
  assert.equal((await checkSolution(run)).json.status, 'SATISFIABLE');
  // An inline graph runs the same way, stored first.
  const inline = await finished((await submit({ problem: { format: 'col', content: triangle }, solver: 'dsatur' })).body.id);
  assert.deepEqual([inline.stopReason, inline.best.objective], ['optimal', '3'], 'the triangle meets its clique bound');
});

test('a chromatic tabucol run reports proper colourings with k falling, in its trace, CSV and event stream', async () => {
  const problemId = (await uploadText(random60)).body.id as string;
  const run = await finished((await submit({ problemId, solver: 'tabucol', seed: 1, termination: { timeLimitMs: 1500 } })).body.id);
  assert.deepEqual([run.status, run.stopReason, run.colors], ['timed_out', 'time_limit', null]);

  const trace = (await call('GET', `/v1/runs/${run.id}/trace`)).body;
  const improvements = (trace.events as Record<string, any>[]).filter((e) => e.type === 'improvement');
  const ks = improvements.map((e) => e.metrics.colors as number);
  assert.ok(ks.length >= 2, `k fell at least once: ${ks.join(' → ')}`);
  for (let i = 1; i < ks.length; i++) assert.ok(ks[i] < ks[i - 1], `k falls strictly: ${ks.join(' → ')}`);
  for (const e of improvements) {
    assert.deepEqual([e.feasible, e.metrics.conflicts, e.bestObjective, e.bestCost], [true, 0, String(e.metrics.colors), String(e.metrics.colors)], 'every reported best is a proper colouring, its objective k');
  }
  assert.equal(run.best.objective, String(ks.at(-1)));

  const csv = (await call('GET', `/v1/runs/${run.id}/trace`, (r) => r.set('Accept', 'text/csv'))).text.trimEnd().split('\n');
  const header = csv[0].split(',');
  assert.ok(header.includes('metric.colors') && header.includes('metric.conflicts'), csv[0]);
  const colorsColumn = header.indexOf('metric.colors');
  const typeColumn = header.indexOf('type');
  assert.deepEqual(csv.slice(1).map((l) => l.split(',')).filter((c) => c[typeColumn] === 'improvement').map((c) => Number(c[colorsColumn])), ks);

  const streamed = await streamedEvents(run.id);
  for (const e of streamed) assertMatchesSchema('RunEvent', e);
  assert.deepEqual(streamed.filter((e) => e.type === 'improvement').map((e) => e.metrics.colors), ks, 'the event stream carries the same falling k');
  assert.deepEqual([streamed.at(-1)?.type, streamed.at(-1)?.status], ['status', 'timed_out']);
  await checkSolution(run);
});

test('runs that do not fit the family are refused before anything is queued', async () => {
  const coloring = (await uploadText(myciel3)).body.id as string;
  const maxsat = (await uploadText('p cnf 2 1\n1 2 0\n')).body.id as string;
  const before = (await call('GET', '/v1/runs')).body.total as number;
  const refusals: [string, object][] = [
    ['COLORS_IGNORED', { problemId: maxsat, solver: 'walksat', colors: 3 }],
    ['COLORS_IGNORED', { problemId: maxsat, colors: 3 }],
    ['UNSUPPORTED_FAMILY', { problemId: coloring, solver: 'walksat' }],
    ['UNSUPPORTED_FAMILY', { problemId: coloring, solver: 'tabu' }],
    ['UNSUPPORTED_FAMILY', { problemId: coloring, solver: 'openai-es' }],
    ['PRESET_IGNORED', { problemId: coloring, solver: 'dsatur', preset: 'default' }],
    ['CONFIG_IGNORED', { problemId: coloring, solver: 'tabucol', config: { numProbe: 2 } }],
    ['CONFIG_IGNORED', { problemId: coloring, solver: 'polystep', config: { numProbe: 2 } }],
    ['INVALID_PRESET', { problemId: coloring, solver: 'polystep', preset: 'paper' }],
    ['INVALID_REQUEST', { problemId: coloring, solver: 'tabucol', colors: 0 }],
    ['INVALID_REQUEST', { problemId: coloring, solver: 'tabucol', colors: 2.5 }],
    ['INVALID_REQUEST', { problemId: coloring, solver: 'tabucol', colors: 2 ** 31 }],
    ['INVALID_REQUEST', { problemId: coloring, solver: 'tabucol', colors: '4' }],
  ];
  for (const [code, body] of refusals) {
    const res = await submit(body);
    assert.deepEqual([res.status, res.body.code], [400, code], `${JSON.stringify(body)}: ${res.text}`);
  }
  const colorsIgnored = await submit({ problemId: maxsat, colors: 3 });
  assert.match(colorsIgnored.body.detail, /maxsat/);
  const walksat = await submit({ problemId: coloring, solver: 'walksat' });
  assert.match(walksat.body.detail, /dsatur/, 'the refusal names the solvers that fit');
  assert.equal((await call('GET', '/v1/runs')).body.total, before, 'nothing was queued');
});

test('colors is stored with the run: read back, listed, and absent (null) on other runs', async () => {
  // A graph of its own (myciel3 under another comment), so the problem's run list holds only this test's runs.
  const problemId = (await uploadText(`c stored colors\n${myciel3}`)).body.id as string;
  const k = await submit({ problemId, solver: 'tabucol', colors: 4, termination: { timeLimitMs: 20_000 } });
  const chromatic = await submit({ problemId, solver: 'dsatur' });
  const maxsat = (await uploadText('p cnf 2 1\n-1 2 0\n')).body.id as string;
  const other = await submit({ problemId: maxsat, solver: 'walksat', termination: { maxSteps: 10 } });
  assert.equal((await call('GET', `/v1/runs/${k.body.id}`)).body.colors, 4, 'shown while queued or running too');
  await Promise.all([k, chromatic, other].map((r) => finished(r.body.id)));
  const listed = (await call('GET', `/v1/runs?problemId=${problemId}`)).body;
  const byId = new Map((listed.items as Record<string, any>[]).map((r) => [r.id, r]));
  assert.deepEqual([listed.total, byId.get(k.body.id)?.colors, byId.get(chromatic.body.id)?.colors], [2, 4, null]);
  assert.deepEqual([byId.get(k.body.id)?.stopReason, byId.get(k.body.id)?.best.objective], ['target_reached', '4']);
  assert.equal((await call('GET', `/v1/runs/${other.body.id}`)).body.colors, null);
  assert.equal((await call('GET', '/v1/runs?status=completed')).body.items.find((r: { id: string }) => r.id === k.body.id)?.colors, 4);
});

test('a run queued again after a crash keeps its colors, and its new attempt solves for that k', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-colors-'));
  try {
    const databasePath = join(dir, 'polystep.db');
    // A process that died mid-run: the run is stored as running, with no worker on it.
    const first = testService({ databasePath });
    const problemId = (await call('POST', '/v1/problems', (r) => r.set('Content-Type', 'text/plain').send(myciel4), first)).body.id as string;
    const stored = first.deps.runs.create({ problemId, solver: 'tabucol', preset: 'default', config: {}, termination: { timeLimitMs: 20_000 }, seed: 3, family: 'coloring', sense: 'min', colors: 5 });
    assert.ok(first.deps.runs.markRunning(stored.id, 'cpu (incremental)'));
    await first.close();

    const second = testService({ databasePath, requeueInterrupted: true });
    try {
      const run = await finished(stored.id, second);
      // Dropped colors would make it a chromatic search, running to its time limit on myciel4.
      assert.deepEqual([run.attempt, run.colors, run.status, run.stopReason], [2, 5, 'completed', 'target_reached']);
      assert.ok(run.best.feasible && Number(run.best.objective) <= 5);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
