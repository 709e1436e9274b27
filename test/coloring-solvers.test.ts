// Colouring baselines: DSATUR against a slow reference and known optima, TabuCol's exact counts, the chromatic search.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { buildColoringGraph, conflicts, type ColoringGraph } from '../src/problems/coloring/graph.js';
import { ChromaticSearch, dropSmallestClass } from '../src/solvers/coloring/chromatic.js';
import { dsatur } from '../src/solvers/coloring/dsatur.js';
import { TabuCol } from '../src/solvers/coloring/tabucol.js';
import { readColFile } from './support/col-reader.js';
import { clique, cycle, graphOf, randomGraph } from './support/coloring-graphs.js';


/** DSATUR by O(n²) scans, same tie rules (saturation, uncoloured degree, smallest index): the reference. */
function slowDsatur(g: ColoringGraph): Int32Array {
  const n = g.numVertices;
  const colors = new Int32Array(n).fill(-1);
  const row = (v: number) => Array.from(g.adjacent.subarray(g.adjStart[v], g.adjStart[v + 1]));
  for (let done = 0; done < n; done++) {
    let pick = -1;
    let pickKey: [number, number] = [-1, -1];
    for (let v = 0; v < n; v++) {
      if (colors[v] >= 0) continue;
      const key: [number, number] = [new Set(row(v).map((w) => colors[w]).filter((c) => c >= 0)).size, row(v).filter((w) => colors[w] < 0).length];
      if (key[0] > pickKey[0] || (key[0] === pickKey[0] && key[1] > pickKey[1])) [pick, pickKey] = [v, key];
    }
    const taken = new Set(row(pick).map((w) => colors[w]));
    let c = 0;
    while (taken.has(c)) c++;
    colors[pick] = c;
  }
  return colors;
}

test('DSATUR colours exactly as the O(n²) reference does, properly, on random graphs of every density', () => {
  const rng = new Rng(11);
  for (let round = 0; round < 30; round++) {
    const g = randomGraph(rng, 1 + rng.below(60), rng.uniform());
    const { colors, numColors } = dsatur(g);
    assert.deepEqual(Array.from(colors), Array.from(slowDsatur(g)));
    assert.equal(conflicts(g, colors), 0);
    assert.equal(numColors, Math.max(0, ...colors) + 1);
  }
});

test('DSATUR is optimal on bipartite graphs, cycles and cliques', () => {
  const rng = new Rng(3);
  for (let round = 0; round < 20; round++) {
    const left = 1 + rng.below(30);
    const right = 1 + rng.below(30);
    const pairs: Array<[number, number]> = [];
    for (let a = 0; a < left; a++) for (let b = 0; b < right; b++) if (rng.uniform() < 0.3) pairs.push([a, left + b]);
    if (pairs.length === 0) pairs.push([0, left]);
    assert.equal(dsatur(graphOf(left + right, pairs)).numColors, 2);
  }
  for (const n of [4, 10, 100, 1000]) assert.equal(dsatur(cycle(n)).numColors, 2, `even cycle ${n}`);
  for (const n of [3, 9, 1001]) assert.equal(dsatur(cycle(n)).numColors, 3, `odd cycle ${n}`);
  for (const n of [1, 2, 7, 40]) assert.equal(dsatur(clique(n)).numColors, n, `K_${n}`);
  assert.equal(dsatur(graphOf(0, [])).numColors, 0);
  assert.equal(dsatur(graphOf(5, [])).numColors, 1);
});

test('DSATUR colours a sparse graph of 10^5 vertices properly', () => {
  const rng = new Rng(8);
  const n = 100_000;
  const m = 500_000;
  const u = Int32Array.from({ length: m }, () => rng.below(n));
  const v = Int32Array.from({ length: m }, () => rng.below(n));
  const g = buildColoringGraph(n, u, v).graph;
  const { colors, numColors } = dsatur(g);
  assert.equal(conflicts(g, colors), 0);
  assert.ok(numColors >= 3 && numColors <= 8, `${numColors} colours for mean degree 10`);
});

test('TabuCol reports best and current conflicts that equal a recount of its colourings after every step', () => {
  const rng = new Rng(21);
  for (let round = 0; round < 12; round++) {
    const g = randomGraph(rng, 5 + rng.below(50), 0.1 + 0.6 * rng.uniform());
    const k = 2 + rng.below(5);
    const search = new TabuCol(g, k, { seed: round, movesPerStep: 1 + rng.below(20) });
    assert.equal(search.conflicts, conflicts(g, search.currentColoring()));
    let previous = search.bestConflicts;
    for (let s = 0; s < 40; s++) {
      search.step();
      const best = search.bestColoring();
      assert.equal(search.bestConflicts, conflicts(g, best));
      assert.equal(search.conflicts, conflicts(g, search.currentColoring()));
      assert.ok(search.bestConflicts <= previous, 'the best never worsens');
      assert.ok(best.every((c) => c >= 0 && c < k));
      previous = search.bestConflicts;
    }
  }
});

test('TabuCol is deterministic per seed and its trajectory does not depend on the step size', () => {
  const g = randomGraph(new Rng(4), 70, 0.5);
  const run = (seed: number, movesPerStep: number, moves: number) => {
    const search = new TabuCol(g, 11, { seed, movesPerStep });
    while (search.evaluations < moves && !search.solved) search.step();
    return { evaluations: search.evaluations, best: search.bestConflicts, colors: Array.from(search.currentColoring()) };
  };
  assert.deepEqual(run(5, 100, 3000), run(5, 100, 3000));
  assert.deepEqual(run(5, 1, 3000), run(5, 100, 3000));
  assert.notDeepEqual(run(5, 100, 3000).colors, run(6, 100, 3000).colors);
});

test('TabuCol finds a proper 4-colouring of myciel3 and a proper 5-colouring of queen5_5', () => {
  for (const [name, k] of [['myciel3.col', 4], ['queen5_5.col', 5]] as const) {
    const g = readColFile(name);
    const search = new TabuCol(g, k, { seed: 1 });
    for (let s = 0; s < 10_000 && !search.solved; s++) search.step();
    assert.equal(search.bestConflicts, 0, name);
    assert.equal(conflicts(g, search.bestColoring()), 0, name);
  }
});

test('TabuCol never claims a proper 3-colouring of myciel3 (χ = 4) or a 4-colouring of queen5_5 (χ = 5)', () => {
  for (const [name, k] of [['myciel3.col', 3], ['queen5_5.col', 4]] as const) {
    const g = readColFile(name);
    const search = new TabuCol(g, k, { seed: 2 });
    for (let s = 0; s < 50; s++) search.step();
    assert.ok(search.bestConflicts > 0, name);
    assert.equal(search.bestConflicts, conflicts(g, search.bestColoring()), name);
  }
});

test('the chromatic search reports only proper colourings, with k falling strictly, down to χ on myciel3 and queen5_5', () => {
  for (const [name, chi] of [['myciel3.col', 4], ['queen5_5.col', 5], ['myciel4.col', 5]] as const) {
    const g = readColFile(name);
    const search = new ChromaticSearch(g, { seed: 9 });
    for (let s = 0; s < 2000 && search.best().k > chi; s++) search.step();
    assert.equal(search.best().k, chi, name);
    checkImprovements(g, search);
  }
});

test('the chromatic search stops at its lower bound and, on random graphs, improves on DSATUR only with proper colourings', () => {
  const rng = new Rng(31);
  for (let round = 0; round < 6; round++) {
    const g = randomGraph(rng, 30 + rng.below(40), 0.2 + 0.6 * rng.uniform());
    const search = new ChromaticSearch(g, { seed: round, movesPerStep: 100 });
    assert.equal(search.improvements[0].k, dsatur(g).numColors);
    for (let s = 0; s < 300 && !search.done; s++) search.step();
    assert.ok(search.improvements.length >= 2, 'TabuCol beat DSATUR by a colour at least');
    checkImprovements(g, search);
  }
  const k5 = new ChromaticSearch(clique(5), { lowerBound: 5 });
  assert.ok(k5.done);
  assert.equal(k5.step(), null);
  const even = new ChromaticSearch(cycle(8));
  assert.ok(even.done, 'DSATUR already meets the trivial bound 2');
});

function checkImprovements(g: ColoringGraph, search: ChromaticSearch): void {
  let previous = Number.POSITIVE_INFINITY;
  for (const { k, colors } of search.improvements) {
    assert.ok(k < previous, `k ${k} after ${previous}`);
    assert.equal(conflicts(g, colors), 0);
    assert.equal(new Set(colors).size, k);
    assert.ok(colors.every((c) => c >= 0 && c < k));
    previous = k;
  }
}

test('dropSmallestClass empties the smallest class onto the colours its vertices’ neighbours wear least, renumbering the rest down', () => {
  const rng = new Rng(21);
  for (let trial = 0; trial < 30; trial++) {
    const graph = randomGraph(rng, 30, 0.3);
    const { colors, numColors: k } = dsatur(graph);
    if (k < 3) continue;
    const next = dropSmallestClass(graph, colors, k);
    const size = Array.from({ length: k }, (_, c) => colors.filter((x) => x === c).length);
    const dropped = size.indexOf(Math.min(...size));
    assert.ok(next.every((c) => c >= 0 && c < k - 1));
    for (let v = 0; v < colors.length; v++) {
      if (colors[v] !== dropped) {
        assert.equal(next[v], colors[v] > dropped ? colors[v] - 1 : colors[v]);
        continue;
      }
      // its colour is one the fewest of its (already placed) neighbours wear: no colour has fewer
      const wear = (c: number) => {
        let count = 0;
        for (let j = graph.adjStart[v]; j < graph.adjStart[v + 1]; j++) {
          const w = graph.adjacent[j];
          if (colors[w] !== dropped || w < v) count += next[w] === c ? 1 : 0;
        }
        return count;
      };
      for (let c = 0; c < k - 1; c++) assert.ok(wear(next[v]) <= wear(c));
    }
  }
});
