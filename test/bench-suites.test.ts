import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolveSuite, SuiteError } from '../src/bench/suites.js';
import { instancesDir } from './support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-suites-'));
writeFileSync(join(tmp, 'a.cnf'), 'p cnf 3 2\n1 -2 0\n2 3 0\n');
writeFileSync(join(tmp, 'b.cnf.gz'), gzipSync('p cnf 2 1\n1 2 0\n'));
writeFileSync(join(tmp, 'c.wcnf'), 'h 1 2 0\n5 -1 0\n');
writeFileSync(join(tmp, 'notes.txt'), 'not a formula\n');
writeFileSync(join(tmp, 'broken.cnf.bad'), 'p cnf 3 1\n1 -0\n');

test('a manifest tag resolves to its MaxSAT entries, sorted, with exact known values', async () => {
  const suite = await resolveSuite('satlib-small');
  assert.equal(suite.length, 68);
  assert.deepEqual(suite.map((i) => i.id), [...suite.map((i) => i.id)].sort());
  const uf20 = suite.find((i) => i.id === 'satlib/uf20-91/uf20-01.cnf');
  assert.deepEqual([uf20?.family, uf20?.format, uf20?.variables, uf20?.clauses, uf20?.optimum, uf20?.bestKnown], ['satlib-uf20-91', 'cnf', 20, 91, 0n, 0n]);
  const regression = await resolveSuite('maxsat-regression');
  assert.ok(regression.length > 100 && regression.every((i) => i.format === 'wcnf'));
});

test('a folder below instances/ and a glob there resolve to manifest entries; content is gzip of the file', async () => {
  const folder = await resolveSuite('satlib/uf20-91');
  assert.equal(folder.length, 20);
  assert.ok(folder.every((i) => i.family === 'satlib-uf20-91' && i.optimum === 0n));
  const glob = await resolveSuite('satlib/uf20-91/uf20-0?.cnf');
  assert.deepEqual(glob.map((i) => basename(i.id)), ['uf20-01.cnf', 'uf20-02.cnf', 'uf20-03.cnf', 'uf20-04.cnf', 'uf20-05.cnf', 'uf20-06.cnf', 'uf20-07.cnf', 'uf20-08.cnf', 'uf20-09.cnf']);
  const content = gunzipSync(await glob[0].contentGzip());
  assert.deepEqual(content, readFileSync(join(instancesDir, 'satlib/uf20-91/uf20-01.cnf')));
  assert.equal((await resolveSuite(' satlib/uf20-91/uf20-01.cnf ')).length, 1, 'a single file, spaces trimmed');
});

test('DIMACS files elsewhere have no known values, their folder as family, and counts from parsing', async () => {
  const folder = await resolveSuite(tmp);
  assert.deepEqual(folder.map((i) => basename(i.id)), ['a.cnf', 'b.cnf.gz', 'c.wcnf'], 'other files in the folder are left out');
  assert.ok(folder.every((i) => i.family === basename(tmp) && i.optimum === null && i.bestKnown === null));
  assert.deepEqual(folder.map((i) => [i.format, i.variables, i.clauses]), [['cnf', 3, 2], ['cnf', 2, 1], ['wcnf', 2, 2]]);
  assert.equal(gunzipSync(await folder[1].contentGzip()).toString(), 'p cnf 2 1\n1 2 0\n', 'gzip content is passed on as is');
  const glob = await resolveSuite(join(tmp, '*.cnf'));
  assert.deepEqual(glob.map((i) => basename(i.id)), ['a.cnf']);
  await assert.rejects(resolveSuite(join(tmp, 'broken.cnf.bad')), (err: Error) => err instanceof SuiteError && /broken\.cnf\.bad:2:\d+: NEGATIVE_ZERO/.test(err.message));
  await assert.rejects(resolveSuite(join(tmp, '*.nothing')), /holds no DIMACS files/);
});

test('paper-random is the bundled 1K instance plus 10K and 100K generated with seed 42', async () => {
  const suite = await resolveSuite('paper-random');
  assert.deepEqual(suite.map((i) => [i.id, i.variables, i.clauses]), [
    ['paper-random/n1000-s42', 1000, 4270],
    ['paper-random/n10000-s42', 10000, 42699],
    ['paper-random/n100000-s42', 100000, 426999],
  ]);
  assert.ok(suite.every((i) => i.family === 'paper-random' && i.format === 'cnf' && i.optimum === null));
  assert.deepEqual(gunzipSync(await suite[0].contentGzip()), readFileSync(join(instancesDir, 'paper/random-3sat-n1000-s42.cnf')));
});

test('Max-Cut suites and unknown specs are refused with messages that say why', async () => {
  for (const spec of ['gset', 'gset-small', 'gset/G1.txt']) await assert.rejects(resolveSuite(spec), /Max-Cut graphs are not solvable yet/, spec);
  await assert.rejects(resolveSuite('no-such-suite'), (err: Error) => err instanceof SuiteError && /unknown suite "no-such-suite".*maxsat-regression, paper-random, satlib-small/.test(err.message));
  await assert.rejects(resolveSuite('  '), /the suite is empty/);
});

test('without files outside instances/, absolute paths and escapes are unknown suites', async () => {
  const inside = { allowOutsideInstances: false };
  assert.equal((await resolveSuite('satlib/uf20-91', inside)).length, 20);
  await assert.rejects(resolveSuite(tmp, inside), /unknown suite/);
  await assert.rejects(resolveSuite('../package.json', inside), /unknown suite/);
  await assert.rejects(resolveSuite('../test/*.ts', inside), /unknown suite/);
});
