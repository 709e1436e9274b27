import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, PAPER_INSTANCE } from '../src/instances/build-manifest.js';
import { entriesWithTag, entryId, loadManifest } from '../src/instances/manifest.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { instancesDir } from './support/paths.js';

test('the committed manifest is what the builder derives from the files (run npm run instances:manifest)', async () => {
  assert.deepEqual(await buildManifest(), loadManifest());
});

test('every instance file is listed in the manifest, and every entry names a file', () => {
  const walk = (dir: string): string[] =>
    readdirSync(join(instancesDir, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  const files = walk('.').filter((p) => /\.(cnf|wcnf|txt|sparse|col)$/.test(p));
  // An OR-Library file is listed once per instance it holds.
  const listed = [...new Set(loadManifest().entries.map((e) => e.path))];
  assert.deepEqual([...files].sort(), [...listed].sort());
});

test('the suites hold the expected instances and known values', () => {
  const manifest = loadManifest();
  assert.equal(entriesWithTag(manifest, 'satlib-small').length, 68);
  const regression = entriesWithTag(manifest, 'maxsat-regression');
  assert.equal(regression.length, 169);
  assert.equal(regression.filter((e) => e.feasible === false).length, 11);
  assert.equal(regression.filter((e) => e.bestKnown === null && e.feasible !== false).length, 1);
  assert.ok(regression.some((e) => e.bestKnown === '9233114895876828182'));
  const g1 = manifest.entries.find((e) => e.path === 'gset/G1.txt');
  assert.deepEqual([g1?.variables, g1?.terms, g1?.bestKnown, g1?.problem, g1?.sense], [800, 19176, '11624', 'maxcut', 'max']);
  assert.ok(regression.every((e) => e.problem === 'maxsat' && e.sense === 'min'));
  const bqp = manifest.entries.filter((e) => e.path === 'qubo/orlib/bqp250.txt');
  assert.deepEqual(bqp.map((e) => e.select), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual([bqp[9].bestKnown, bqp[9].optimum, bqp[9].sense, bqp[9].format, entryId(bqp[9])], ['40442', '40442', 'max', 'orlib', 'qubo/orlib/bqp250.txt#10']);
  const gka = manifest.entries.filter((e) => e.path.startsWith('qubo/gka/'));
  assert.equal(gka.length, 42);
  assert.ok(gka.every((e) => e.select === undefined && e.sense === 'min' && e.format === 'biqmac'));
  const coloring = entriesWithTag(manifest, 'coloring');
  assert.equal(coloring.length, 33);
  assert.ok(coloring.every((e) => e.problem === 'coloring' && e.sense === 'min' && e.format === 'col'));
  assert.equal(entriesWithTag(manifest, 'coloring-dimacs').length, 22);
  assert.equal(entriesWithTag(manifest, 'coloring-small').length, 6);
  // queen5_5 lists each edge twice: the entry counts the 160 undirected edges, not the 320 lines
  const queen = manifest.entries.find((e) => e.path === 'coloring/queen5_5.col');
  assert.deepEqual([queen?.variables, queen?.terms, queen?.bestKnown, queen?.optimum], [25, 160, '5', '5']);
  const dsjc = manifest.entries.find((e) => e.path === 'coloring/DSJC250.5.col');
  assert.deepEqual([dsjc?.bestKnown, dsjc?.optimum], ['28', null]);
  assert.equal(new Set(manifest.entries.map(entryId)).size, manifest.entries.length, 'ids are unique');
});

test('the bundled paper instance is the generator output for 1,000 variables and seed 42', () => {
  const parsed = parseDimacs(readFileSync(join(instancesDir, PAPER_INSTANCE)));
  assert.ok(parsed.ok);
  const generated = generateRandomKSat({ numVars: 1000, seed: 42 });
  assert.deepEqual(parsed.value.literals, generated.literals);
  assert.deepEqual(Array.from(parsed.value.literals.subarray(0, 3)), [-655, 115, 26]);
});
