import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockObjectiveOf } from '../src/optimizer/block-objective.js';
import { askBlock, blockStep, initBlock, tellBlock } from '../src/optimizer/block-optimizer.js';
import { withDefaults, type PolyStepConfig } from '../src/optimizer/config.js';

const sphere = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);
const x0 = () => Float64Array.from({ length: 10 }, (_, i) => 1 + 0.1 * i);

function run(config: Partial<PolyStepConfig>, steps: number, seed = 3) {
  const state = initBlock(x0(), withDefaults({ solver: 'softmax', epsilon: 0.5, ...config }), seed);
  const objective = blockObjectiveOf(10, sphere);
  const metrics = Array.from({ length: steps }, () => blockStep(state, objective));
  return { state, metrics };
}

test('one step returns a finite cost, moves the point and advances t by one', () => {
  const { state, metrics } = run({}, 1);
  assert.ok(Number.isFinite(metrics[0].cost));
  assert.equal(state.t, 1);
  assert.notDeepEqual(Array.from(state.x.subarray(0, 10)), Array.from(x0()));
  assert.equal(metrics[0].evaluations, 5 * 4);
  assert.equal(run({}, 5).metrics.filter((m) => Number.isFinite(m.cost)).length, 5);
});

test('the same seed gives identical costs and points; another seed does not', () => {
  const a = run({}, 3);
  const b = run({}, 3);
  assert.deepEqual(a.metrics.map((m) => m.cost), b.metrics.map((m) => m.cost));
  assert.deepEqual(a.state.x, b.state.x);
  assert.notDeepEqual(run({}, 3, 4).state.x, a.state.x);
});

test('a cloned state continues exactly like the original', () => {
  const { state } = run({ useMomentum: true, amortizeSteps: 3 }, 4);
  const copy = structuredClone(state);
  const objective = blockObjectiveOf(10, sphere);
  for (let i = 0; i < 5; i++) assert.deepEqual(blockStep(copy, objective), blockStep(state, objective));
  assert.deepEqual(copy.x, state.x);
});

test('particleDim sets the vertex count and bad settings are refused', () => {
  assert.equal(initBlock(x0(), withDefaults({ particleDim: 4 }), 1).vertices, 8);
  assert.equal(initBlock(x0(), withDefaults({ particleDim: 8 }), 1).vertices, 16);
  assert.throws(() => initBlock(x0(), withDefaults({ particleDim: 1 }), 1), RangeError);
  assert.throws(() => initBlock(x0(), withDefaults({ numProbe: 0 }), 1), RangeError);
  assert.throws(() => initBlock(x0(), withDefaults({ probeRadiusJitter: 1 }), 1), RangeError);
  const warnings: string[] = [];
  initBlock(x0(), withDefaults({ polytopeType: 'cube', particleDim: 8 }), 1, (w) => warnings.push(w));
  assert.equal(warnings.length, 1);
});

test('probe radius jitter stays within its band and jitter 0 draws no extra randomness', () => {
  const { metrics } = run({ probeRadiusJitter: 0.3, probeRadius: 2 }, 30);
  for (const m of metrics) assert.ok(m.probeRadius >= 0.7 * 2 * 0.5 - 1e-12 && m.probeRadius <= 1.3 * 2 * 0.5 + 1e-12);
  assert.ok(new Set(metrics.map((m) => m.probeRadius)).size > 20);
  assert.deepEqual(run({ probeRadiusJitter: 0 }, 3).state.rng, run({}, 3).state.rng);
});

test('amortisation coasts by 2/3 then 1/3 of D without evaluating; A = 1 never keeps a D', () => {
  const { state, metrics } = run({ amortizeSteps: 3 }, 7);
  assert.deepEqual(metrics.map((m) => m.coast), [false, true, true, false, true, true, false]);
  assert.deepEqual(metrics.map((m) => m.evaluations > 0), [true, false, false, true, false, false, true]);
  assert.equal(metrics[1].cost, metrics[0].cost);
  assert.ok(state.direction !== null);
  const coastMoves = [metrics[4].displacement, metrics[5].displacement];
  assert.ok(Math.abs(coastMoves[0] / coastMoves[1] - 4) < 1e-9, 'squared moves of 2/3·D and 1/3·D differ by 4×');
  assert.equal(run({ amortizeSteps: 1 }, 5).state.direction, null);
});

test('momentum changes the trajectory and leaves a non-zero velocity', () => {
  const plain = run({ useMomentum: false }, 6);
  const heavy = run({ useMomentum: true }, 6);
  assert.notDeepEqual(heavy.state.x, plain.state.x);
  assert.ok(heavy.state.velocity !== null && heavy.state.velocity.some((v) => v !== 0));
});

test('softmax and Sinkhorn weights both descend the sphere, and a float ε stays constant', () => {
  for (const solver of ['softmax', 'sinkhorn'] as const) {
    const { metrics } = run({ solver, epsilon: 0.1, stepRadius: 2, probeRadius: 2 }, 60);
    assert.ok(metrics[59].cost < 0.5 * metrics[0].cost, `${solver}: ${metrics[0].cost} → ${metrics[59].cost}`);
    assert.ok(metrics.every((m) => m.epsilon === 0.1));
  }
});

test('non-finite costs are tamed and a non-finite move is reverted', () => {
  const state = initBlock(x0(), withDefaults({ solver: 'softmax', epsilon: 0.5 }), 1);
  const blowUp = blockObjectiveOf(10, (x) => (x[0] > 1 ? Number.POSITIVE_INFINITY : sphere(x)));
  const m = blockStep(state, blowUp);
  assert.ok(Number.isFinite(m.cost) && state.x.every(Number.isFinite));
  const huge = new Float64Array(10).fill(1.7e308);
  const overflow = initBlock(huge, withDefaults({ solver: 'softmax', epsilon: 1, stepRadius: 1.7e308, probeRadius: 1 }), 1);
  const linear = blockObjectiveOf(10, (x) => -x.reduce((s, v) => s + v / 1e300, 0));
  const reverted = blockStep(overflow, linear);
  assert.deepEqual(Array.from(overflow.x), Array.from(huge));
  assert.equal(reverted.displacement, 0);
});

test('ask/tell with costs computed by the caller matches blockStep, and misuse is refused', () => {
  const config = withDefaults({ solver: 'softmax', epsilon: 0.5, amortizeSteps: 2, useMomentum: true });
  const viaStep = initBlock(x0(), config, 8);
  const viaAsk = initBlock(x0(), config, 8);
  const objective = blockObjectiveOf(10, sphere);
  for (let s = 0; s < 6; s++) {
    const expected = blockStep(viaStep, objective);
    const ask = askBlock(viaAsk);
    if (ask.kind === 'evaluate') {
      const V = viaAsk.vertices;
      for (let i = 0; i < viaAsk.particles; i++) {
        for (let v = 0; v < V; v++) {
          const z = Float64Array.from(viaAsk.x.subarray(0, 10));
          for (let d = 0; d < 2; d++) z[2 * i + d] += 0.5 * ask.probeRadius * ask.directions[(i * V + v) * 2 + d];
          ask.costs[i * V + v] = sphere(z);
        }
      }
    }
    assert.deepEqual(tellBlock(viaAsk, ask), expected);
  }
  assert.deepEqual(viaAsk.x, viaStep.x);
  askBlock(viaAsk);
  assert.throws(() => askBlock(viaAsk), /twice/);
  assert.throws(() => tellBlock(initBlock(x0(), config, 1), { kind: 'coast' }), /before/);
});
