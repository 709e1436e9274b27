import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../src/common/app-error.js';
import { Rng } from '../src/common/rng.js';
import { decodeColours } from '../src/problems/coloring/colour-bytes.js';
import { conflicts, type ColoringGraph } from '../src/problems/coloring/graph.js';
import { greedyClique } from '../src/problems/coloring/greedy-clique.js';
import { coloursUsed } from '../src/problems/coloring/score.js';
import type { ColoringEngine } from '../src/problems/engine-problem.js';
import { dsatur } from '../src/solvers/coloring/dsatur.js';
import { checkSolverRequest, createSession } from '../src/solvers/registry.js';
import type { TraceEvent } from '../src/solvers/run-loop.js';
import { solve } from '../src/solvers/solve.js';
import { readColFile } from './support/col-reader.js';
import { cycle, randomGraph } from './support/coloring-graphs.js';

const engineOf = (graph: ColoringGraph): ColoringEngine => ({ kind: 'coloring', graph, colorsLowerBound: greedyClique(graph).length });

async function run(graph: ColoringGraph, solver: string, options: { colors?: number; maxSteps?: number; timeLimitMs?: number; seed?: number } = {}) {
  const events: TraceEvent[] = [];
  const outcome = await solve(engineOf(graph), {
    spec: { solver: solver as never, preset: 'default', seed: options.seed ?? 7, backend: 'cpu', colors: options.colors },
    termination: { maxSteps: options.maxSteps ?? 2000, timeLimitMs: options.timeLimitMs },
    onEvent: (e) => events.push(e),
    progressEvery: 0,
  });
  assert.equal(outcome.kind, 'solved');
  if (outcome.kind !== 'solved') throw new Error('unreachable');
  const colours = decodeColours(outcome.result.best.assignment, graph.numVertices);
  // every reported best is what its assignment scores, recounted from the graph
  assert.equal(outcome.result.best.hardFalsified, conflicts(graph, colours));
  assert.equal(outcome.result.best.cost, BigInt(coloursUsed(colours)));
  return { result: outcome.result, colours, improvements: events.filter((e) => e.type === 'improvement') };
}

test('dsatur builds its colouring at once and the run ends completed, with DSATUR’s colour count', async () => {
  const graph = readColFile('myciel4.col');
  const { result } = await run(graph, 'dsatur', { maxSteps: 1_000_000 });
  assert.equal(result.reason, 'completed');
  assert.equal(result.best.cost, BigInt(dsatur(graph).numColors));
  assert.ok(result.best.feasible);
});

test('a k-colouring run ends target_reached at its first proper colouring with k colours (queen5_5, k = 5)', async () => {
  const graph = readColFile('queen5_5.col');
  for (const solver of ['tabucol', 'hea', 'hybrid']) {
    const { result } = await run(graph, solver, { colors: 5, maxSteps: 100_000 });
    assert.equal(result.reason, 'optimal', `${solver}: 5 is the clique bound, so reaching it is proven optimal`);
    assert.deepEqual([result.best.cost, result.best.feasible], [5n, true]);
  }
  const myciel = readColFile('myciel4.col');
  const { result } = await run(myciel, 'tabucol', { colors: 5, maxSteps: 100_000 });
  // Mycielski graphs are triangle-free: the clique bound (2) proves nothing, so the target ends the run
  assert.deepEqual([result.reason, result.best.cost, result.best.feasible], ['target_reached', 5n, true]);
});

test('a k-colouring run below the chromatic number reports k-colourings with their conflicts, falling', async () => {
  const graph = readColFile('myciel4.col'); // chromatic number 5
  const { result, improvements, colours } = await run(graph, 'tabucol', { colors: 4, maxSteps: 200 });
  assert.equal(result.reason, 'max_steps');
  assert.equal(result.best.feasible, false);
  assert.ok(result.best.hardFalsified >= 1);
  assert.ok(coloursUsed(colours) <= 4);
  for (const e of improvements) assert.ok(e.type === 'improvement' && e.bestCost <= 4n && !e.feasible);
  const conflictsSeen = improvements.map((e) => (e.type === 'improvement' ? e.metrics.conflicts : 0));
  assert.deepEqual(conflictsSeen, [...conflictsSeen].sort((a, b) => b - a));
});

test('a chromatic search reports proper colourings whose colour count k falls at every improvement', async () => {
  const graph = randomGraph(new Rng(11), 60, 0.5);
  for (const solver of ['tabucol', 'hea', 'polystep', 'hybrid']) {
    const { result, improvements } = await run(graph, solver, { maxSteps: 400 });
    const ks = improvements.map((e) => (e.type === 'improvement' ? e.bestCost : -1n));
    assert.ok(improvements.every((e) => e.type === 'improvement' && e.feasible), solver);
    for (let i = 1; i < ks.length; i++) assert.ok(ks[i] < ks[i - 1], `${solver}: ${ks}`);
    assert.ok(result.best.cost <= BigInt(dsatur(graph).numColors));
  }
  const { result } = await run(graph, 'tabucol', { maxSteps: 400 });
  assert.ok(result.best.cost < BigInt(dsatur(graph).numColors), 'TabuCol beats DSATUR on a dense random graph');
});

test('k = 1 and a k above DSATUR’s count need no search', async () => {
  const odd = cycle(7);
  const one = await run(odd, 'tabucol', { colors: 1 });
  assert.deepEqual([one.result.reason, one.result.best.cost, one.result.best.hardFalsified], ['completed', 1n, 7]);
  const plenty = await run(odd, 'polystep', { colors: 5 });
  assert.deepEqual([plenty.result.reason, plenty.result.best.cost, plenty.result.best.feasible], ['target_reached', 3n, true]);
});

test('colors is refused outside colouring, and so is PolyStep config on colouring', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err instanceof AppError ? err.code : String(err);
    }
    return 'accepted';
  };
  assert.equal(code(() => checkSolverRequest({ solver: 'walksat', colors: 3 }, { name: 'maxsat', engine: 'clauses' })), 'COLORS_IGNORED');
  assert.equal(code(() => checkSolverRequest({ solver: 'polystep', config: { numProbe: 2 } }, { name: 'coloring', engine: 'coloring' })), 'CONFIG_IGNORED');
  assert.equal(code(() => checkSolverRequest({ solver: 'walksat' }, { name: 'coloring', engine: 'coloring' })), 'UNSUPPORTED_FAMILY');
  assert.equal(code(() => checkSolverRequest({ solver: 'tabucol' }, { name: 'maxcut', engine: 'quadratic' })), 'UNSUPPORTED_FAMILY');
  assert.equal(code(() => checkSolverRequest({ solver: 'tabucol', colors: 3 }, { name: 'coloring', engine: 'coloring' })), 'accepted');
});

test('the colouring hybrid hands over to TabuCol after 100 sweeps (100·n one-vertex steps) without a better best', async () => {
  const graph = readColFile('myciel4.col'); // DSATUR's 5 colours are χ: nothing improves, the clique bound (2) proves nothing
  const prepared = await createSession(engineOf(graph), { solver: 'hybrid', preset: 'default', seed: 3, backend: 'cpu' });
  const session = prepared.session;
  const stall = 100 * graph.numVertices;
  for (let i = 0; i < stall - 1; i++) session.step();
  assert.equal(session.phase, 'polystep');
  session.step();
  assert.equal(session.phase, 'polish');
  assert.equal(session.best().cost, 5n);
  await prepared.dispose();
});
