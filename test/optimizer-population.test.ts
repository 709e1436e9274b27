import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import {
  initPopulation,
  populationStep,
  runPopulation,
  type Objective,
  type PopulationConfig,
  type PopulationState,
} from '../src/optimizer/population.js';

type PointFn = (x: Float64Array, off: number, dim: number) => number;

const batched = (f: PointFn, dim: number): Objective => (points, count, out) => {
  for (let b = 0; b < count; b++) out[b] = f(points, b * dim, dim);
};

const sphere: PointFn = (x, o, d) => {
  let s = 0;
  for (let j = 0; j < d; j++) s += x[o + j] ** 2;
  return s;
};

const ackley: PointFn = (x, o, d) => {
  let sq = 0;
  let cs = 0;
  for (let j = 0; j < d; j++) {
    sq += x[o + j] ** 2;
    cs += Math.cos(2 * Math.PI * x[o + j]);
  }
  return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cs / d) + 20 + Math.E;
};

const rastrigin: PointFn = (x, o, d) => {
  let s = 10 * d;
  for (let j = 0; j < d; j++) s += x[o + j] ** 2 - 10 * Math.cos(2 * Math.PI * x[o + j]);
  return s;
};

const rosenbrock: PointFn = (x, o, d) => {
  let s = 0;
  for (let j = 0; j + 1 < d; j++) s += 100 * (x[o + j + 1] - x[o + j] ** 2) ** 2 + (1 - x[o + j]) ** 2;
  return s;
};

/** X0 = 3·N(0,1) from a seeded generator, as in the reference suite. */
function initialParticles(P: number, dim: number, seed = 42): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: P * dim }, () => 3 * rng.normal());
}

function meanDistance(x: Float64Array, P: number, dim: number, optimum: number): number {
  let total = 0;
  for (let i = 0; i < P; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (x[i * dim + j] - optimum) ** 2;
    total += Math.sqrt(s);
  }
  return total / P;
}

const SUITE: Partial<PopulationConfig> = { epsilon: 0.5, numProbe: 5, maxIterations: 100, minIterations: 10 };

interface Observed {
  readonly state: PopulationState;
  readonly firstCost: number;
  readonly lastCost: number;
  readonly d0: number;
  readonly d1: number;
}

function solve(f: PointFn, P: number, dim: number, optimum: number, config: Partial<PopulationConfig>): Observed {
  const x0 = initialParticles(P, dim);
  const { state } = runPopulation(x0, P, dim, config, 42, batched(f, dim));
  return {
    state,
    firstCost: state.costs[0],
    lastCost: state.costs[state.costs.length - 1],
    d0: meanDistance(x0, P, dim, optimum),
    d1: meanDistance(state.x, P, dim, optimum),
  };
}

test('sphere 2D halves the mean distance to the optimum', () => {
  const r = solve(sphere, 50, 2, 0, SUITE);
  assert.ok(r.d1 < 0.5 * r.d0, `distance ${r.d0} → ${r.d1} after ${r.state.t} steps`);
  assert.ok(r.lastCost < r.firstCost, `cost ${r.firstCost} → ${r.lastCost}`);
});

test('ackley 2D lowers the cost and the distance to the optimum', () => {
  const r = solve(ackley, 50, 2, 0, SUITE);
  assert.ok(r.lastCost < r.firstCost, `cost ${r.firstCost} → ${r.lastCost}`);
  assert.ok(r.d1 < r.d0, `distance ${r.d0} → ${r.d1}`);
});

test('rastrigin 2D lowers the cost and the distance to the optimum', () => {
  const r = solve(rastrigin, 50, 2, 0, SUITE);
  assert.ok(r.lastCost < r.firstCost, `cost ${r.firstCost} → ${r.lastCost}`);
  assert.ok(r.d1 < r.d0, `distance ${r.d0} → ${r.d1}`);
});

test('rosenbrock 2D with half radii moves towards (1, 1)', () => {
  const r = solve(rosenbrock, 50, 2, 1, { ...SUITE, stepRadius: 0.5, probeRadius: 1.0 });
  assert.ok(r.lastCost < r.firstCost, `cost ${r.firstCost} → ${r.lastCost}`);
  assert.ok(r.d1 < r.d0, `distance ${r.d0} → ${r.d1}`);
});

test('ackley 10D with 20 particles improves within 25 iterations', () => {
  const config = { ...SUITE, epsilon: 1.0, stepRadius: 0.5, probeRadius: 1.0, maxIterations: 25 };
  const r = solve(ackley, 20, 10, 0, config);
  assert.ok(r.lastCost < r.firstCost, `cost ${r.firstCost} → ${r.lastCost}`);
  assert.ok(r.d1 < r.d0, `distance ${r.d0} → ${r.d1}`);
});

test('thirty steps on every test function keep particles, costs, displacements and duals finite', () => {
  const cases: [PointFn, Partial<PopulationConfig>][] = [
    [sphere, SUITE],
    [ackley, SUITE],
    [rastrigin, SUITE],
    [rosenbrock, { ...SUITE, stepRadius: 0.5, probeRadius: 1.0 }],
  ];
  for (const [f, config] of cases) {
    const state = initPopulation(initialParticles(50, 2), 50, 2, config, 42);
    for (let n = 0; n < 30; n++) populationStep(state, batched(f, 2));
    assert.ok(state.x.every(Number.isFinite));
    assert.equal(state.costs.length, 30);
    assert.ok(state.costs.every(Number.isFinite) && state.distances.every(Number.isFinite));
    assert.ok(state.duals !== null && state.duals.f.every(Number.isFinite) && state.duals.g.every(Number.isFinite));
  }
});

test('a linear epsilon schedule on sphere 2D decays epsilon and still converges', () => {
  const config = { ...SUITE, epsilon: { kind: 'linear', init: 1, target: 0.05, decay: 0.01 }, maxIterations: 80 } as const;
  const r = solve(sphere, 50, 2, 0, config);
  assert.ok(r.state.epsilon < 1, `final epsilon ${r.state.epsilon}`);
  assert.ok(r.lastCost < r.firstCost, `cost ${r.firstCost} → ${r.lastCost}`);
  assert.ok(r.d1 < r.d0, `distance ${r.d0} → ${r.d1}`);
});

test('the same seed gives identical trajectories and another seed a different one', () => {
  const trajectory = (seed: number): number[] => {
    const state = initPopulation(initialParticles(10, 3), 10, 3, SUITE, seed);
    const xs: number[] = [];
    for (let n = 0; n < 8; n++) xs.push(...populationStep(state, batched(rastrigin, 3)).x);
    return xs;
  };
  assert.deepEqual(trajectory(7), trajectory(7));
  assert.notDeepEqual(trajectory(7), trajectory(8));
});

test('a cloned state resumes exactly where the original continues', () => {
  const state = initPopulation(initialParticles(8, 2), 8, 2, SUITE, 3);
  for (let n = 0; n < 4; n++) populationStep(state, batched(ackley, 2));
  const copy = structuredClone(state);
  for (let n = 0; n < 4; n++) {
    populationStep(state, batched(ackley, 2));
    populationStep(copy, batched(ackley, 2));
  }
  assert.deepEqual(Array.from(copy.x), Array.from(state.x));
  assert.deepEqual(copy.costs, state.costs);
});

test('probes are evaluated particle-major at k/(K+1) of the probe radius', () => {
  const P = 3;
  const dim = 2;
  const x0 = Float64Array.of(0, 0, 10, 10, -5, 2);
  const state = initPopulation(x0, P, dim, { epsilon: 0.5, probeRadius: 2, numProbe: 3 }, 1);
  let seen = 0;
  populationStep(state, (points, count, out) => {
    seen = count;
    for (let g = 0; g < count; g++) {
      const i = Math.floor(g / (4 * 3));
      const k = g % 3;
      const r = Math.hypot(points[g * dim] - x0[i * dim], points[g * dim + 1] - x0[i * dim + 1]);
      assert.ok(Math.abs(r - ((k + 1) / 4) * 2 * 0.5) < 1e-12, `probe ${g} at ${r}`);
      out[g] = 1;
    }
  });
  assert.equal(seen, P * 4 * 3);
});

test('non-finite objective values never leak into particles or costs', () => {
  const nasty: Objective = (points, count, out) => {
    for (let g = 0; g < count; g++) out[g] = g % 3 === 0 ? Number.NaN : g % 5 === 0 ? Infinity : sphere(points, g * 2, 2);
  };
  for (const solver of ['sinkhorn', 'softmax'] as const) {
    const state = initPopulation(initialParticles(10, 2), 10, 2, { ...SUITE, solver }, 5);
    for (let n = 0; n < 10; n++) populationStep(state, nasty);
    assert.ok(state.x.every(Number.isFinite) && state.costs.every(Number.isFinite));
  }
});

test('the softmax solver also converges on sphere 2D and keeps no duals', () => {
  const r = solve(sphere, 50, 2, 0, { ...SUITE, solver: 'softmax' });
  assert.ok(r.d1 < 0.5 * r.d0, `distance ${r.d0} → ${r.d1}`);
  assert.equal(r.state.duals, null);
});

test('run stops after min iterations once the displacement stalls', () => {
  const flat: Objective = (_p, count, out) => out.fill(1, 0, count);
  const run = runPopulation(initialParticles(5, 2), 5, 2, { maxIterations: 50, minIterations: 5 }, 1, flat);
  assert.equal(run.stopReason, 'stalled');
  assert.equal(run.iterations, 6);
});

test('invalid shapes and settings are rejected', () => {
  const x = new Float64Array(4);
  assert.throws(() => initPopulation(x, 2, 3), RangeError);
  assert.throws(() => initPopulation(x, 0, 4), RangeError);
  assert.throws(() => initPopulation(x, 2, 2, { numProbe: 0 }), RangeError);
  assert.throws(() => initPopulation(x, 2, 2, { stepRadius: -1 }), RangeError);
  const state = initPopulation(x, 2, 2, { epsilon: 0 });
  assert.throws(() => populationStep(state, (_p, n, out) => out.fill(0, 0, n)), RangeError);
});
