import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseIssueCode } from '../src/common/parse-result.js';
import { adjacency, cutValue, type WeightedGraph } from '../src/problems/maxcut/graph.js';
import { parseRudy } from '../src/problems/maxcut/rudy-parser.js';
import { instancesDir, sharedInstancesDir } from './support/paths.js';

/** The repo's own copy of Gset once it exists, else the team's shared folder; null if neither. */
function gsetDir(): string | null {
  for (const dir of [join(instancesDir, 'gset'), join(sharedInstancesDir, 'gset')]) {
    if (existsSync(join(dir, 'best-known.csv'))) return dir;
  }
  return null;
}

interface KnownGraph {
  readonly instance: string;
  readonly nodes: number;
  readonly edges: number;
  readonly weights: string;
}

function readBestKnown(dir: string): KnownGraph[] {
  const [header, ...rows] = readFileSync(join(dir, 'best-known.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const col = (name: string): number => header.split(',').indexOf(name);
  return rows.map((row) => {
    const cells = row.split(',');
    return {
      instance: cells[col('instance')],
      nodes: Number(cells[col('nodes')]),
      edges: Number(cells[col('edges')]),
      weights: cells[col('weights')],
    };
  });
}

function parseText(text: string): ReturnType<typeof parseRudy> {
  return parseRudy(new TextEncoder().encode(text));
}

function parsedGraph(text: string): WeightedGraph {
  const result = parseText(text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

function slowCut(g: WeightedGraph, side: Uint8Array): bigint {
  let sum = 0n;
  for (let e = 0; e < g.numEdges; e++) if (side[g.from[e]] !== side[g.to[e]]) sum += BigInt(g.weight[e]);
  return sum;
}

test('every Gset graph matches best-known.csv', (t) => {
  const dir = gsetDir();
  if (dir === null) return t.skip('no Gset instances on this machine');
  const known = readBestKnown(dir);
  assert.ok(known.length >= 4);
  for (const k of known) {
    const result = parseRudy(readFileSync(join(dir, `${k.instance}.txt`)));
    assert.ok(result.ok, `${k.instance}: ${JSON.stringify(!result.ok && result.issues[0])}`);
    const g = result.value;
    assert.equal(g.numNodes, k.nodes, k.instance);
    assert.equal(g.numEdges, k.edges, k.instance);
    // '+1': unit weights; '+1/-1': both signs occur (G11's toroidal grid), nothing else.
    assert.ok(['+1', '+1/-1'].includes(k.weights), k.weights);
    assert.ok(g.weight.every((w) => w === 1 || (k.weights === '+1/-1' && w === -1)), `${k.instance} weights`);
    if (k.weights === '+1/-1') assert.ok(g.weight.some((w) => w === -1), `${k.instance} has no negative weight`);
    assert.ok(g.from.every((v, e) => v >= 0 && v < g.numNodes && g.to[e] >= 0 && g.to[e] < g.numNodes));
    assert.equal(cutValue(g, new Uint8Array(g.numNodes)), 0n);
    const side = Uint8Array.from({ length: g.numNodes }, (_, v) => (v * 2654435761) >>> 31);
    assert.equal(cutValue(g, side), slowCut(g, side), k.instance);
  }
});

test('parses comments, blank lines, CRLF, trailing blanks and a missing final newline', () => {
  const g = parsedGraph('c a comment\n# another\n3 3 \r\n\n1 2 1\r\n  2 3 -1\t\nc mid\n3 1 7');
  assert.deepEqual([g.numNodes, g.numEdges], [3, 3]);
  assert.deepEqual(Array.from(g.from), [0, 1, 2]);
  assert.deepEqual(Array.from(g.to), [1, 2, 0]);
  assert.deepEqual(Array.from(g.weight), [1, -1, 7]);
  assert.equal(cutValue(g, Uint8Array.from([0, 1, 1])), 1n + 7n);
  assert.equal(cutValue(g, Uint8Array.from([0, 1, 0])), 1n - 1n);
});

test('a graph without edges and weights at the 2^53-1 limit', () => {
  assert.deepEqual(parsedGraph('0 0\n').numEdges, 0);
  const max = Number.MAX_SAFE_INTEGER;
  const g = parsedGraph(`3 2\n1 2 ${max}\n2 3 ${max}\n`);
  assert.equal(cutValue(g, Uint8Array.from([0, 1, 0])), 2n * BigInt(max));
  assert.equal(cutValue(g, Uint8Array.from([0, 1, 0])), slowCut(g, Uint8Array.from([0, 1, 0])));
});

test('cutValue stays exact where a float sum would round', () => {
  const big = 2 ** 52 + 1;
  const g = parsedGraph(`4 3\n1 2 ${big}\n1 3 ${big}\n1 4 1\n`);
  assert.equal(cutValue(g, Uint8Array.from([1, 0, 0, 0])), 2n * BigInt(big) + 1n);
});

test('adjacency lists every edge at both endpoints', () => {
  const g = parsedGraph('4 3\n1 2 5\n1 3 -1\n3 4 2\n');
  const adj = adjacency(g);
  assert.deepEqual(Array.from(adj.start), [0, 2, 3, 5, 6]);
  assert.deepEqual(Array.from(adj.neighbor), [1, 2, 0, 0, 3, 2]);
  assert.deepEqual(Array.from(adj.edgeWeight), [5, -1, 5, -1, 2, 2]);
});

const errorCases: ReadonlyArray<readonly [string, string, ParseIssueCode, number, number]> = [
  ['empty input', '', 'EMPTY_INPUT', 0, 0],
  ['only whitespace', ' \n\t\r\n', 'EMPTY_INPUT', 0, 0],
  ['only comments', 'c nothing here\n', 'NO_HEADER', 0, 0],
  ['header with one number', '5\n', 'BAD_HEADER', 1, 2],
  ['header with three numbers', '5 4 3\n', 'BAD_HEADER', 1, 5],
  ['negative node count', 'c x\n-5 4\n', 'BAD_HEADER', 2, 1],
  ['negative edge count', '5  -4\n', 'BAD_HEADER', 1, 4],
  ['letter in header', '5 4x\n', 'UNEXPECTED_CHAR', 1, 4],
  ['decimal weight', '2 1\n1 2 1.5\n', 'UNEXPECTED_CHAR', 2, 6],
  ['plus sign', '2 1\n1 2 +1\n', 'UNEXPECTED_CHAR', 2, 5],
  ['lone minus', '2 1\n1 - 2 1\n', 'UNEXPECTED_CHAR', 2, 3],
  ['minus at end of input', '2 1\n1 2 -', 'UNEXPECTED_CHAR', 2, 5],
  ['comment marker after a number', '2 1\n1 2 1 c\n', 'UNEXPECTED_CHAR', 2, 7],
  ['control byte', '2 1\n1\u00012 1\n', 'UNEXPECTED_CHAR', 2, 2],
  ['vertex zero', '2 1\n0 2 1\n', 'BAD_EDGE', 2, 1],
  ['vertex above n', '2 1\n1 3 1\n', 'BAD_EDGE', 2, 3],
  ['negative vertex', '2 1\n1 -2 1\n', 'BAD_EDGE', 2, 3],
  ['two numbers on an edge line', '2 1\n1 2\n', 'BAD_EDGE', 2, 4],
  ['four numbers on an edge line', '2 1\n1 2 1 9\n', 'BAD_EDGE', 2, 7],
  ['self loop', '2 1\n2 2 1\n', 'BAD_EDGE', 2, 3],
  ['too few edges', '3 3\n1 2 1\n2 3 1\n', 'EDGE_COUNT_MISMATCH', 1, 3],
  ['too many edges', '3 1\n1 2 1\n\n 2 3 1\n1 3 1\n', 'EDGE_COUNT_MISMATCH', 4, 2],
  ['node count beyond 2^31-1', '2147483648 0\n', 'INT_OVERFLOW', 1, 1],
  ['edge count beyond 2^31-1', '2 99999999999999999999\n', 'INT_OVERFLOW', 1, 3],
  ['vertex beyond 2^31-1', '2 1\n1 2147483648 1\n', 'INT_OVERFLOW', 2, 3],
  ['weight beyond 2^53-1', '2 1\n1 2 9007199254740992\n', 'INT_OVERFLOW', 2, 5],
  ['negative weight beyond 2^53-1', '2 1\n1 2 -9007199254740993\n', 'INT_OVERFLOW', 2, 5],
];

for (const [name, text, code, line, column] of errorCases) {
  test(`rejects ${name} with ${code} at ${line}:${column}`, () => {
    const result = parseText(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.issues.length, 1, JSON.stringify(result.issues));
    const [issue] = result.issues;
    assert.deepEqual([issue.code, issue.severity, issue.line, issue.column], [code, 'error', line, column]);
    assert.ok(issue.message.length > 0);
  });
}

test('reports several bad lines in line order and keeps counting edge lines', () => {
  const result = parseText('3 3\n1 2 x\n1 1 1\n2 3 1\n');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(
    result.issues.map((i) => [i.code, i.line, i.column]),
    [
      ['UNEXPECTED_CHAR', 2, 5],
      ['BAD_EDGE', 3, 3],
    ],
  );
});

test('cutValue rejects a side array shorter than the graph', () => {
  assert.throws(() => cutValue(parsedGraph('3 0\n'), new Uint8Array(2)), RangeError);
});
