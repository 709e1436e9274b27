// DIMACS `.col` reading: every error code positioned, the bundled graphs, CRLF, repeated edges, random round trips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { outcomeProblem } from '../src/bench/parse-outcome-check.js';
import type { ParseIssueCode } from '../src/common/parse-result.js';
import { parseCol, type ColOptions, type ColoringInstance } from '../src/problems/coloring/col-parser.js';
import { coloringDir } from './support/col-reader.js';

const SEED = 20261202;
const bytes = (text: string) => Buffer.from(text, 'latin1');

function parsed(text: string | Uint8Array, options?: ColOptions): { inst: ColoringInstance; warnings: string[] } {
  const result = parseCol(typeof text === 'string' ? bytes(text) : text, options);
  if (!result.ok) assert.fail(JSON.stringify(result.issues));
  return { inst: result.value, warnings: result.warnings.map((w) => `${w.code}@${w.line}:${w.column}`) };
}

/** Distinct undirected edges as "u v" (0-based, u < v), sorted like the graph's edge list. */
function edgeList(inst: ColoringInstance): string[] {
  return Array.from(inst.graph.edgeU, (u, e) => `${u} ${inst.graph.edgeV[e]}`);
}

const P = 'p edge 2 1\n';
const errorCases: [string, string, ColOptions, ParseIssueCode, number, number][] = [
  ['blank input', ' \n\r\n\t', {}, 'EMPTY_INPUT', 0, 0],
  ['comments only', 'c a graph\nc\n', {}, 'NO_HEADER', 0, 0],
  ['an edge before the header', 'c x\n e 1 2\np edge 2 1\n', {}, 'NO_HEADER', 2, 2],
  ['an unknown format word', 'p graph 2 1\n', {}, 'BAD_HEADER', 1, 3],
  ['no format word', 'p 2 1\n', {}, 'BAD_HEADER', 1, 3],
  ['one count', 'p edge 2\n', {}, 'BAD_HEADER', 1, 9],
  ['three counts', 'p edge 2 1 5\n', {}, 'BAD_HEADER', 1, 12],
  ['a negative count', 'p edge -2 1\n', {}, 'BAD_HEADER', 1, 8],
  ['a fractional count', 'p edge 2.5 1\n', {}, 'BAD_HEADER', 1, 9],
  ['an upper-case format word', 'p EDGE 2 1\n', {}, 'BAD_HEADER', 1, 3],
  ['a count past 2^31', 'p edge 99999999999 1\n', {}, 'INT_OVERFLOW', 1, 8],
  ['a vertex past 2^31', `${P}e 1 99999999999\n`, {}, 'INT_OVERFLOW', 2, 5],
  ['a second header', `${P}p col 2 1\ne 1 2\n`, {}, 'DUPLICATE_HEADER', 2, 1],
  ['an edge with one vertex', `${P}e 1\n`, {}, 'BAD_EDGE', 2, 4],
  ['an edge with three vertices', `${P}e 1 2 2\n`, {}, 'BAD_EDGE', 2, 7],
  ['an edge with a word', `${P}e x 1\n`, {}, 'BAD_EDGE', 2, 3],
  ['a vertex above V', `${P}e 1 3\n`, {}, 'BAD_EDGE', 2, 5],
  ['vertex 0', `${P}e 0 1\n`, {}, 'BAD_EDGE', 2, 3],
  ['a negative vertex', `${P}e -1 2\n`, {}, 'BAD_EDGE', 2, 3],
  ['an unknown line type (strict)', `${P}n 1 5\ne 1 2\n`, {}, 'UNEXPECTED_CHAR', 2, 1],
  ['a stray byte in an edge', `${P}e 1 2;\n`, {}, 'UNEXPECTED_CHAR', 2, 6],
  ['numbers without a type letter', `${P}1 2\n`, {}, 'UNEXPECTED_CHAR', 2, 1],
  ['a type word', `${P}edge 1 2\n`, {}, 'UNEXPECTED_CHAR', 2, 2],
  ['a NUL byte', `${P}e 1\u0000 2\n`, {}, 'UNEXPECTED_CHAR', 2, 4],
  ['too few edge lines', 'p edge 3 2\ne 1 2\n', {}, 'EDGE_COUNT_MISMATCH', 1, 10],
  ['too many edge lines', 'p edge 3 1\ne 1 2\n  e 2 3\n', {}, 'EDGE_COUNT_MISMATCH', 3, 3],
  ['V past the default limit', 'p edge 4194305 0\n', {}, 'LIMIT_EXCEEDED', 1, 8],
  ['E past the default limit', 'p edge 5 16777217\n', {}, 'LIMIT_EXCEEDED', 1, 10],
  ['V past a given limit', 'p col 4 0\n', { limits: { maxVariables: 3 } }, 'LIMIT_EXCEEDED', 1, 7],
  ['edge lines past a given limit', 'p edge 3 1\ne 1 2\ne 2 3\n', { mode: 'relaxed', limits: { maxClauses: 1 } }, 'LIMIT_EXCEEDED', 3, 1],
];

for (const [name, text, options, code, line, column] of errorCases) {
  test(`rejects ${name} with ${code} at ${line}:${column}`, () => {
    const input = bytes(text);
    const result = parseCol(input, options);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.issues.slice(0, 1).map((i) => [i.code, i.severity, i.line, i.column]),
      [[code, 'error', line, column]],
      JSON.stringify(result.issues),
    );
    assert.equal(outcomeProblem(result, input), null);
  });
}

test('relaxed mode reads a wrong edge count and unknown line types with warnings', () => {
  const { inst, warnings } = parsed('p edge 3 5\nn 1 7\ne 1 2\nx\ne 2 3\n', { mode: 'relaxed' });
  assert.deepEqual([inst.declaredEdges, inst.edgeLines, inst.graph.numEdges], [5, 2, 2]);
  assert.deepEqual(warnings, ['EDGE_COUNT_MISMATCH@1:10', 'UNEXPECTED_CHAR@2:1']);
});

test('collects at most 20 errors and reads hostile input in linear time', () => {
  const bad = parseCol(bytes(`p edge 2 5000\n${'e 9 9\n'.repeat(5000)}`));
  assert.ok(!bad.ok && bad.issues.length === 20 && bad.issues.every((i) => i.code === 'BAD_EDGE'));
  const started = performance.now();
  const edges = 200_000;
  const big = parsed(`p edge 1000 ${edges}\n${'e 1 2\ne 2 1\n'.repeat(edges / 2)}`);
  assert.deepEqual([big.inst.graph.numEdges, big.inst.duplicates], [1, edges - 1]);
  const oneLine = parseCol(bytes(`p edge 2 1\ne 1 ${'7'.repeat(1_000_000)}\n`));
  assert.ok(!oneLine.ok && oneLine.issues[0].code === 'INT_OVERFLOW');
  const huge = parsed('p edge 4194304 16777216\ne 1 4194304\n', { mode: 'relaxed' }); // reserves by input size, not E
  assert.equal(huge.inst.graph.numEdges, 1);
  assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
});

test('CRLF, tabs, blank lines, # comments, trailing blanks and no final newline read like plain LF', () => {
  const plain = parsed('c x\np edge 4 3\ne 1 2\ne 2 3\ne 4 1\n');
  const messy = parsed('c x \r\n\r\n# note\r\n\tp\tedge 4  3 \r\ne 1 2\r\n e\t2 3\t\r\ne 4 1');
  assert.deepEqual(edgeList(messy.inst), edgeList(plain.inst));
  assert.deepEqual(edgeList(plain.inst), ['0 1', '0 3', '1 2']);
  assert.deepEqual([messy.warnings, messy.inst.headerKind, messy.inst.edgeLines], [[], 'edge', 3]);
});

test('`p col` is read like `p edge` and reported', () => {
  const { inst } = parsed('p col 3 1\ne 3 1\n');
  assert.deepEqual([inst.headerKind, edgeList(inst), inst.graph.numVertices], ['col', ['0 2'], 3]);
});

test('edges listed in both directions and self loops are dropped, counted and warned about at the first', () => {
  const { inst, warnings } = parsed('p edge 4 6\ne 1 2\ne 3 3\ne 2 1\n  e 1 2\ne 2 4\ne 3 3\n');
  assert.deepEqual([inst.edgeLines, inst.duplicates, inst.selfLoops, inst.graph.numEdges], [6, 2, 2, 2]);
  assert.deepEqual(edgeList(inst), ['0 1', '1 3']);
  assert.deepEqual(warnings, ['BAD_EDGE@3:1', 'BAD_EDGE@4:1']);
});

const bundled = readdirSync(coloringDir).filter((f) => f.endsWith('.col')).sort();

test('every bundled .col graph parses in strict mode to the edge set counted independently', () => {
  assert.equal(bundled.length, 33);
  const csv = readFileSync(join(coloringDir, 'best-known.csv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split(','));
  for (const file of bundled) {
    const text = readFileSync(join(coloringDir, file), 'latin1');
    const lines = text.split('\n');
    const [, , v] = lines.find((l) => l.startsWith('p '))!.split(/\s+/);
    const pairs = new Set<string>();
    let edgeLines = 0;
    for (const l of lines.filter((l) => l.startsWith('e '))) {
      const [a, b] = l.split(/\s+/).slice(1, 3).map((x) => Number(x) - 1);
      edgeLines++;
      if (a !== b) pairs.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
    const { inst, warnings } = parsed(bytes(text));
    assert.equal(inst.graph.numVertices, Number(v), file);
    assert.deepEqual(new Set(edgeList(inst)), pairs, file);
    assert.deepEqual([inst.edgeLines, inst.duplicates, inst.selfLoops], [edgeLines, edgeLines - pairs.size, 0], file);
    assert.equal(warnings.length, inst.duplicates > 0 ? 1 : 0, file);
    const row = csv.find((r) => r[0] === file)!;
    assert.deepEqual([inst.graph.numVertices, inst.graph.numEdges, inst.edgeLines], row.slice(2, 5).map(Number), file);
  }
});

test('pins the sizes of a few bundled graphs', () => {
  const sizes = (file: string) => {
    const { inst } = parsed(readFileSync(join(coloringDir, file)));
    return [inst.graph.numVertices, inst.graph.numEdges, inst.duplicates];
  };
  assert.deepEqual(sizes('myciel3.col'), [11, 20, 0]);
  assert.deepEqual(sizes('queen5_5.col'), [25, 160, 160]);
  assert.deepEqual(sizes('jean.col'), [80, 254, 254]);
  assert.deepEqual(sizes('DSJC500.5.col'), [500, 62624, 0]);
});

const graphText = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n })), { maxLength: 80 }),
    newline: fc.constantFrom('\n', '\r\n'),
    kind: fc.constantFrom('edge', 'col'),
    comments: fc.array(fc.nat(), { maxLength: 4 }),
  }),
);

test('random graphs written as .col text read back exactly, repeats and loops counted', () => {
  fc.assert(
    fc.property(graphText, ({ n, edges, newline, kind, comments }) => {
      const lines = [`p ${kind} ${n} ${edges.length}`, ...edges.map(([a, b]) => `e ${a} ${b}`)];
      for (const at of comments) lines.splice(at % (lines.length + 1), 0, 'c comment');
      const { inst } = parsed(lines.join(newline) + newline);
      const distinct = new Set(edges.filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? `${a - 1} ${b - 1}` : `${b - 1} ${a - 1}`)));
      const loops = edges.filter(([a, b]) => a === b).length;
      assert.deepEqual(new Set(edgeList(inst)), distinct);
      assert.deepEqual([inst.headerKind, inst.graph.numVertices, inst.edgeLines, inst.selfLoops], [kind, n, edges.length, loops]);
      assert.equal(inst.duplicates, edges.length - loops - distinct.size);
      // written back from the graph, it reads to the same arrays
      const again = parsed(`p edge ${n} ${inst.graph.numEdges}\n${edgeList(inst).map((p) => `e ${p.split(' ').map((x) => Number(x) + 1).join(' ')}\n`).join('')}`);
      assert.deepEqual([again.inst.graph.edgeU, again.inst.graph.edgeV, again.inst.graph.adjacent], [inst.graph.edgeU, inst.graph.edgeV, inst.graph.adjacent]);
    }),
    { seed: SEED, numRuns: 300 },
  );
});

const piece = fc.constantFrom('p edge 3 2\n', 'p col ', 'e 1 2\n', 'e ', '3', ' ', '\n', '\r\n', '\t', '-', '0', 'c x\n', 'n 1 1\n', '99999999999', 'x', '\u0000', '#', 'p', 'edge');

test('any input gives a well-formed outcome: known codes, positions inside the input', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 20 }), fc.constantFrom<ColOptions>({}, { mode: 'relaxed' }, { limits: { maxVariables: 2, maxClauses: 1 } }), (pieces, options) => {
      const input = bytes(pieces.join(''));
      assert.equal(outcomeProblem(parseCol(input, options), input), null);
    }),
    { seed: SEED, numRuns: 1500 },
  );
});
