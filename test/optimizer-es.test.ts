import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PolyStepES, minimize } from '../src/optimizer/polystep-es.js';

const sphere = (x: Float64Array): number => x.reduce((s, v) => s + v * v, 0);

test('popsize is particles times twice the dimension and ask returns popsize rows of dim', () => {
  const es = new PolyStepES(5, { numParticles: 3, seed: 1 });
  assert.equal(es.popsize, 30);
  assert.equal(es.ask().length, 30 * 5);
});

test('telling before asking and asking twice are errors', () => {
  const es = new PolyStepES(3);
  assert.throws(() => es.tell(new Float64Array(6)), /before ask/);
  es.ask();
  assert.throws(() => es.ask(), /twice/);
  assert.throws(() => es.tell(new Float64Array(5)), RangeError);
});

test('invalid constructor arguments raise range errors', () => {
  assert.throws(() => new PolyStepES(0), RangeError);
  assert.throws(() => new PolyStepES(3, { numParticles: 0 }), RangeError);
  assert.throws(() => new PolyStepES(3, { epsilon: 0 }), RangeError);
  assert.throws(() => new PolyStepES(3, { epsilon: -1 }), RangeError);
  assert.throws(() => new PolyStepES(3, { stepRadius: -0.1 }), RangeError);
  assert.throws(() => new PolyStepES(3, { stepRadius: Infinity }), RangeError);
  assert.throws(() => new PolyStepES(3, { numParticles: 2, x0: new Float64Array(9) }), RangeError);
});

test('sinkhorn with a single particle warns that it cannot move', () => {
  const warnings: string[] = [];
  new PolyStepES(4, { solver: 'sinkhorn', onWarning: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
  new PolyStepES(4, { solver: 'sinkhorn', numParticles: 2, onWarning: (m) => warnings.push(m) });
  new PolyStepES(4, { onWarning: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
});

test('asked candidates sit at the step radius around their particle', () => {
  const x0 = Float64Array.of(1, 2, 3, -4, -5, -6);
  const es = new PolyStepES(3, { numParticles: 2, stepRadius: 0.7, x0, seed: 9 });
  const y = es.ask();
  for (let g = 0; g < es.popsize; g++) {
    const i = Math.floor(g / 6);
    const r = Math.hypot(y[g * 3] - x0[i * 3], y[g * 3 + 1] - x0[i * 3 + 1], y[g * 3 + 2] - x0[i * 3 + 2]);
    assert.ok(Math.abs(r - 0.7) < 1e-12);
  }
});

test('minimize on sphere 8D from 2·1 gets the best below 1 and the mean below 4', () => {
  const r = minimize(sphere, 8, { steps: 150, stepRadius: 0.3, epsilon: 0.1, x0: 2, seed: 0 });
  assert.ok(r.bestFitness < 1.0, `best ${r.bestFitness}`);
  assert.ok(sphere(r.mean) < 4.0, `mean ${sphere(r.mean)}`);
  assert.equal(r.evaluations, 150 * 16);
  assert.ok(Math.abs(sphere(r.bestSolution) - r.bestFitness) < 1e-12);
});

test('the sinkhorn variant with two particles improves on its start', () => {
  const start = sphere(new Float64Array(6).fill(1.5));
  const r = minimize(sphere, 6, { steps: 40, numParticles: 2, solver: 'sinkhorn', x0: 1.5, seed: 0 });
  assert.ok(Number.isFinite(r.bestFitness) && r.mean.every(Number.isFinite));
  assert.ok(r.bestFitness < start, `best ${r.bestFitness} vs start ${start}`);
  assert.ok(sphere(r.mean) < start, `mean ${sphere(r.mean)} vs start ${start}`);
});

test('the same seed gives identical runs and a restored state continues identically', () => {
  const a = minimize(sphere, 4, { steps: 20, numParticles: 2, x0: 1, seed: 5 });
  const b = minimize(sphere, 4, { steps: 20, numParticles: 2, x0: 1, seed: 5 });
  assert.deepEqual(Array.from(a.mean), Array.from(b.mean));
  const es = new PolyStepES(4, { numParticles: 2, x0: 1, seed: 5 });
  const twin = new PolyStepES(structuredClone(es.state));
  for (const run of [es, twin]) {
    for (let n = 0; n < 5; n++) {
      const y = run.ask();
      run.tell(Array.from({ length: run.popsize }, (_, g) => sphere(y.subarray(g * 4, g * 4 + 4))));
    }
  }
  assert.deepEqual(Array.from(twin.mean), Array.from(es.mean));
});

test('non-finite fitness values are ignored for the best and never move a particle to NaN', () => {
  const es = new PolyStepES(2, { seed: 2 });
  const y = es.ask();
  const fitness = Float64Array.from({ length: es.popsize }, (_, g) => (g === 0 ? Number.NaN : sphere(y.subarray(g * 2, g * 2 + 2))));
  es.tell(fitness);
  assert.ok(es.mean.every(Number.isFinite));
  assert.ok(Number.isFinite(es.bestFitness));
});
