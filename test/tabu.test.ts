import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { QuadraticEvaluator } from '../src/problems/quadratic/evaluator.js';
import { QuadraticModelBuilder } from '../src/problems/quadratic/model-builder.js';
import type { QuadraticModel } from '../src/problems/quadratic/model.js';
import { quadraticCost } from '../src/problems/quadratic/quadratic-cost.js';
import { autoMoveIndex, bucketsFit, openMoveIndex, type MoveIndexKind } from '../src/solvers/quadratic/move-index-choice.js';
import { TabuSearch, type TabuOptions } from '../src/solvers/quadratic/tabu.js';
import { createSession } from '../src/solvers/registry.js';
import { runSolver } from '../src/solvers/run-loop.js';

const KINDS: readonly MoveIndexKind[] = ['scan', 'tree', 'buckets'];

/** A random QUBO: each pair present with probability `density`, integer coefficients in ±range. */
function randomQubo(seed: number, n: number, density: number, range: number): QuadraticModel {
  const rng = new Rng(seed);
  const b = new QuadraticModelBuilder(n);
  const coefficient = () => rng.below(2 * range + 1) - range;
  for (let i = 0; i < n; i++) {
    b.addLinear(i, coefficient());
    for (let j = i + 1; j < n; j++) if (rng.uniform() < density) b.addPair(i, j, coefficient());
  }
  return b.build();
}

/** Max-Cut as the engine sees it (cost = −cut): unit weights, so every index kind fits. */
function randomMaxCut(seed: number, n: number, edges: number): QuadraticModel {
  const rng = new Rng(seed);
  const b = new QuadraticModelBuilder(n);
  for (let e = 0; e < edges; e++) {
    const i = rng.below(n);
    const j = rng.below(n);
    if (i === j) continue;
    b.addLinear(i, -1);
    b.addLinear(j, -1);
    b.addPair(i, j, 2);
  }
  return b.build();
}

/** A QUBO whose coefficients reach 2^60: its floats are not exact, only its bigints are. */
function hugeQubo(seed: number, n: number): QuadraticModel {
  const rng = new Rng(seed);
  const b = new QuadraticModelBuilder(n);
  for (let i = 0; i < n; i++) {
    b.addLinear(i, (1n << 60n) * BigInt(rng.below(3) - 1) + BigInt(rng.below(2001) - 1000));
    for (let j = i + 1; j < n; j++) if (rng.below(2) === 0) b.addPair(i, j, (1n << 59n) * BigInt(rng.below(5) - 2) + BigInt(rng.below(2001) - 1000));
  }
  return b.build();
}

/** The least cost over all 2^n assignments, exactly: a Gray-code walk when floats are exact, else bigint recounts. */
function bruteForceMinimum(model: QuadraticModel): bigint {
  if (model.floatExact) {
    const evaluator = new QuadraticEvaluator(model);
    let least = evaluator.cost;
    for (let i = 1; i < 1 << model.n; i++) {
      evaluator.flip(31 - Math.clz32(i & -i));
      least = Math.min(least, evaluator.cost);
    }
    return BigInt(least);
  }
  const x = new Uint8Array(model.n);
  let best = quadraticCost(model, x);
  for (let mask = 1; mask < 1 << model.n; mask++) {
    for (let v = 0; v < model.n; v++) x[v] = (mask >> v) & 1;
    const cost = quadraticCost(model, x);
    if (cost < best) best = cost;
  }
  return best;
}

function kindsFor(model: QuadraticModel): MoveIndexKind[] {
  return KINDS.filter((k) => k !== 'buckets' || bucketsFit(model));
}

test('every move index chooses the least free delta, or a tabu one that aspires, as flips and tabu marks change', () => {
  const models = [randomQubo(1, 40, 0.3, 20), randomMaxCut(2, 60, 150), randomQubo(3, 30, 1, 3)];
  for (const model of models) {
    for (const kind of kindsFor(model)) {
      const evaluator = new QuadraticEvaluator(model);
      const index = openMoveIndex(evaluator, kind);
      const rng = new Rng(7);
      for (let round = 0; round < 2000; round++) {
        const v = rng.below(model.n);
        evaluator.flip(v);
        index.flipped(v);
        index.setTabu(rng.below(model.n), rng.below(3) === 0);
        const aspireBelow = rng.below(2) === 0 ? Number.NEGATIVE_INFINITY : -rng.below(30);
        let freeLeast = Infinity;
        let tabuLeast = Infinity;
        for (let u = 0; u < model.n; u++) {
          const d = evaluator.flipDelta(u);
          if (index.tabu[u] === 1) tabuLeast = Math.min(tabuLeast, d);
          else freeLeast = Math.min(freeLeast, d);
        }
        const aspires = tabuLeast < aspireBelow && tabuLeast < freeLeast;
        const chosen = index.choose(rng, aspireBelow);
        const expected = aspires || freeLeast === Infinity ? tabuLeast : freeLeast;
        assert.equal(evaluator.flipDelta(chosen), expected, `${kind}, round ${round}`);
        assert.equal(index.tabu[chosen] === 1, aspires || freeLeast === Infinity, `${kind}, round ${round}: tabu state of the choice`);
      }
    }
  }
});

test('every move index draws among tied moves uniformly', () => {
  const model = new QuadraticModelBuilder(8).build(); // every delta is 0
  for (const kind of KINDS) {
    const index = openMoveIndex(new QuadraticEvaluator(model), kind);
    index.setTabu(3, true);
    const counts = new Array<number>(8).fill(0);
    const rng = new Rng(11);
    for (let t = 0; t < 7000; t++) counts[index.choose(rng, Number.NEGATIVE_INFINITY)]++;
    assert.equal(counts[3], 0, `${kind}: the tabu variable does not aspire`);
    for (const v of [0, 1, 2, 4, 5, 6, 7]) assert.ok(counts[v] > 850 && counts[v] < 1150, `${kind}: ${counts.join(' ')}`);
  }
});

test('the automatic index takes buckets on unit Max-Cut graphs and a scan on small dense QUBOs', () => {
  assert.equal(autoMoveIndex(randomMaxCut(1, 2000, 4000)), 'buckets');
  assert.equal(autoMoveIndex(randomQubo(1, 200, 0.5, 100)), 'scan');
  assert.equal(autoMoveIndex(hugeQubo(1, 12)), 'scan');
  assert.throws(() => new TabuSearch(hugeQubo(1, 12), { moveIndex: 'buckets' }), RangeError);
});

test('the reported best costs exactly quadraticCost of its assignment, never rises, and starts at step 0', () => {
  const models = [randomQubo(4, 60, 0.2, 50), randomMaxCut(5, 120, 400), hugeQubo(6, 40)];
  for (const model of models) {
    for (const kind of kindsFor(model)) {
      const tabu = new TabuSearch(model, { seed: 3, moveIndex: kind, movesPerStep: 37, stagnation: 200 });
      let last = tabu.best();
      assert.equal(last.step, 0);
      assert.equal(last.cost, quadraticCost(model, last.assignment));
      for (let s = 0; s < 60; s++) {
        tabu.step();
        const best = tabu.best();
        assert.equal(best.cost, quadraticCost(model, best.assignment), `${kind}, floatExact ${model.floatExact}, step ${tabu.steps}`);
        assert.ok(best.cost <= last.cost, `${kind}: best rose from ${last.cost} to ${best.cost}`);
        if (best !== last) assert.equal(best.step, tabu.steps);
        last = best;
      }
      assert.ok(last.step > 0, `${kind}: improved on its random start`);
    }
  }
});

test('on a model beyond 2^53 the best is decided exactly: it matches a bigint recount and beats the start', () => {
  const model = hugeQubo(8, 10);
  assert.equal(model.floatExact, false);
  const tabu = new TabuSearch(model, { seed: 2, movesPerStep: 50 });
  const start = tabu.best().cost;
  for (let s = 0; s < 40; s++) tabu.step();
  assert.equal(tabu.best().cost, quadraticCost(model, tabu.best().assignment));
  assert.ok(tabu.best().cost < start);
  // The optimum up to the small terms: every large term is chosen right.
  const optimum = bruteForceMinimum(model);
  assert.ok(tabu.best().cost - optimum < 1n << 40n, `${tabu.best().cost} vs optimum ${optimum}`);
});

test('reaches the brute-force optimum of small models within a step budget', () => {
  for (let seed = 1; seed <= 6; seed++) {
    const models = [randomQubo(seed, 10 + seed, 0.5, 30), randomMaxCut(seed, 16, 40), randomQubo(100 + seed, 16, 0.3, 5)];
    for (const model of models) {
      const optimum = bruteForceMinimum(model);
      for (const kind of kindsFor(model)) {
        const tabu = new TabuSearch(model, { seed, moveIndex: kind, movesPerStep: 100 });
        for (let s = 0; s < 20 && tabu.best().cost > optimum; s++) tabu.step();
        assert.equal(tabu.best().cost, optimum, `${kind}, seed ${seed}, n ${model.n}`);
      }
    }
  }
});

test('a fixed seed gives the same run, whatever the moves per step', () => {
  const model = randomMaxCut(9, 300, 900);
  const run = (options: TabuOptions, steps: number) => {
    const tabu = new TabuSearch(model, { seed: 5, stagnation: 150, ...options });
    for (let s = 0; s < steps; s++) tabu.step();
    return { cost: tabu.best().cost, assignment: Array.from(tabu.best().assignment), evaluations: tabu.evaluations };
  };
  const a = run({ movesPerStep: 30 }, 100);
  assert.deepEqual(run({ movesPerStep: 30 }, 100), a);
  assert.deepEqual(run({ movesPerStep: 3000 }, 1), a);
  assert.notDeepEqual(run({ movesPerStep: 30, seed: 6 }, 100).assignment, a.assignment);
});

test('starts from the given assignment without changing it', () => {
  const model = randomQubo(12, 50, 0.2, 40);
  const rng = new Rng(1);
  const initial = Uint8Array.from({ length: 50 }, () => rng.below(2));
  const copy = initial.slice();
  const tabu = new TabuSearch(model, { seed: 1, initial, metricsOf: (cost) => ({ objective: -Number(cost) }) });
  assert.equal(tabu.best().cost, quadraticCost(model, initial));
  assert.deepEqual(Array.from(tabu.best().assignment), Array.from(initial));
  assert.deepEqual(tabu.best().metrics, { objective: -Number(quadraticCost(model, initial)) });
  tabu.step();
  assert.deepEqual(Array.from(initial), Array.from(copy));
  assert.ok(tabu.best().cost < quadraticCost(model, initial));
  assert.throws(() => new TabuSearch(model, { initial: new Uint8Array(3) }), RangeError);
});

test('keeps moving when every variable is tabu, and on empty and one-variable models', () => {
  const one = new QuadraticModelBuilder(1);
  one.addLinear(0, -4);
  const tabu = new TabuSearch(one.build(), { seed: 1, initial: Uint8Array.of(0), movesPerStep: 5 });
  tabu.step();
  assert.equal(tabu.best().cost, -4n);
  assert.equal(tabu.evaluations, 5);
  const empty = new TabuSearch(new QuadraticModelBuilder(0).build());
  empty.step();
  assert.equal(empty.steps, 1);
  assert.equal(empty.best().cost, 0n);
});

test('rejects tuning it cannot use', () => {
  const model = randomQubo(1, 10, 0.5, 5);
  assert.throws(() => new TabuSearch(model, { movesPerStep: 0 }), RangeError);
  assert.throws(() => new TabuSearch(model, { tenureBase: 1.5 }), RangeError);
  assert.throws(() => new TabuSearch(model, { perturbFraction: 1.5 }), RangeError);
});

test('the registry runs tabu and the hybrid on a quadratic problem to the optimum, with family metrics', async () => {
  const model = randomMaxCut(21, 16, 45);
  const optimum = bruteForceMinimum(model);
  const problem = { kind: 'quadratic' as const, model, metricsOf: (cost: bigint) => ({ cutWeight: -Number(cost) }) };
  for (const solver of ['tabu', 'hybrid'] as const) {
    const prepared = await createSession(problem, { solver, preset: 'default', seed: 4, backend: 'cpu' });
    const result = await runSolver(prepared.session, { maxSteps: 2000, targetCost: optimum }, { progressEvery: 0 });
    await prepared.dispose();
    assert.equal(result.reason, 'target_reached', solver);
    assert.equal(result.best.cost, optimum);
    assert.equal(quadraticCost(model, result.best.assignment), optimum);
    assert.deepEqual(result.best.metrics, { cutWeight: -Number(optimum) });
  }
});

test('the hybrid polishes with tabu from PolyStep’s best after the handover', async () => {
  const model = randomQubo(31, 80, 0.1, 50);
  const problem = { kind: 'quadratic' as const, model, metricsOf: () => ({}) };
  const prepared = await createSession(problem, { solver: 'hybrid', preset: 'default', seed: 2, backend: 'cpu' });
  const hybrid = prepared.session;
  for (let s = 0; s < 5000 && hybrid.phase === 'polystep'; s++) await hybrid.step();
  assert.equal(hybrid.phase, 'polish');
  const handedOver = hybrid.best().cost;
  const result = await runSolver(hybrid, { maxSteps: hybrid.steps + 50 }, { progressEvery: 0 });
  assert.ok(result.best.cost <= handedOver);
  assert.equal(quadraticCost(model, result.best.assignment), result.best.cost);
  // n = 80 is beyond brute force: a longer plain tabu run stands in for the optimum.
  const reference = new TabuSearch(model, { seed: 99 });
  for (let s = 0; s < 300; s++) reference.step();
  assert.ok(result.best.cost <= reference.best().cost, `hybrid ${result.best.cost}, tabu alone ${reference.best().cost}`);
});
