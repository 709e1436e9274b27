import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, PAPER_INSTANCE } from '../src/instances/build-manifest.js';
import { entriesWithTag, loadManifest } from '../src/instances/manifest.js';
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
  // QUBO files are catalogued by qubo/best-known.csv (an OR-Library file holds ten instances, a manifest entry one)
  const files = walk('.').filter((p) => /\.(cnf|wcnf|txt)$/.test(p) && !p.startsWith('qubo/'));
  const listed = loadManifest().entries.map((e) => e.path);
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
  assert.deepEqual([g1?.variables, g1?.clauses, g1?.bestKnown, g1?.problem], [800, 19176, '11624', 'maxcut']);
});

test('the bundled paper instance is the generator output for 1,000 variables and seed 42', () => {
  const parsed = parseDimacs(readFileSync(join(instancesDir, PAPER_INSTANCE)));
  assert.ok(parsed.ok);
  const generated = generateRandomKSat({ numVars: 1000, seed: 42 });
  assert.deepEqual(parsed.value.literals, generated.literals);
  assert.deepEqual(Array.from(parsed.value.literals.subarray(0, 3)), [-655, 115, 26]);
});
