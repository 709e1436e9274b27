// GET /v1/catalog: its shape against openapi.yaml, its lists against the registries it is derived
// from, and every claim it makes about a run request against what POST /v1/runs does with it.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { manifestTags, resolveSuite } from '../src/bench/suites.js';
import { loadManifest } from '../src/instances/manifest.js';
import { FAMILIES } from '../src/problems/registry.js';
import { PRESETS } from '../src/solvers/binary/presets.js';
import { SOLVERS } from '../src/solvers/registry.js';
import type { Catalog } from '../src/service/catalog.js';
import { assertMatchesOpenApi } from './support/openapi.js';
import { testService } from './support/test-service.js';

// No run is ever queued: every request the validation lets through meets a full queue (429).
const svc = testService({ maxQueued: 0 });
const guarded = testService({ apiToken: 'catalog-token-0123456789abcdef' });
after(() => Promise.all([svc.close(), guarded.close()]));

async function catalog(): Promise<Catalog> {
  const res = await request(svc.app).get('/v1/catalog').expect(200);
  assertMatchesOpenApi('GET', '/v1/catalog', res);
  return res.body as Catalog;
}

test('the catalog conforms to its documented schema and lists what the registries hold', async () => {
  const c = await catalog();
  assert.deepEqual(Object.keys(c).sort(), ['benchmarkSchema', 'configSchema', 'families', 'presets', 'runSchema', 'solvers', 'suites', 'terminationSchema']);
  assert.deepEqual(c.families.map((f) => f.name), FAMILIES.map((f) => f.name));
  for (const family of FAMILIES) {
    const entry = c.families.find((f) => f.name === family.name)!;
    assert.deepEqual(entry.formats, [...family.formats]);
    assert.equal(entry.engine, family.engineKind);
    assert.equal(entry.sense, family.sense);
  }
  // A family's declared sense is what its instances have: the bundled ones, with their senses from the parsers.
  for (const family of FAMILIES) {
    const senses = new Set(loadManifest().entries.filter((e) => e.problem === family.name).map((e) => e.sense));
    assert.deepEqual([...senses].sort(), family.sense === 'either' ? ['max', 'min'] : [family.sense], family.name);
  }
  assert.deepEqual(c.solvers.map((s) => s.name), SOLVERS.map((s) => s.name));
  for (const solver of SOLVERS) {
    const entry = c.solvers.find((s) => s.name === solver.name)!;
    assert.deepEqual([entry.summary, entry.usesPreset, entry.usesConfig, entry.usesBackend], [solver.summary, solver.usesPreset, solver.usesConfig, solver.usesBackend]);
  }
  assert.deepEqual(c.presets.map((p) => p.name), [...PRESETS]);
  assert.ok(c.presets.every((p) => p.summary.length > 20));
  const manifest = loadManifest();
  assert.deepEqual(c.suites.map((s) => s.name), manifestTags(manifest));
  for (const suite of c.suites) {
    const instances = await resolveSuite(suite.name, { manifest, allowOutsideInstances: false });
    assert.equal(suite.instances, instances.length, suite.name);
    assert.deepEqual([...suite.families].sort(), [...new Set(instances.map((i) => i.problem))].sort(), suite.name);
  }
  assert.deepEqual(Object.keys(c.families.find((f) => f.name === 'coloring')!.runFields), ['colors']);
});

test('the catalog schemas accept and refuse what the run and benchmark validation do', async () => {
  const c = await catalog();
  const ajv = new Ajv2020({ strict: false });
  const config = ajv.compile(c.configSchema);
  const termination = ajv.compile(c.terminationSchema);
  const benchmark = ajv.compile(c.benchmarkSchema);
  const run = ajv.compile(c.runSchema);
  const colors = ajv.compile(c.families.find((f) => f.name === 'coloring')!.runFields.colors);
  const cases: [string, (v: unknown) => boolean, unknown, boolean][] = [
    ['config', config, { particleDim: 3, epsilon: { kind: 'linear', init: 1, target: 0.1, decay: 0.01 }, scaleCost: 'mean' }, true],
    ['config', config, { particleDim: 1 }, false],
    ['config', config, { epsilon: -1 }, false],
    ['config', config, { notASetting: 1 }, false],
    ['termination', termination, { timeLimitMs: 500, targetObjective: '-12' }, true],
    ['termination', termination, { maxSteps: 0 }, false],
    ['termination', termination, { steps: 10 }, false],
    ['benchmark', benchmark, { suite: 'satlib-small', solvers: ['walksat'], seeds: 2, timeLimitMs: 100 }, true],
    ['benchmark', benchmark, { suite: 'satlib-small', solvers: [], seeds: 2 }, false],
    ['run', run, { seed: 7, maxAttempts: 3 }, true],
    ['run', run, { maxAttempts: 0 }, false],
    ['run', run, { maxAttempts: 11 }, false],
    ['colors', colors, 3, true],
    ['colors', colors, 0, false],
  ];
  for (const [what, validate, value, expected] of cases) assert.equal(validate(value), expected, `${what} ${JSON.stringify(value)}`);
});

/** One small problem per family, stored once. */
const DOCUMENTS: Readonly<Record<string, string>> = {
  maxsat: 'p cnf 3 2\n1 -2 0\n2 3 0\n',
  maxcut: '3 2\n1 2 1\n2 3 1\n',
  qubo: '{"n": 2, "sense": "max", "terms": [[0, 1, 2], [0, 0, -1]]}',
  coloring: 'p edge 3 2\ne 1 2\ne 2 3\n',
};

test('for every family × solver, the catalog says what POST /v1/runs accepts: the solver, each preset, a config, colors', async () => {
  const c = await catalog();
  assert.deepEqual(Object.keys(DOCUMENTS).sort(), c.families.map((f) => f.name).sort(), 'a document per family');
  let checked = 0;
  for (const family of c.families) {
    const upload = await request(svc.app).post(`/v1/problems?family=${family.name}`).set('Content-Type', 'text/plain').send(DOCUMENTS[family.name]);
    assert.ok([200, 201].includes(upload.status), `${family.name}: ${upload.text}`);
    const problemId = upload.body.id as string;
    for (const solver of c.solvers) {
      const solves = family.solvers.includes(solver.name);
      assert.equal(solver.families.includes(family.name), solves, `${solver.name} × ${family.name}: the two lists agree`);
      const claims: [Record<string, unknown>, boolean][] = [
        [{}, solves],
        ...PRESETS.map((preset): [Record<string, unknown>, boolean] => [{ preset }, solves && solver.usesPreset && family.presets.includes(preset)]),
        [{ config: { particleDim: 2 } }, solver.configFamilies.includes(family.name)],
        [{ colors: 2 }, solves && 'colors' in family.runFields],
      ];
      for (const [extra, accepted] of claims) {
        const res = await request(svc.app).post('/v1/runs').send({ problemId, solver: solver.name, termination: { maxSteps: 1 }, ...extra });
        const what = `${solver.name} × ${family.name} ${JSON.stringify(extra)}: ${res.status} ${res.body.code}`;
        // Accepted requests reach the (full) queue; refused ones are a 400 naming the reason.
        if (accepted) assert.deepEqual([res.status, res.body.code], [429, 'QUEUE_FULL'], what);
        else assert.equal(res.status, 400, what);
        checked++;
      }
    }
  }
  assert.equal(checked, c.families.length * c.solvers.length * (3 + PRESETS.length));
});

test('the catalog is behind the API token like every /v1 operation', async () => {
  const missing = await request(guarded.app).get('/v1/catalog');
  assertMatchesOpenApi('GET', '/v1/catalog', missing);
  assert.deepEqual([missing.status, missing.body.code], [401, 'MISSING_TOKEN']);
  const res = await request(guarded.app).get('/v1/catalog').set('Authorization', 'Bearer catalog-token-0123456789abcdef').expect(200);
  assert.ok(Array.isArray(res.body.families));
});
