// Colouring summaries: sizes, drops, degrees, density and a greedy clique that really is a clique and never beats χ.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/common/rng.js';
import { parseCol, type ColoringInstance } from '../src/problems/coloring/col-parser.js';
import { buildColoringGraph, type ColoringGraph } from '../src/problems/coloring/graph.js';
import { greedyClique } from '../src/problems/coloring/greedy-clique.js';
import { summarizeColoring } from '../src/problems/coloring/summary.js';
import { coloringDir } from './support/col-reader.js';


function read(text: string | Uint8Array): ColoringInstance {
  const result = parseCol(typeof text === 'string' ? Buffer.from(text) : text);
  if (!result.ok) assert.fail(JSON.stringify(result.issues));
  return result.value;
}

function isClique(g: ColoringGraph, members: Int32Array): boolean {
  const edges = new Set(Array.from(g.edgeU, (u, e) => `${u} ${g.edgeV[e]}`));
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const [a, b] = [Math.min(members[i], members[j]), Math.max(members[i], members[j])];
      if (a === b || !edges.has(`${a} ${b}`)) return false;
    }
  }
  return true;
}

test('summarises a small graph with a repeat, a loop and an isolated vertex, JSON-safe', () => {
  const s = summarizeColoring(read('p col 5 6\ne 1 2\ne 2 3\ne 3 1\ne 2 1\ne 4 4\ne 3 4\n'));
  assert.deepEqual(s, {
    vertices: 5,
    edges: 4,
    headerKind: 'col',
    declaredEdges: 6,
    edgeLines: 6,
    duplicatesDropped: 1,
    selfLoopsDropped: 1,
    isolatedVertices: 1,
    degreeMin: 0,
    degreeMax: 3,
    degreeMean: 8 / 5,
    density: 4 / 10,
    colorsLowerBound: 3,
  });
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
});

test('the colour bound is 0 without vertices, 1 without edges, 2 for a single edge', () => {
  assert.equal(summarizeColoring(read('p edge 0 0\n')).colorsLowerBound, 0);
  assert.deepEqual([summarizeColoring(read('p edge 3 0\n')).colorsLowerBound, summarizeColoring(read('p edge 3 0\n')).density], [1, 0]);
  assert.equal(summarizeColoring(read('p edge 3 1\ne 3 1\n')).colorsLowerBound, 2);
});

test('the greedy clique is a clique, and finds a planted one on random graphs', () => {
  const rng = new Rng(11);
  for (let round = 0; round < 40; round++) {
    const n = 2 + rng.below(40);
    const m = rng.below(3 * n);
    const u: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < m; k++) {
      u.push(rng.below(n));
      v.push(rng.below(n));
    }
    const planted = Math.min(n, 2 + rng.below(6));
    for (let a = 0; a < planted; a++) for (let b = a + 1; b < planted; b++) (u.push(a), v.push(b));
    const { graph } = buildColoringGraph(n, Int32Array.from(u), Int32Array.from(v));
    const clique = greedyClique(graph);
    assert.ok(isClique(graph, clique), `round ${round}`);
    assert.ok(clique.length >= 2, `round ${round}`);
  }
});

test('on the bundled graphs the bound is a true clique and never exceeds the best known colour count', () => {
  const rows = readFileSync(join(coloringDir, 'best-known.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
  assert.equal(rows.length, 33);
  const bounds: Record<string, number> = {};
  for (const row of rows) {
    const inst = read(readFileSync(join(coloringDir, row[0])));
    const s = summarizeColoring(inst);
    assert.ok(isClique(inst.graph, greedyClique(inst.graph)), row[0]);
    assert.ok(s.colorsLowerBound >= 2 && s.colorsLowerBound <= Number(row[5]), `${row[0]}: ${s.colorsLowerBound} > ${row[5]}`);
    bounds[row[0]] = s.colorsLowerBound;
  }
  // Mycielski graphs are triangle-free; a queen graph's rank is an n-clique; le450_k hide a k-clique
  assert.deepEqual([bounds['myciel7.col'], bounds['queen8_8.col'], bounds['le450_25a.col']], [2, 8, 25]);
  const jean = summarizeColoring(read(readFileSync(join(coloringDir, 'jean.col'))));
  assert.deepEqual([jean.isolatedVertices, jean.duplicatesDropped, jean.edges], [3, 254, 254]);
});
