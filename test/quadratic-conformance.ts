// The quadratic half of the backend conformance suite: batch costs of binary quadratic models against quadraticCost.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BatchObjective, EvalBackend } from '../src/backends/eval-backend.js';
import type { CostScale } from '../src/problems/maxsat/steering.js';
import { buildQuadraticModel } from '../src/problems/quadratic/model-builder.js';
import type { QuadraticModel } from '../src/problems/quadratic/model.js';
import { quadraticNormalizer } from '../src/problems/quadratic/steering.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { magnitude, randomBatch, randomModel, referenceQuadratic, unitCutModel } from './support/random-model.js';

const BATCH_SIZES = [1, 2, 31, 32, 33, 64, 100, 256];
const SCALES: CostScale[] = ['fraction', 'count'];

/** Bit-for-bit the reference: a floatExact model's costs are exact integers before the one division. */
function assertExact(actual: Float64Array, expected: Float64Array, count: number, what: string): void {
  for (let j = 0; j < count; j++) {
    if (!Object.is(actual[j], expected[j])) assert.fail(`${what}: candidate ${j} of ${count} cost ${actual[j]}, reference ${expected[j]}`);
  }
}

function terms(model: QuadraticModel): number {
  return model.linearExact.filter((c) => c !== 0n).length + model.pairQ.length;
}

/** Scores random batches of each size (or the given batches) and checks them bit for bit. */
async function checkModel(backend: EvalBackend, model: QuadraticModel, counts: number[], scale: CostScale, what: string, seed = 1, given?: Uint8Array): Promise<void> {
  assert.ok(model.floatExact, `${what}: the exact check needs a floatExact model`);
  const objective = await backend.prepare({ kind: 'quadratic', model }, { costScale: scale });
  try {
    assert.equal(objective.numVars, model.n);
    assert.equal(objective.terms, terms(model));
    for (const count of counts) {
      const batch = given ?? randomBatch(seed * 1000 + count, count, model.n);
      const out = new Float64Array(count);
      await objective.evaluate(batch, count, out);
      assertExact(out, referenceQuadratic(model, batch, count, scale), count, `${what}, ${scale}, P = ${count}`);
    }
  } finally {
    objective.dispose();
  }
}

/** Runs inside the backend's describe block, so every backend that takes the suite takes these too. */
export function quadraticConformance(withBackend: (body: (backend: EvalBackend) => Promise<void>) => Promise<void>): void {
  test('quadratic costs equal quadraticCost exactly on random sparse and dense models at every batch size', async () => {
    await withBackend(async (backend) => {
      const models: [string, QuadraticModel][] = [
        ['sparse, 37 vars', randomModel(81, { n: 37, density: 0.08, maxCoefficient: 100, offset: 17n })],
        ['dense, 40 vars', randomModel(82, { n: 40, density: 0.6, maxCoefficient: 100, offset: -1000n })],
        ['dense, 64 vars, wide coefficients', randomModel(83, { n: 64, density: 0.3, maxCoefficient: 2 ** 40, linearShare: 1 })],
        ['unit Max-Cut, 120 nodes', unitCutModel(84, 120, 900)],
      ];
      for (const [what, model] of models) for (const scale of SCALES) await checkModel(backend, model, BATCH_SIZES, scale, what, 81);
    });
  });

  test('quadratic costs stay exact on bigger models, a large batch, shared multi-digit coefficients and sums near 2^53', async () => {
    await withBackend(async (backend) => {
      await checkModel(backend, unitCutModel(91, 800, 6000), [1, 97, 1000], 'fraction', 'unit Max-Cut, 800 nodes');
      await checkModel(backend, randomModel(92, { n: 250, density: 0.1, maxCoefficient: 100 }), [64, 300], 'count', 'bqp-like');
      await checkModel(backend, randomModel(93, { n: 3000, density: 0.0008, maxCoefficient: 10, linearShare: 0.3 }), [33], 'fraction', 'sparse, 3000 vars');
      // One coefficient shared by every pair: counted under its own weight, not per digit.
      const shared = buildQuadraticModel(300, Array.from({ length: 2000 }, (_, k) => [k % 300, (k % 300 + 1 + Math.floor(k / 300)) % 300, 93] as const));
      await checkModel(backend, shared, [40, 256], 'count', 'one shared coefficient');
      // Σ|c| ≈ 0.97·2^53 from c = 2^48 and c = 3·2^46 + odd: their NAF digits (2^48 − 2^46 + …) sum to
      // 1.3·2^53, and where 2^48 is counted first a partial sum would pass 2^53 for the all-ones candidate.
      const near: [number, number, number][] = [[0, 1, 2 ** 48]];
      for (let i = 0, t = 0; i < 12; i++) for (let j = i + 1; j < 12 && near.length < 41; j++, t++) if (i > 0 || j > 1) near.push([i, j, 3 * 2 ** 46 + 2 * t + 1]);
      const corners = new Uint8Array(3 * 12);
      corners.fill(1, 0, 12);
      corners.set(randomBatch(94, 1, 12), 24);
      await checkModel(backend, buildQuadraticModel(12, near), [3], 'count', 'sums near 2^53', 1, corners);
    });
  });

  test('empty models, a model without terms and a single variable are scored', async () => {
    await withBackend(async (backend) => {
      for (const scale of SCALES) {
        await checkModel(backend, buildQuadraticModel(0, [], 5n), [1, 33], scale, 'no variables');
        await checkModel(backend, buildQuadraticModel(6, [], -3n), [1, 40], scale, 'no terms');
        await checkModel(backend, buildQuadraticModel(1, [[0, 0, -7]], 2n), [1, 2, 65], scale, 'one variable');
        await checkModel(backend, buildQuadraticModel(2, [[0, 1, 5]]), [3], scale, 'one pair, no linear term');
      }
    });
  });

  test('a model with coefficients beyond 2^53 gives finite, deterministic costs close to the exact ones', async () => {
    await withBackend(async (backend) => {
      const model = randomModel(101, { n: 45, density: 0.2, maxCoefficient: 2n ** 62n, offset: 2n ** 61n + 1n });
      assert.ok(!model.floatExact);
      for (const scale of SCALES) {
        const objective = await backend.prepare({ kind: 'quadratic', model }, { costScale: scale });
        const batch = randomBatch(102, 70, model.n);
        const out = new Float64Array(70);
        const again = new Float64Array(70);
        await objective.evaluate(batch, 70, out);
        await objective.evaluate(batch, 70, again);
        objective.dispose();
        assert.deepEqual(again, out, 'deterministic');
        const expected = referenceQuadratic(model, batch, 70, scale);
        const tolerance = (1e-12 * magnitude(model)) / quadraticNormalizer(model, scale);
        for (let j = 0; j < 70; j++) {
          assert.ok(Number.isFinite(out[j]), `candidate ${j}: ${out[j]}`);
          assert.ok(Math.abs(out[j] - expected[j]) <= tolerance, `${scale}, candidate ${j}: ${out[j]} vs ${expected[j]} (±${tolerance})`);
        }
      }
    });
  });

  test('a quadratic and a clause objective coexist, also when their evaluations overlap', async () => {
    await withBackend(async (backend) => {
      const a = unitCutModel(111, 500, 4000);
      const b = randomModel(112, { n: 90, density: 0.3, maxCoefficient: 1000, offset: 3n });
      const objA = await backend.prepare({ kind: 'quadratic', model: a }, { costScale: 'count' });
      const objB: BatchObjective = await backend.prepare({ kind: 'quadratic', model: b });
      const objC = await backend.prepare({ kind: 'clauses', inst: generateRandomKSat({ numVars: 300, seed: 113 }) });
      const batchA = randomBatch(114, 200, a.n);
      const batchB = randomBatch(115, 150, b.n);
      const [outA, outA2, outB] = [new Float64Array(200), new Float64Array(200), new Float64Array(150)];
      await Promise.all([
        objA.evaluate(batchA, 200, outA),
        objB.evaluate(batchB, 150, outB),
        objC.evaluate(randomBatch(116, 50, 300), 50, new Float64Array(50)),
        objA.evaluate(batchA, 200, outA2),
      ]);
      assertExact(outA, referenceQuadratic(a, batchA, 200, 'count'), 200, 'first objective');
      assertExact(outB, referenceQuadratic(b, batchB, 150, 'fraction'), 150, 'second objective');
      assert.deepEqual(outA2, outA);
      objA.dispose();
      objC.dispose();
      await objB.evaluate(batchB, 150, outB);
      assertExact(outB, referenceQuadratic(b, batchB, 150, 'fraction'), 150, 'second objective after the others were disposed');
      objB.dispose();
    });
  });
}
