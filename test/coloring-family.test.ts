import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/common/rng.js';
import type { ColoringInstance } from '../src/problems/coloring/col-parser.js';
import { decodeColours, encodeColours } from '../src/problems/coloring/colour-bytes.js';
import { conflicts } from '../src/problems/coloring/graph.js';
import { familyNamed } from '../src/problems/registry.js';
import { coloringFixturesDir } from './support/col-reader.js';

const family = familyNamed('coloring');

function load(text: string): ColoringInstance {
  const parsed = family.parse(new TextEncoder().encode(text), { format: 'col' });
  if (!parsed.ok) throw new Error(parsed.issues[0].message);
  return parsed.value as ColoringInstance;
}

const triangleAndLeaf = 'c a triangle 1-2-3 and a leaf 4 on 3\np edge 4 4\ne 1 2\ne 2 3\ne 1 3\ne 3 4\n';

test('colour bytes carry any uint32 colour, four bytes per vertex, and refuse a wrong length', () => {
  const rng = new Rng(3);
  const colours = Uint32Array.from({ length: 50 }, () => rng.nextU32());
  colours[0] = 2 ** 32 - 1;
  const bytes = encodeColours(colours);
  assert.equal(bytes.length, 200);
  assert.deepEqual(decodeColours(bytes, 50), colours);
  // an unaligned view decodes too (the store hands back Buffers at any offset)
  const shifted = new Uint8Array(201);
  shifted.set(bytes, 1);
  assert.deepEqual(decodeColours(shifted.subarray(1), 50), colours);
  assert.throws(() => decodeColours(bytes, 49), /takes 196 bytes, got 200/);
});

test('score: colours used is the cost, each conflicting edge a violated hard constraint', () => {
  const inst = load(triangleAndLeaf);
  const proper = family.parseAssignment(inst, '1 2 3 1');
  assert.ok(proper.ok);
  assert.deepEqual(family.score(inst, proper.value), { cost: 3n, feasible: true, hardFalsified: 0, metrics: { colors: 3, conflicts: 0 } });
  const twoColours = family.parseAssignment(inst, '5 7 5 5');
  assert.ok(twoColours.ok);
  // labels are names only: 5 and 7 are two colours; 1–3 and 3–4 clash
  const explained = family.explain!(inst, twoColours.value);
  assert.deepEqual(explained.score, { cost: 2n, feasible: false, hardFalsified: 2, metrics: { colors: 2, conflicts: 2 } });
  assert.deepEqual(explained.details, { colors: 2, conflicts: 2, conflictingEdges: [[1, 3], [3, 4]] });
});

test('colourings are read from plain lists or the v lines of solver output, and written back 1-based', () => {
  const inst = load(triangleAndLeaf);
  const fromSolver = family.parseAssignment(inst, 'c found by hand\ns SATISFIABLE\no 3\nv 0 1\nv 2 0\n');
  assert.ok(fromSolver.ok);
  assert.equal(family.formatAssignment(fromSolver.value), '1 2 3 1');
  // labels are names: written 1..k they read back as written; any others by their order
  for (const [written, printed] of [['2 1 3 2', '2 1 3 2'], ['0 5 9 0', '1 2 3 1'], ['7 7 7 7', '1 1 1 1']]) {
    const parsed = family.parseAssignment(inst, written);
    assert.ok(parsed.ok);
    assert.equal(family.formatAssignment(parsed.value), printed);
  }
  const again = family.parseAssignment(inst, family.formatAssignment(fromSolver.value));
  assert.ok(again.ok);
  assert.deepEqual(family.score(inst, again.value), family.score(inst, fromSolver.value));
});

test('a colouring of the wrong length or with a non-colour is BAD_ASSIGNMENT at its position', () => {
  const inst = load(triangleAndLeaf);
  const short = family.parseAssignment(inst, '1 2 3');
  assert.ok(!short.ok);
  assert.equal(short.issues[0].code, 'BAD_ASSIGNMENT');
  assert.match(short.issues[0].message, /3 colours given for 4 vertices/);
  const long = family.parseAssignment(inst, '1 2\n3 1 2');
  assert.ok(!long.ok);
  assert.deepEqual([long.issues[0].line, long.issues[0].column], [2, 5]);
  const negative = family.parseAssignment(inst, '1 -2 3 1');
  assert.ok(!negative.ok);
  assert.deepEqual([negative.issues[0].line, negative.issues[0].column], [1, 3]);
  assert.match(negative.issues[0].message, /"-2" is not a colour/);
  const huge = family.parseAssignment(inst, '1 4294967296 3 1');
  assert.ok(!huge.ok);
});

test('describe, engine and solution lines of a real instance (queen5_5: both directions listed, 25 vertices, 160 edges)', () => {
  const inst = load(readFileSync(join(coloringFixturesDir, 'queen5_5.col'), 'latin1'));
  const d = family.describe(inst);
  assert.deepEqual([d.format, d.variables, d.terms], ['col', 25, 160]);
  assert.equal(d.summary.duplicatesDropped, 160);
  const engine = family.engine(inst);
  assert.equal(engine.kind, 'coloring');
  // a row of the board is a clique of 5
  assert.ok(engine.kind === 'coloring' && engine.colorsLowerBound === 5);
  assert.equal(family.engine(inst), engine, 'one engine per instance');
  // the classic 5-colouring of the 5×5 queen graph: colour (r + 2c) mod 5
  const colours = Array.from({ length: 25 }, (_, v) => (Math.floor(v / 5) + 2 * (v % 5)) % 5);
  assert.equal(conflicts(inst.graph, colours), 0);
  const best = { ...family.score(inst, encodeColours(colours)), assignment: encodeColours(colours) };
  const lines = family.solutionLines(inst, { optimal: true, unsatisfiable: false, best });
  assert.deepEqual(lines.slice(0, 3), ['c objective: colours used (minimised; proper colourings only)', 'o 5', 's OPTIMUM FOUND']);
  assert.equal(lines[3], `v ${colours.map((c) => c + 1).join(' ')}`);
  assert.deepEqual(family.solutionLines(inst, { optimal: false, unsatisfiable: false, best: null }).at(-1), 's UNKNOWN');
});
