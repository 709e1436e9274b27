import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support/run-cli.js';
import { fixturesDir, instancesDir } from './support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-coloring-cli-'));
const myciel3 = join(fixturesDir, 'coloring/myciel3.col');
const myciel4 = join(fixturesDir, 'coloring/myciel4.col');
const queen5 = join(fixturesDir, 'coloring/queen5_5.col');
const uf20 = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');

/** The `v` line's colours of a solve's output. */
const vLine = (stdout: string): string | undefined => /^v ([\d ]+)$/m.exec(stdout)?.[1];

test('info on a .col file shows the colouring summary, as text and as JSON', async () => {
  const text = await cli('info', myciel3);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^family +Graph colouring$/m);
  assert.match(text.stdout, /^vertices +11$/m);
  assert.match(text.stdout, /^edges +20$/m);
  assert.match(text.stdout, /^colorsLowerBound +2$/m, 'myciel graphs have no triangle: the clique bound is 2');
  const json = await cli('info', queen5, '--json');
  const parsed = JSON.parse(json.stdout) as { family: string; sense: string; summary: Record<string, number> };
  assert.deepEqual([parsed.family, parsed.sense, parsed.summary.edges, parsed.summary.duplicatesDropped, parsed.summary.colorsLowerBound], ['coloring', 'min', 160, 160, 5]);
});

test('verify: a proper colouring is feasible (10), optimal (30) at the clique bound, with its colours as o', async () => {
  // Mycielski's construction over a 5-cycle: vertices 1–5 the cycle, 6–10 their shadows, 11 the apex.
  const proper = await cli('verify', myciel3, '1 2 1 2 3 1 2 1 2 3 4');
  assert.equal(proper.code, 10, proper.stdout + proper.stderr);
  assert.match(proper.stdout, /^c colours used 4\nc conflicting edges 0$/m);
  assert.match(proper.stdout, /^o 4$/m);
  assert.match(proper.stdout, /^s SATISFIABLE$/m);
  assert.doesNotMatch(proper.stdout, /^v /m, 'the model only with --model');
  // queen5_5: (column + 2·row) mod 5 is proper, and a row is a 5-clique.
  const queen = Array.from({ length: 25 }, (_, i) => ((i % 5) + 2 * Math.floor(i / 5)) % 5).join(' ');
  const optimal = await cli('verify', queen5, queen, '--model');
  assert.equal(optimal.code, 30, optimal.stdout);
  assert.match(optimal.stdout, /^s OPTIMUM FOUND$/m);
  assert.match(optimal.stdout, /^v [\d ]+$/m);
});

test('verify: an improper colouring lists its first conflicting edges, prints no o, and exits 0 (breaks hard constraints)', async () => {
  const file = join(tmp, 'improper.txt');
  writeFileSync(file, '1 1 1 1 1 1 1 1 1 1 1\n');
  const all = await cli('verify', myciel3, file);
  assert.equal(all.code, 0);
  assert.match(all.stdout, /^c colours used 1\nc conflicting edges 20$/m);
  assert.equal([...all.stdout.matchAll(/^c conflicting edge \d+ \d+ \(both colour 1\)$/gm)].length, 20);
  assert.match(all.stdout, /^c the colouring is improper: 20 edge\(s\) join two vertices of one colour\ns UNKNOWN$/m);
  assert.doesNotMatch(all.stdout, /^o /m);
  const few = await cli('verify', myciel3, file, '--max-falsified', '2');
  assert.equal([...few.stdout.matchAll(/^c conflicting edge /gm)].length, 2);
  assert.match(few.stdout, /^c … and 18 more conflicting edge\(s\)$/m);
  // the apex (11), joined to the shadows 6–10, given the colour of shadows 6 and 8
  const two = await cli('verify', myciel3, '1 2 1 2 3 1 2 1 2 3 1');
  assert.equal(two.code, 0);
  assert.match(two.stdout, /^c conflicting edges 2\nc conflicting edge 6 11 \(both colour 1\)\nc conflicting edge 8 11 \(both colour 1\)$/m);
});

test('verify: bad colourings are positioned errors with exit 1; the family, not MAX-SAT, reads them', async () => {
  const token = await cli('verify', myciel3, '1 2 x 4');
  assert.equal(token.code, 1);
  assert.match(token.stderr, /^polystep verify: <assignment>:1:5: error BAD_ASSIGNMENT: "x" is not a colour/m);
  const short = await cli('verify', myciel3, '1 2 3');
  assert.equal(short.code, 1);
  assert.match(short.stderr, /BAD_ASSIGNMENT: 3 colours given for 11 vertices/);
  const file = join(tmp, 'long.txt');
  writeFileSync(file, 'c solver output\nv 1 2 1 2 3 1 2 1 2 3 4\nv 5\n');
  const long = await cli('verify', myciel3, file);
  assert.equal(long.code, 1);
  assert.match(long.stderr, new RegExp(`^polystep verify: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:3: error BAD_ASSIGNMENT: more than 11 colours`, 'm'));
  const negative = await cli('verify', myciel3, '1 2 1 2 3 1 2 1 2 3 -4');
  assert.equal(negative.code, 1);
  assert.match(negative.stderr, /:1:21: error BAD_ASSIGNMENT: "-4" is not a colour/);
});

test('solve --colors K stops at a proper K-colouring whose v line verify accepts', async () => {
  const run = await cli('solve', myciel4, '--solver', 'tabucol', '--colors', '5', '--time-limit', '10', '--seed', '1');
  assert.ok(run.code === 10 || run.code === 30, `exit ${run.code}\n${run.stdout}`);
  assert.match(run.stdout, /^c 5-colouring search: stops at the first proper colouring with at most 5 colours$/m);
  assert.match(run.stdout, /^c stopped: (target_reached|optimal) /m);
  const colours = [...run.stdout.matchAll(/^o (\d+)$/gm)].map((m) => Number(m[1]));
  assert.ok(colours.length > 0 && colours[colours.length - 1] <= 5, run.stdout);
  const model = vLine(run.stdout);
  assert.equal(model?.split(' ').length, 23);
  const file = join(tmp, 'myciel4.out');
  writeFileSync(file, run.stdout);
  const check = await cli('verify', myciel4, file);
  assert.equal(check.code, 10, check.stdout);
  assert.match(check.stdout, /^c conflicting edges 0$/m);
  assert.match(check.stdout, new RegExp(`^o ${colours[colours.length - 1]}$`, 'm'));
});

test('solve without --colors is a chromatic search: each o has fewer colours, DSATUR ends at once', async () => {
  const run = await cli('solve', queen5, '--solver', 'tabucol', '--time-limit', '5', '--seed', '2');
  assert.equal(run.code, 30, run.stdout);
  assert.match(run.stdout, /^c chromatic search: /m);
  const colours = [...run.stdout.matchAll(/^o (\d+)$/gm)].map((m) => Number(m[1]));
  for (let i = 1; i < colours.length; i++) assert.ok(colours[i] < colours[i - 1], run.stdout);
  assert.equal(colours[colours.length - 1], 5);
  const dsatur = await cli('solve', myciel3, '--solver', 'dsatur');
  assert.equal(dsatur.code, 10);
  assert.match(dsatur.stdout, /^c stopped: completed after /m);
});

test('a K-colouring run that ends without a proper one says how far it got: s UNKNOWN, no v, exit 0', async () => {
  // myciel3 needs 4 colours: 3 cannot be reached
  const run = await cli('solve', myciel3, '--solver', 'tabucol', '--colors', '3', '--steps', '200', '--seed', '1', '--progress');
  assert.equal(run.code, 0, run.stdout);
  assert.match(run.stderr, /^c step \d+ +best \d+ +colours \d+ +conflicting edges \d+ +[\d.]+s$/m, 'progress in words');
  assert.match(run.stdout, /^c best found breaks hard constraints: colours [1-3] +conflicting edges [1-9]\d*$/m);
  assert.match(run.stdout, /^s UNKNOWN$/m);
  assert.doesNotMatch(run.stdout, /^[ov] /m);
  const json = await cli('solve', myciel3, '--solver', 'tabucol', '--colors', '3', '--steps', '200', '--seed', '1', '--json');
  const out = JSON.parse(json.stdout) as Record<string, unknown>;
  assert.deepEqual([out.status, out.objective, out.feasible, out.assignment, out.colors], ['UNKNOWN', null, false, null, 3]);
  assert.ok((out.metrics as { conflicts: number }).conflicts > 0);
});

test('solve --json prints one JSON line whose assignment verify accepts', async () => {
  const run = await cli('solve', myciel4, '--solver', 'hybrid', '--colors', '5', '--time-limit', '5', '--seed', '1', '--json');
  assert.ok(run.code === 10 || run.code === 30, run.stdout);
  assert.equal(run.stdout.trimEnd().split('\n').length, 1);
  const out = JSON.parse(run.stdout) as { family: string; format: string; sense: string; objective: string; feasible: boolean; metrics: { colors: number; conflicts: number }; assignment: string; colors: number; solver: string };
  assert.deepEqual([out.family, out.format, out.sense, out.feasible, out.colors, out.solver, out.metrics.conflicts], ['coloring', 'col', 'min', true, 5, 'hybrid', 0]);
  assert.equal(out.objective, String(out.metrics.colors), 'exact objectives are strings');
  const check = await cli('verify', myciel4, out.assignment);
  assert.equal(check.code, 10);
  assert.match(check.stdout, new RegExp(`^o ${out.objective}$`, 'm'));
});

test('--colors is refused with the usage exit code on other families and when it is not a positive whole number', async () => {
  const maxsat = await cli('solve', uf20, '--colors', '3');
  assert.equal(maxsat.code, 2);
  assert.match(maxsat.stderr, /^polystep solve: --colors \(k of a k-colouring\) is read on coloring problems only, not maxsat$/m);
  assert.equal(maxsat.stdout, '');
  for (const bad of ['0', 'three', '-2']) {
    const run = await cli('solve', myciel3, '--solver', 'tabucol', '--colors', bad);
    assert.equal(run.code, 2, bad);
    assert.match(run.stderr, /--colors takes a whole number from 1/, bad);
  }
  const wrongSolver = await cli('solve', myciel3, '--solver', 'walksat');
  assert.equal(wrongSolver.code, 2);
  assert.match(wrongSolver.stderr, /solvers for coloring: polystep, dsatur, tabucol, hea, hybrid/);
});

test('gen --family coloring writes a seeded .col graph; a planted K-colouring is found with K colours', async () => {
  const a = await cli('gen', '--family', 'coloring', '--vars', '30', '--edges', '100', '--seed', '7');
  const b = await cli('gen', '--family', 'coloring', '--vars', '30', '--edges', '100', '--seed', '7');
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout, 'the same seed gives the same graph');
  const lines = a.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^c polystep gen: uniform random graph, seed 7$/);
  assert.equal(lines[1], 'p edge 30 100');
  const edges = lines.slice(2).map((l) => /^e (\d+) (\d+)$/.exec(l)!.slice(1).map(Number));
  assert.equal(new Set(edges.map(([u, v]) => `${u} ${v}`)).size, 100, 'distinct edges');
  assert.ok(edges.every(([u, v]) => u >= 1 && u < v && v <= 30));

  const file = join(tmp, 'planted.col');
  assert.equal((await cli('gen', '--family', 'coloring', '--vars', '60', '--density', '0.4', '--planted', '4', '--seed', '3', '--out', file)).code, 0);
  const info = JSON.parse((await cli('info', file, '--json')).stdout) as { summary: { edges: number } };
  assert.equal(info.summary.edges, Math.round(0.4 * ((60 * 59) / 2)));
  const run = await cli('solve', file, '--solver', 'tabucol', '--colors', '4', '--time-limit', '10', '--seed', '1');
  assert.ok(run.code === 10 || run.code === 30, run.stdout);
  const verified = await cli('verify', file, vLine(run.stdout)!);
  assert.ok(verified.code === 10 || verified.code === 30, verified.stdout);
  assert.match(verified.stdout, /^c conflicting edges 0$/m);
  assert.ok(Number(/^c colours used (\d+)$/m.exec(verified.stdout)?.[1]) <= 4);

  const crowded = await cli('gen', '--family', 'coloring', '--vars', '10', '--edges', '40', '--planted', '5');
  assert.equal(crowded.code, 2);
  assert.match(crowded.stderr, /planted 5-colouring of 10 vertices leaves \d+ possible edges, not 40/);
  const foreign = await cli('gen', '--family', 'coloring', '--vars', '10', '--weights', 'unit');
  assert.equal(foreign.code, 2);
  assert.match(foreign.stderr, /--weights does not apply to --family coloring/);
});
