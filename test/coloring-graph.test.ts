// Colouring graphs: repeats in either direction and self loops are dropped and counted; rows sorted; conflicts exact.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { buildColoringGraph, conflicts } from '../src/problems/coloring/graph.js';

test('repeats in either direction and self loops are dropped and counted, edges sorted, rows ascending', () => {
  const u = Int32Array.from([2, 0, 1, 3, 1, 2, 0]);
  const v = Int32Array.from([0, 2, 1, 1, 3, 3, 1]);
  const { graph, duplicates, selfLoops } = buildColoringGraph(5, u, v);
  assert.deepEqual([duplicates, selfLoops, graph.numEdges], [2, 1, 4]);
  assert.deepEqual([Array.from(graph.edgeU), Array.from(graph.edgeV)], [[0, 0, 1, 2], [1, 2, 3, 3]]);
  const rows = Array.from({ length: 5 }, (_, w) => Array.from(graph.adjacent.subarray(graph.adjStart[w], graph.adjStart[w + 1])));
  assert.deepEqual(rows, [[1, 2], [0, 3], [0, 3], [1, 2], []], 'vertex 4 is isolated');
  assert.throws(() => buildColoringGraph(3, Int32Array.from([0]), Int32Array.from([3])), RangeError);
});

test('conflicts count the monochromatic edges, checked against a set of edges on random graphs', () => {
  const rng = new Rng(5);
  for (let round = 0; round < 20; round++) {
    const n = 1 + rng.below(30);
    const m = rng.below(120);
    const u = Int32Array.from({ length: m }, () => rng.below(n));
    const v = Int32Array.from({ length: m }, () => rng.below(n));
    const { graph } = buildColoringGraph(n, u, v);
    const distinct = new Set<string>();
    for (let k = 0; k < m; k++) if (u[k] !== v[k]) distinct.add(`${Math.min(u[k], v[k])} ${Math.max(u[k], v[k])}`);
    assert.equal(graph.numEdges, distinct.size);
    const colors = Int32Array.from({ length: n }, () => rng.below(3));
    const expected = [...distinct].filter((key) => {
      const [a, b] = key.split(' ').map(Number);
      return colors[a] === colors[b];
    }).length;
    assert.equal(conflicts(graph, colors), expected);
  }
});
