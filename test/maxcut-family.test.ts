import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/common/rng.js';
import type { QuadraticEngine } from '../src/problems/engine-problem.js';
import type { FamilyParseOptions } from '../src/problems/family.js';
import { objectiveOf } from '../src/problems/family.js';
import { maxCutFamily } from '../src/problems/maxcut/family.js';
import type { WeightedGraph } from '../src/problems/maxcut/graph.js';
import type { QuadraticModel } from '../src/problems/quadratic/model.js';
import { quadraticCost } from '../src/problems/quadratic/quadratic-cost.js';
import { instancesDir } from './support/paths.js';

const gset = (name: string): Buffer => readFileSync(join(instancesDir, 'gset', name));

function parsed(bytes: Uint8Array | string, options: Partial<FamilyParseOptions> = {}): WeightedGraph {
  const result = maxCutFamily.parse(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { format: 'rudy', ...options });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

/** The cut weight counted edge by edge, in bigints: what every other count must agree with. */
function slowCut(g: WeightedGraph, x: Uint8Array): bigint {
  let cut = 0n;
  for (let e = 0; e < g.numEdges; e++) if (x[g.from[e]] !== x[g.to[e]]) cut += BigInt(g.weight[e]);
  return cut;
}

function modelOf(g: WeightedGraph): QuadraticModel {
  const engine = maxCutFamily.engine(g);
  assert.equal(engine.kind, 'quadratic');
  return (engine as QuadraticEngine).model;
}

function randomBits(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 1 : 0));
}

/** A random graph text: parallel edges, both orientations, zero and negative weights, some near 2^53. */
function randomGraphText(rng: Rng, n: number, m: number): string {
  const lines = [`${n} ${m}`];
  for (let e = 0; e < m; e++) {
    const i = 1 + Math.floor(rng.uniform() * n);
    let j = 1 + Math.floor(rng.uniform() * (n - 1));
    if (j >= i) j++;
    const huge = rng.uniform() < 0.1;
    const magnitude = huge ? Number.MAX_SAFE_INTEGER - Math.floor(rng.uniform() * 1000) : Math.floor(rng.uniform() * 20);
    lines.push(`${i} ${j} ${rng.uniform() < 0.4 ? -magnitude : magnitude}`);
  }
  return `${lines.join('\n')}\n`;
}

function assertExact(g: WeightedGraph, x: Uint8Array, label: string): void {
  const score = maxCutFamily.score(g, x);
  const cut = slowCut(g, x);
  assert.equal(score.cost, quadraticCost(modelOf(g), x), `${label}: score vs model`);
  assert.equal(objectiveOf('max', score.cost), cut, `${label}: objective vs edge count`);
  assert.deepEqual([score.feasible, score.hardFalsified], [true, 0]);
  assert.equal(score.metrics.cutWeight, Number(cut));
}

test('G1 parses to 800 nodes and 19176 unit edges, described as Max-Cut maximised', () => {
  const g = parsed(gset('G1.txt'));
  const d = maxCutFamily.describe(g);
  assert.deepEqual([d.format, d.variables, d.terms], ['rudy', 800, 19176]);
  assert.deepEqual([d.summary.nodes, d.summary.edges, d.summary.totalWeight, d.summary.weightMin, d.summary.weightMax], [800, 19176, '19176', 1, 1]);
  assert.equal(d.summary.degreeMean, (2 * 19176) / 800);
  assert.equal(d.summary.selfLoops, undefined);
  assert.equal(maxCutFamily.senseOf(g), 'max');
  assert.deepEqual(JSON.parse(JSON.stringify(d.summary)), d.summary);
});

test('G11 (CRLF line ends, a trailing blank after `n m`, weights +1 and -1) parses and sums exactly', () => {
  const bytes = gset('G11.txt');
  assert.ok(bytes.includes('\r\n'), 'the bundled G11 keeps its CRLF line ends');
  const g = parsed(bytes);
  const d = maxCutFamily.describe(g);
  assert.deepEqual([d.variables, d.terms, d.summary.weightMin, d.summary.weightMax], [800, 1600, -1, 1]);
  const negative = g.weight.filter((w) => w < 0).length;
  assert.equal(d.summary.negativeEdges, negative);
  assert.equal(d.summary.totalWeight, String(1600 - 2 * negative));
  // a toroidal grid: every node has degree 4
  assert.deepEqual([d.summary.degreeMin, d.summary.degreeMax], [4, 4]);
});

test('the engine cost is minus the cut on random graphs and assignments, big weights included', () => {
  const rng = new Rng(7);
  for (let round = 0; round < 40; round++) {
    const n = 2 + Math.floor(rng.uniform() * 12);
    const g = parsed(randomGraphText(rng, n, Math.floor(rng.uniform() * 30)));
    assert.equal(modelOf(g).n, n);
    for (let k = 0; k < 8; k++) assertExact(g, randomBits(rng, n), `round ${round}`);
    assertExact(g, new Uint8Array(n), `round ${round}, all 0`);
    assertExact(g, new Uint8Array(n).fill(1), `round ${round}, all 1`);
  }
});

test('the engine cost is minus the cut on the Gset graphs', () => {
  const rng = new Rng(11);
  for (const name of ['G1.txt', 'G11.txt', 'G14.txt']) {
    const g = parsed(gset(name));
    for (let k = 0; k < 5; k++) assertExact(g, randomBits(rng, g.numNodes), name);
  }
});

test('an edge of weight w compiles to −w on each end and 2w on the pair; parallel edges add up', () => {
  const model = modelOf(parsed('4 4\n1 2 3\n2 1 4\n2 3 -5\n1 4 0\n'));
  assert.deepEqual(model.linearExact, [-7n, -2n, 5n, 0n]);
  assert.deepEqual([Array.from(model.pairI), Array.from(model.pairJ), model.pairExact], [[0, 1], [1, 2], [14n, -10n]]);
  assert.equal(model.offset, 0n);
});

test('the engine is compiled once per graph, and its metrics give the cut weight of a cost', () => {
  const g = parsed(gset('G14.txt'));
  const engine = maxCutFamily.engine(g);
  assert.equal(maxCutFamily.engine(g), engine);
  assert.equal(engine.kind, 'quadratic');
  assert.deepEqual((engine as QuadraticEngine).metricsOf(-3064n), { cutWeight: 3064 });
});

test('self loops: strict rejects them, relaxed keeps them with a warning, and they change no cut', () => {
  const text = '3 3\n1 2 4\n2 2 9\n2 3 1\n';
  const strict = maxCutFamily.parse(Buffer.from(text), { format: 'rudy' });
  assert.ok(!strict.ok);
  assert.deepEqual([strict.issues[0].code, strict.issues[0].line, strict.issues[0].column], ['BAD_EDGE', 3, 3]);
  const relaxed = maxCutFamily.parse(Buffer.from(text), { format: 'rudy', mode: 'relaxed' });
  assert.ok(relaxed.ok);
  assert.deepEqual(relaxed.warnings.map((w) => [w.code, w.line]), [['BAD_EDGE', 3]]);
  assert.equal(maxCutFamily.describe(relaxed.value).summary.selfLoops, 1);
  for (const bits of ['010', '011', '110', '000']) assertExact(relaxed.value, Uint8Array.from(bits, Number), bits);
});

test('node and edge limits reject the header with LIMIT_EXCEEDED at the count, quadratic defaults included', () => {
  const cases: [string, Partial<FamilyParseOptions>, number][] = [
    ['5 2\n1 2 1\n2 3 1\n', { limits: { maxVariables: 4 } }, 1],
    ['5 2\n1 2 1\n2 3 1\n', { limits: { maxClauses: 1 } }, 3],
    [`${2 ** 22 + 1} 0\n`, {}, 1],
    [`3 ${2 ** 24 + 1}\n1 2 1\n`, {}, 3],
  ];
  for (const [text, options, column] of cases) {
    const result = maxCutFamily.parse(Buffer.from(text), { format: 'rudy', ...options });
    assert.ok(!result.ok, text);
    assert.deepEqual([result.issues[0].code, result.issues[0].line, result.issues[0].column], ['LIMIT_EXCEEDED', 1, column], text);
  }
  assert.equal(parsed(`${2 ** 22} 0\n`).numNodes, 2 ** 22);
});

test('a rudy file holds one instance: select 1 is accepted, select 2 is INSTANCE_INDEX', () => {
  assert.equal(parsed('2 1\n1 2 3\n', { select: 1 }).numEdges, 1);
  const result = maxCutFamily.parse(Buffer.from('2 1\n1 2 3\n'), { format: 'rudy', select: 2 });
  assert.ok(!result.ok);
  assert.equal(result.issues[0].code, 'INSTANCE_INDEX');
});

test('solution lines give the cut in its own sense, the status, and the assignment as a 0/1 string', () => {
  const g = parsed('3 2\n1 2 5\n2 3 -2\n');
  const assignment = Uint8Array.from([1, 0, 0]);
  const best = { ...maxCutFamily.score(g, assignment), assignment };
  assert.deepEqual(maxCutFamily.solutionLines(g, { optimal: true, unsatisfiable: false, best }), ['c objective: cut weight (maximised)', 'o 5', 's OPTIMUM FOUND', 'v 100']);
  assert.deepEqual(maxCutFamily.solutionLines(g, { optimal: false, unsatisfiable: false, best }).slice(1, 3), ['o 5', 's SATISFIABLE']);
  assert.deepEqual(maxCutFamily.solutionLines(g, { optimal: false, unsatisfiable: false, best: null }), ['c objective: cut weight (maximised)', 's UNKNOWN']);
});
