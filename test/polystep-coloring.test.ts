// PolyStep over categorical particles: exact bests, determinism, the relaxation's probe costs, easy colourings solved.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { ConflictTable } from '../src/problems/coloring/conflict-table.js';
import { conflicts } from '../src/problems/coloring/graph.js';
import { blockObjectiveOf } from '../src/optimizer/block-objective.js';
import { initBlock } from '../src/optimizer/block-optimizer.js';
import { focusedBlockStep } from '../src/optimizer/focused-step.js';
import { withDefaults } from '../src/optimizer/config.js';
import { argmaxColour, CategoricalRelaxation } from '../src/solvers/coloring/categorical-relaxation.js';
import { dsatur } from '../src/solvers/coloring/dsatur.js';
import { PolyStepColoring } from '../src/solvers/coloring/polystep-coloring.js';
import { cycle, graphOf, randomGraph } from './support/coloring-graphs.js';

/** Steps until solved or the budget runs out; returns the steps taken. */
function runUpTo(search: PolyStepColoring, budget: number): number {
  for (let s = 0; s < budget && !search.solved; s++) search.step();
  return search.steps;
}

test('the conflict table matches a recount after every random recolouring, and its deltas predict them', () => {
  const rng = new Rng(3);
  for (let round = 0; round < 10; round++) {
    const g = randomGraph(rng, 2 + rng.below(40), rng.uniform());
    const k = 2 + rng.below(5);
    const colours = Int32Array.from({ length: g.numVertices }, () => rng.below(k));
    const table = new ConflictTable(g, k, colours);
    assert.equal(table.conflicts, conflicts(g, colours));
    for (let move = 0; move < 50; move++) {
      const v = rng.below(g.numVertices);
      const c = rng.below(k);
      const before = table.conflicts;
      const delta = table.delta(v, c);
      table.recolour(v, c);
      colours[v] = c;
      assert.equal(table.conflicts, before + delta);
      assert.equal(table.conflicts, conflicts(g, colours));
      assert.deepEqual(Array.from(table.coloring()), Array.from(colours));
    }
  }
});

test('argmax decoding breaks ties to the lowest colour', () => {
  assert.equal(argmaxColour(Float64Array.of(9, 1, 3, 3, 2), 1, 4), 1);
  assert.equal(argmaxColour(Float64Array.of(0, 0, 0), 0, 3), 0);
  assert.equal(argmaxColour(Float64Array.of(-1, 2, 2), 0, 3), 1);
});

test('a probe costs exactly the recount of the colouring its argmax implies, over the edge count', () => {
  const rng = new Rng(5);
  const g = randomGraph(rng, 30, 0.3);
  const k = 4;
  const x = Float64Array.from({ length: 30 * k }, () => rng.normal());
  const relax = new CategoricalRelaxation(g, k, x, g.numEdges);
  const decode = (y: Float64Array) => Int32Array.from({ length: 30 }, (_, v) => argmaxColour(y, v * k, k));
  assert.equal(relax.table.conflicts, conflicts(g, decode(x)));
  const probes = Float64Array.from({ length: 6 * k }, () => rng.normal());
  const out = new Float64Array(6);
  let bestDelta = 0;
  for (let v = 0; v < 30; v++) {
    relax.evaluateBlock(v * k, k, probes, 6, out);
    for (let j = 0; j < 6; j++) {
      const y = x.slice();
      y.set(probes.subarray(j * k, (j + 1) * k), v * k);
      const count = conflicts(g, decode(y));
      assert.equal(out[j], count / g.numEdges);
      bestDelta = Math.min(bestDelta, count - relax.table.conflicts);
    }
  }
  const best = relax.takeBestCandidate();
  if (bestDelta < 0) assert.equal(best?.delta, bestDelta);
  else assert.equal(best, null);
  assert.equal(relax.takeBestCandidate(), null);
  // setPoint moves the colouring to the new argmax
  const y = Float64Array.from({ length: 30 * k }, () => rng.normal());
  relax.setPoint(y);
  assert.equal(relax.table.conflicts, conflicts(g, decode(y)));
  assert.throws(() => relax.evaluateBlock(0, k - 1, probes, 1, out), RangeError);
  assert.throws(() => relax.evaluateBlock(1, k, probes, 1, out), RangeError);
});

test('PolyStepColoring refuses a particle dimension other than k', () => {
  const g = cycle(5);
  assert.throws(() => new PolyStepColoring(g, 3, { config: { particleDim: 2 } }), RangeError);
  assert.throws(() => new PolyStepColoring(g, 3, { config: { particleDim: 4 } }), RangeError);
  assert.doesNotThrow(() => new PolyStepColoring(g, 3, { config: { particleDim: 3 } }));
});

test('best conflicts equal a recount of the best colouring after every step and never exceed the start', () => {
  const rng = new Rng(7);
  for (let round = 0; round < 6; round++) {
    const g = randomGraph(rng, 10 + rng.below(50), 0.1 + 0.5 * rng.uniform());
    const k = 2 + rng.below(4);
    const search = new PolyStepColoring(g, k, { seed: round });
    const start = search.bestConflicts;
    let previous = start;
    for (let s = 0; s < 40; s++) {
      search.step();
      assert.equal(search.bestConflicts, conflicts(g, search.bestColoring()));
      assert.equal(search.conflicts, conflicts(g, search.currentColoring()));
      assert.ok(search.bestConflicts <= previous);
      assert.ok(search.bestConflicts <= search.conflicts);
      previous = search.bestConflicts;
    }
    assert.ok(search.bestConflicts <= start);
  }
});

test('started from a colouring, the start is that colouring and the best is never worse', () => {
  const rng = new Rng(9);
  const g = randomGraph(rng, 60, 0.3);
  const { colors, numColors } = dsatur(g);
  const k = numColors - 1;
  const initial = Int32Array.from(colors, (c) => Math.min(c, k - 1));
  const search = new PolyStepColoring(g, k, { seed: 4, initial });
  assert.deepEqual(Array.from(search.currentColoring()), Array.from(initial));
  const start = conflicts(g, initial);
  assert.equal(search.bestConflicts, start);
  runUpTo(search, 100);
  assert.ok(search.bestConflicts <= start);
  assert.equal(search.bestConflicts, conflicts(g, search.bestColoring()));
});

test('PolyStepColoring is deterministic per seed', () => {
  const g = randomGraph(new Rng(13), 50, 0.3);
  const trace = (seed: number) => {
    const search = new PolyStepColoring(g, 5, { seed });
    const out: number[] = [];
    for (let s = 0; s < 30; s++) {
      search.step();
      out.push(search.conflicts, search.bestConflicts);
    }
    return { out, best: Array.from(search.bestColoring()), evaluations: search.evaluations };
  };
  assert.deepEqual(trace(1), trace(1));
  assert.notDeepEqual(trace(1).out, trace(2).out);
});

test('solves an odd cycle (C21) with 3 colours within 2,000 steps', () => {
  for (const seed of [0, 1, 2, 3]) {
    const odd = new PolyStepColoring(cycle(21), 3, { seed });
    runUpTo(odd, 2000);
    assert.equal(odd.bestConflicts, 0, `C21, seed ${seed}`);
    assert.equal(conflicts(odd.graph, odd.bestColoring()), 0);
  }
});

test("solves small random graphs with DSATUR's number of colours within 2,000 steps on at least 3 of 4 seeds", () => {
  const rng = new Rng(17);
  for (let round = 0; round < 3; round++) {
    const g = randomGraph(rng, 30, 0.25);
    const k = dsatur(g).numColors;
    let solved = 0;
    for (const seed of [0, 1, 2, 3]) {
      const search = new PolyStepColoring(g, k, { seed });
      runUpTo(search, 2000);
      assert.equal(search.bestConflicts, conflicts(g, search.bestColoring()));
      if (search.bestConflicts === 0) solved++;
    }
    assert.ok(solved >= 3, `round ${round}, k = ${k}: ${solved} of 4 seeds`);
  }
});

/** The w×h grid graph (bipartite: a proper 2-colouring exists). */
function grid(w: number, h: number) {
  const pairs: Array<[number, number]> = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) pairs.push([y * w + x, y * w + x + 1]);
      if (y + 1 < h) pairs.push([y * w + x, (y + 1) * w + x]);
    }
  return graphOf(w * h, pairs);
}

test('a focused step moves only the listed particles and keeps the objective on the point', () => {
  const config = withDefaults({ polytopeType: 'orthoplex', particleDim: 3, solver: 'softmax', epsilon: 0.5, clipToProbe: 0.3 });
  const f = (x: Float64Array) => x.reduce((s, v, i) => s + (v - (i % 3)) ** 2, 0);
  let setPoints = 0;
  const plain = blockObjectiveOf(12, f);
  const objective = { dim: 12, evaluateBlock: plain.evaluateBlock, setPoint: (x: Float64Array) => (setPoints++, plain.setPoint(x)) };
  const x0 = Float64Array.from({ length: 12 }, (_, i) => i / 10);
  objective.setPoint(x0);
  for (const sequential of [false, true]) {
    const state = initBlock(x0, config, 3);
    const metrics = focusedBlockStep(state, objective, Int32Array.of(2, 0), 2, { sequential });
    assert.equal(metrics.evaluations, 2 * 6);
    assert.equal(state.t, 1);
    // particles 1 and 3 untouched, 0 and 2 moved and within the clip bound
    assert.deepEqual(Array.from(state.x.subarray(3, 6)), Array.from(x0.subarray(3, 6)));
    assert.deepEqual(Array.from(state.x.subarray(9, 12)), Array.from(x0.subarray(9, 12)));
    assert.notDeepEqual(Array.from(state.x.subarray(0, 3)), Array.from(x0.subarray(0, 3)));
    for (const at of [0, 1, 2, 6, 7, 8]) assert.ok(Math.abs(state.x[at]) <= 0.3 * state.lastProbeOffset + 1e-12);
    objective.setPoint(x0);
  }
  assert.ok(setPoints >= 5, 'without setBlock the objective is resynchronised through setPoint');
  const sinkhorn = initBlock(x0, withDefaults({ ...config, solver: 'sinkhorn' }), 1);
  assert.throws(() => focusedBlockStep(sinkhorn, objective, [0], 1), RangeError);
  const state = initBlock(x0, config, 1);
  assert.throws(() => focusedBlockStep(state, objective, [4], 1), RangeError);
});

test('setBlock recolours one vertex to its argmax, as setPoint would', () => {
  const rng = new Rng(21);
  const g = randomGraph(rng, 25, 0.3);
  const k = 4;
  const x = Float64Array.from({ length: 25 * k }, () => rng.normal());
  const a = new CategoricalRelaxation(g, k, x, g.numEdges);
  const b = new CategoricalRelaxation(g, k, x, g.numEdges);
  for (let round = 0; round < 50; round++) {
    const v = rng.below(25);
    for (let c = 0; c < k; c++) x[v * k + c] = rng.normal();
    a.setBlock(v * k, k, x);
    b.setPoint(x);
    assert.deepEqual(Array.from(a.table.coloring()), Array.from(b.table.coloring()));
    assert.equal(a.table.conflicts, conflicts(g, a.table.coloring()));
  }
});

test('properly 2-colours a 20×20 grid and C100 within 60,000 focused steps (no all-at-once oscillation)', () => {
  const g = grid(20, 20);
  for (const seed of [1, 2]) {
    const search = new PolyStepColoring(g, 2, { seed });
    runUpTo(search, 60000);
    assert.equal(search.bestConflicts, 0, `seed ${seed}`);
    assert.equal(conflicts(g, search.bestColoring()), 0);
    // an even cycle too
    const ring = new PolyStepColoring(cycle(100), 2, { seed });
    runUpTo(ring, 60000);
    assert.equal(ring.bestConflicts, 0, `C100, seed ${seed}`);
  }
});

test('reported best and current conflicts always equal a recount, in every mode and focus', () => {
  const rng = new Rng(23);
  const settings = [
    { mode: 'full' as const },
    {},
    { focus: { blocks: 3, sequential: false } },
    { focus: { blocks: 2, randomBlocks: 1, stayCost: 0 } },
    { focus: { blocks: 0, randomBlocks: 2 } },
  ];
  for (let round = 0; round < 4; round++) {
    const g = randomGraph(rng, 20 + rng.below(60), 0.1 + 0.5 * rng.uniform());
    const k = 2 + rng.below(5);
    for (const options of settings) {
      const search = new PolyStepColoring(g, k, { seed: round, ...options });
      let previous = search.bestConflicts;
      for (let s = 0; s < 300 && !search.solved; s++) {
        search.step();
        assert.equal(search.bestConflicts, conflicts(g, search.bestColoring()));
        assert.equal(search.conflicts, conflicts(g, search.currentColoring()));
        assert.ok(search.bestConflicts <= previous && search.bestConflicts <= search.conflicts);
        previous = search.bestConflicts;
      }
    }
  }
  assert.throws(() => new PolyStepColoring(cycle(5), 3, { focus: { blocks: 0, randomBlocks: 0 } }), RangeError);
});
