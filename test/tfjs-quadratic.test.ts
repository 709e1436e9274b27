// The tfjs quadratic program beyond conformance: both pair programs, exact float32 block sums, chunking, tensor hygiene.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchObjective } from '../src/backends/eval-backend.js';
import { TfjsBackend } from '../src/backends/tfjs/tfjs-backend.js';
import type { TfjsQuadraticObjective } from '../src/backends/tfjs/quadratic-program.js';
import { buildQuadraticModel } from '../src/problems/quadratic/model-builder.js';
import type { QuadraticModel } from '../src/problems/quadratic/model.js';
import { randomBatch, randomModel, referenceQuadratic, unitCutModel } from './support/random-model.js';

async function costs(backend: TfjsBackend, model: QuadraticModel, batch: Uint8Array, count: number): Promise<{ out: Float64Array; program: string }> {
  const objective = (await backend.prepare({ kind: 'quadratic', model }, { costScale: 'count' })) as BatchObjective & TfjsQuadraticObjective;
  try {
    const out = new Float64Array(count);
    await objective.evaluate(batch, count, out);
    return { out, program: objective.program };
  } finally {
    objective.dispose();
  }
}

test('the dense and the gather programs give identical quadratic costs, and auto picks by density', async () => {
  const auto = await TfjsBackend.create({ require: 'any' });
  const dense = await TfjsBackend.create({ require: 'any', quadraticLayout: 'dense' });
  const sparse = await TfjsBackend.create({ require: 'any', quadraticLayout: 'sparse' });
  const cases: [QuadraticModel, string][] = [
    [randomModel(1, { n: 60, density: 0.3, maxCoefficient: 1000, offset: 9n }), 'dense'],
    [randomModel(2, { n: 300, density: 0.004, maxCoefficient: 100 }), 'sparse'],
    [randomModel(3, { n: 50, density: 0.2, maxCoefficient: 2 ** 44 }), 'dense'],
  ];
  for (const [model, picked] of cases) {
    const batch = randomBatch(4, 45, model.n);
    const expected = referenceQuadratic(model, batch, 45, 'count');
    const a = await costs(auto, model, batch, 45);
    const d = await costs(dense, model, batch, 45);
    const s = await costs(sparse, model, batch, 45);
    assert.equal(a.program, picked);
    assert.equal(d.program, 'dense');
    assert.equal(s.program, 'sparse');
    assert.deepEqual(a.out, expected);
    assert.deepEqual(d.out, expected);
    assert.deepEqual(s.out, expected);
  }
});

test('digit sums that would pass 2^24 in float32 are cut into blocks and stay exact', async () => {
  // 79800 pairs of coefficient 255: the all-ones candidate sums 20 349 000 > 2^24, an odd count of
  // odd digits that float32 could not hold. The dense program refuses it; the gather cuts blocks.
  const n = 400;
  const all: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) all.push([i, j, 255]);
  all.push([0, 0, 1]);
  const model = buildQuadraticModel(n, all);
  const batch = new Uint8Array(3 * n);
  batch.fill(1, 0, n);
  batch.set(randomBatch(5, 1, n), 2 * n);
  for (const layout of ['auto', 'dense'] as const) {
    const backend = await TfjsBackend.create({ require: 'any', quadraticLayout: layout });
    const { out, program } = await costs(backend, model, batch, 3);
    assert.equal(program, 'sparse', 'no dense program past 2^24');
    assert.deepEqual(out, referenceQuadratic(model, batch, 3, 'count'));
    assert.equal(out[0], 255 * 79800 + 1);
  }
});

test('a tiny chunk budget splits candidates and terms yet gives identical quadratic costs', async () => {
  const roomy = await TfjsBackend.create({ require: 'any' });
  const tiny = await TfjsBackend.create({ require: 'any', chunkBytes: 4096 });
  for (const model of [unitCutModel(6, 200, 1200), randomModel(7, { n: 70, density: 0.4, maxCoefficient: 50, offset: -4n })]) {
    const batch = randomBatch(8, 77, model.n);
    const a = await costs(roomy, model, batch, 77);
    const b = await costs(tiny, model, batch, 77);
    assert.deepEqual(a.out, referenceQuadratic(model, batch, 77, 'count'));
    assert.deepEqual(b.out, a.out);
  }
});

test('the tensor count stays flat across quadratic evaluations and dispose frees the model tensors', async () => {
  const backend = await TfjsBackend.create({ require: 'any' });
  const tf = backend.loaded.tf;
  const before = tf.memory().numTensors;
  for (const model of [unitCutModel(9, 300, 2000), randomModel(10, { n: 40, density: 0.5, maxCoefficient: 9 })]) {
    const objective = await backend.prepare({ kind: 'quadratic', model });
    const batch = randomBatch(11, 20, model.n);
    const out = new Float64Array(20);
    await objective.evaluate(batch, 20, out);
    const held = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await objective.evaluate(batch, 20, out);
    assert.equal(tf.memory().numTensors, held);
    objective.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  await backend.dispose();
});
