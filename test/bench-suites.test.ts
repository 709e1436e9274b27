import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolveSuite, SuiteError, type BenchInstance } from '../src/bench/suites.js';
import { instancesDir } from './support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-suites-'));
writeFileSync(join(tmp, 'a.cnf'), 'p cnf 3 2\n1 -2 0\n2 3 0\n');
writeFileSync(join(tmp, 'b.cnf.gz'), gzipSync('p cnf 2 1\n1 2 0\n'));
writeFileSync(join(tmp, 'c.wcnf'), 'h 1 2 0\n5 -1 0\n');
writeFileSync(join(tmp, 'notes.txt'), 'not a formula\n');
writeFileSync(join(tmp, 'broken.cnf.bad'), 'p cnf 3 1\n1 -0\n');

test('a manifest tag resolves to its MaxSAT entries, sorted, with exact known values in the min sense', async () => {
  const suite = await resolveSuite('satlib-small');
  assert.equal(suite.length, 68);
  assert.deepEqual(suite.map((i) => i.id), [...suite.map((i) => i.id)].sort());
  const uf20 = suite.find((i) => i.id === 'satlib/uf20-91/uf20-01.cnf');
  assert.deepEqual(
    [uf20?.family, uf20?.problem, uf20?.format, uf20?.select, uf20?.sense, uf20?.variables, uf20?.terms, uf20?.optimum, uf20?.bestKnown],
    ['satlib-uf20-91', 'maxsat', 'cnf', null, 'min', 20, 91, 0n, 0n],
  );
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
  assert.deepEqual(folder.map((i) => [i.problem, i.format, i.sense, i.variables, i.terms]), [['maxsat', 'cnf', 'min', 3, 2], ['maxsat', 'cnf', 'min', 2, 1], ['maxsat', 'wcnf', 'min', 2, 2]]);
  assert.equal(gunzipSync(await folder[1].contentGzip()).toString(), 'p cnf 2 1\n1 2 0\n', 'gzip content is passed on as is');
  const glob = await resolveSuite(join(tmp, '*.cnf'));
  assert.deepEqual(glob.map((i) => basename(i.id)), ['a.cnf']);
  await assert.rejects(resolveSuite(join(tmp, 'broken.cnf.bad')), (err: Error) => err instanceof SuiteError && /broken\.cnf\.bad:2:\d+: NEGATIVE_ZERO/.test(err.message));
  await assert.rejects(resolveSuite(join(tmp, '*.nothing')), /holds no instance files/);
});

test('paper-random is the bundled 1K instance plus 10K and 100K generated with seed 42', async () => {
  const suite = await resolveSuite('paper-random');
  assert.deepEqual(suite.map((i) => [i.id, i.variables, i.terms]), [
    ['paper-random/n1000-s42', 1000, 4270],
    ['paper-random/n10000-s42', 10000, 42699],
    ['paper-random/n100000-s42', 100000, 426999],
  ]);
  assert.ok(suite.every((i) => i.family === 'paper-random' && i.format === 'cnf' && i.optimum === null));
  assert.deepEqual(gunzipSync(await suite[0].contentGzip()), readFileSync(join(instancesDir, 'paper/random-3sat-n1000-s42.cnf')));
});

test('unknown specs are refused with messages that list the tags', async () => {
  await assert.rejects(resolveSuite('no-such-suite'), (err: Error) => err instanceof SuiteError && /unknown suite "no-such-suite".*gset, gset-small, maxsat-regression, paper-random, qubo, .*satlib-small/.test(err.message));
  await assert.rejects(resolveSuite('qubo/orlib/bqp50.txt#11'), /unknown suite/, 'an OR-Library file holds ten instances');
  await assert.rejects(resolveSuite('  '), /the suite is empty/);
});

test('without files outside instances/, absolute paths and escapes are unknown suites', async () => {
  const inside = { allowOutsideInstances: false };
  assert.equal((await resolveSuite('satlib/uf20-91', inside)).length, 20);
  await assert.rejects(resolveSuite(tmp, inside), /unknown suite/);
  await assert.rejects(resolveSuite('../package.json', inside), /unknown suite/);
  await assert.rejects(resolveSuite('../test/*.ts', inside), /unknown suite/);
});

const ids = (suite: readonly BenchInstance[]) => suite.map((i) => i.id);
const bests = (suite: readonly BenchInstance[]) => suite.map((i) => i.bestKnown);

test('the Gset suites are Max-Cut graphs in the max sense with the best-known cuts of gset/best-known.csv', async () => {
  const small = await resolveSuite('gset-small');
  assert.deepEqual(ids(small), ['gset/G1.txt', 'gset/G11.txt', 'gset/G14.txt', 'gset/G22.txt', 'gset/G43.txt']);
  assert.deepEqual(bests(small), [11624n, 564n, 3064n, 13359n, 6660n]);
  assert.ok(small.every((i) => i.problem === 'maxcut' && i.format === 'rudy' && i.sense === 'max' && i.select === null && i.optimum === null));
  assert.deepEqual([small[0].variables, small[0].terms, small[0].family], [800, 19176, 'gset-random']);
  const all = await resolveSuite('gset');
  assert.deepEqual(ids(all), ['gset/G1.txt', 'gset/G11.txt', 'gset/G14.txt', 'gset/G22.txt', 'gset/G43.txt', 'gset/G55.txt', 'gset/G60.txt', 'gset/G70.txt']);
  assert.deepEqual(bests(all).slice(5), [10299n, 14188n, 9591n]);
  assert.deepEqual(ids(await resolveSuite('gset/G14.txt')), ['gset/G14.txt'], 'a listed file keeps its manifest values');
});

test('OR-Library QUBO suites: ten maximised instances per file, each the file plus a 1-based select, optima from qubo/best-known.csv', async () => {
  const orlib = await resolveSuite('qubo-orlib');
  assert.equal(orlib.length, 30);
  assert.ok(orlib.every((i) => i.problem === 'qubo' && i.format === 'orlib' && i.sense === 'max' && i.optimum === i.bestKnown));
  const bqp50 = orlib.filter((i) => i.id.startsWith('qubo/orlib/bqp50.txt#'));
  assert.deepEqual(bqp50.map((i) => i.select), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'a file\'s instances in select order, #10 last');
  assert.deepEqual(bqp50.map((i) => i.id.slice(-3)), ['t#1', 't#2', 't#3', 't#4', 't#5', 't#6', 't#7', 't#8', 't#9', '#10']);
  assert.deepEqual([bqp50[0].bestKnown, bqp50[0].variables, bqp50[0].family], [2098n, 50, 'qubo-bqp50']);
  const bqp250 = await resolveSuite('qubo-bqp250');
  assert.deepEqual(bests(bqp250), [45607n, 44810n, 49037n, 41274n, 47961n, 41014n, 46757n, 35726n, 48916n, 40442n]);
  assert.ok(bqp250.every((i) => i.variables === 250));
  const [one] = await resolveSuite('qubo/orlib/bqp100.txt#7');
  assert.deepEqual([one.id, one.select, one.bestKnown, one.sense], ['qubo/orlib/bqp100.txt#7', 7, 10125n, 'max']);
  assert.equal((await resolveSuite('qubo/orlib')).length, 30, 'a folder brings every instance of its multi-instance files');
  assert.deepEqual(gunzipSync(await one.contentGzip()), readFileSync(join(instancesDir, 'qubo/orlib/bqp100.txt')), 'the content is the whole file');
});

test('Biq Mac gka suites: the 40 instances of series a–e minimised to their proven optima; qubo holds every QUBO instance', async () => {
  const gka = await resolveSuite('qubo-gka');
  assert.equal(gka.length, 40);
  assert.ok(gka.every((i) => i.problem === 'qubo' && i.format === 'biqmac' && i.sense === 'min' && i.select === null && i.optimum === i.bestKnown));
  const series = (letter: string) => gka.filter((i) => new RegExp(`gka\\d+${letter}\\.sparse$`).test(i.id)).length;
  assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f'].map(series), [8, 10, 7, 10, 5, 0]);
  const known = Object.fromEntries(gka.map((i) => [i.id.replace('qubo/gka/', ''), i.bestKnown]));
  assert.deepEqual([known['gka1a.sparse'], known['gka10b.sparse'], known['gka7c.sparse'], known['gka10d.sparse'], known['gka5e.sparse']], [-3414n, -154n, -7225n, -19102n, -35154n]);
  const all = await resolveSuite('qubo');
  assert.equal(all.length, 72);
  const f1 = all.find((i) => i.id === 'qubo/gka/gka1f.sparse')!;
  assert.deepEqual([f1.bestKnown, f1.optimum, f1.variables, f1.sense], [-61194n, null, 500, 'min'], 'the f series has best-known values only');
});
