// Tests every EvalBackend must pass: costs equal to the reference evaluator (clauses here, quadratic models in quadratic-conformance.ts), buffer reuse, lifecycle.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PyRandom } from '../src/common/py-random.js';
import type { BatchObjective, EvalBackend } from '../src/backends/eval-backend.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import type { CostScale } from '../src/problems/maxsat/steering.js';
import { quadraticConformance } from './quadratic-conformance.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';
import { referenceCosts } from './support/reference-eval.js';

/** Not multiples of 8, 32 or 64 on purpose (P = 1 included): chunking must not show. */
const BATCH_SIZES = [1, 2, 31, 32, 33, 64, 100, 256];
const SCALES: CostScale[] = ['fraction', 'count'];
const KINDS: InstanceKind[] = ['unweighted', 'weighted', 'partial'];

/** Candidate bytes; true is any non-zero byte, not just 1. */
function randomBatch(seed: number, count: number, numVars: number): Uint8Array {
  const rng = new PyRandom(seed);
  return Uint8Array.from({ length: count * numVars }, () => (rng.random() < 0.5 ? 0 : 1 + rng.randbelow(255)));
}

/** Hard clauses and a few repeated soft weights, clause lengths 0–4: long runs of equal weight and width. */
function fewWeights(seed: number, numVars: number, numClauses: number): MaxSatInstance {
  const rng = new PyRandom(seed);
  const b = new InstanceBuilder();
  for (let c = 0; c < numClauses; c++) {
    const len = rng.random() < 0.01 ? 0 : 1 + rng.randbelow(4);
    for (let k = 0; k < len; k++) b.addLiteral((1 + rng.randbelow(numVars)) * (rng.random() < 0.5 ? 1 : -1));
    b.endClause(rng.random() < 0.2, [1, 7, 1000][rng.randbelow(3)]);
  }
  return b.seal({ format: 'wcnf', numVars });
}

/** Hard (¬a ∨ ¬b) clauses (the pair counting path, as for quadratic terms) under soft unit clauses. */
function atMostOnePairs(seed: number, numVars: number, pairs: number): MaxSatInstance {
  const rng = new PyRandom(seed);
  const b = new InstanceBuilder();
  for (let c = 0; c < pairs; c++) {
    const x = 1 + rng.randbelow(numVars);
    b.addLiteral(-x);
    b.addLiteral(-(1 + ((x + rng.randbelow(numVars - 1)) % numVars)));
    b.endClause(true, 0);
  }
  for (let v = 1; v <= numVars; v++) {
    b.addLiteral(v);
    b.endClause(false, 1 + rng.randbelow(3));
  }
  return b.seal({ format: 'wcnf', numVars });
}

function assertClose(actual: Float64Array, expected: Float64Array, count: number, what: string): void {
  for (let j = 0; j < count; j++) {
    const tol = 1e-9 * Math.max(1, Math.abs(expected[j]));
    if (!(Math.abs(actual[j] - expected[j]) <= tol)) {
      assert.fail(`${what}: candidate ${j} of ${count} cost ${actual[j]}, reference ${expected[j]}`);
    }
  }
}

async function withBackend(make: () => Promise<EvalBackend>, body: (backend: EvalBackend) => Promise<void>): Promise<void> {
  const backend = await make();
  try {
    await body(backend);
  } finally {
    await backend.dispose();
  }
}

/** Prepares, scores `counts` random batches against the reference, disposes. */
async function check(backend: EvalBackend, inst: MaxSatInstance, counts: number[], scale: CostScale, what: string, seed = 1): Promise<void> {
  const objective = await backend.prepare({ kind: 'clauses', inst }, { costScale: scale });
  try {
    assert.equal(objective.numVars, inst.numVars);
    assert.equal(objective.terms, inst.numClauses);
    for (const count of counts) {
      const batch = randomBatch(seed * 1000 + count, count, inst.numVars);
      const out = new Float64Array(count);
      await objective.evaluate(batch, count, out);
      assertClose(out, referenceCosts(inst, batch, count, scale), count, `${what}, ${scale}, P = ${count}`);
    }
  } finally {
    objective.dispose();
  }
}

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

export function runConformance(name: string, make: () => Promise<EvalBackend>): void {
  describe(`${name} backend conformance`, () => {
    test('costs equal the reference on random unweighted, weighted and partial instances at every batch size', async () => {
      await withBackend(make, async (backend) => {
        for (const kind of KINDS) {
          // 37 variables: rows that are not whole 32-bit words; 40: rows that are.
          for (const [seed, numVars] of [[11, 37], [12, 40]]) {
            const inst = randomInstance(seed, { numVars, numClauses: 160, kind, maxClauseLength: 12 });
            for (const scale of SCALES) await check(backend, inst, BATCH_SIZES, scale, `${kind} seed ${seed}`, seed);
          }
        }
      });
    });

    test('costs equal the reference on larger instances with long runs of equal weight and width', async () => {
      await withBackend(make, async (backend) => {
        await check(backend, generateRandomKSat({ numVars: 2000, seed: 7 }), [33, 256], 'fraction', 'random 3-SAT');
        await check(backend, generateRandomKSat({ numVars: 1001, seed: 8, weighted: { maxWeight: 5 } }), [64, 100], 'count', 'weighted 3-SAT');
        await check(backend, fewWeights(9, 501, 3000), [1, 97, 256], 'fraction', 'partial, few weights');
        await check(backend, generateRandomKSat({ numVars: 300, k: 12, seed: 10 }), [65], 'count', 'random 12-SAT');
        await check(backend, atMostOnePairs(11, 400, 3000), [1, 77, 256], 'fraction', 'hard at-most-one pairs');
      });
    });

    test('weights beyond 2^53 still match the reference to 1e-9 relative', async () => {
      await withBackend(make, async (backend) => {
        const inst = randomInstance(21, { numVars: 30, numClauses: 200, kind: 'partial', hugeWeights: true });
        for (const scale of SCALES) await check(backend, inst, [5, 64], scale, 'huge weights');
      });
    });

    test('instances with only empty clauses, or with no clauses at all, are scored', async () => {
      await withBackend(make, async (backend) => {
        const b = new InstanceBuilder();
        b.endClause(false, 3);
        b.endClause(true, 0);
        b.endClause(false, 4);
        for (const scale of SCALES) await check(backend, b.seal({ format: 'wcnf', numVars: 6 }), [1, 33], scale, 'empty clauses');
        const none = new InstanceBuilder().seal({ format: 'cnf', numVars: 5 });
        for (const scale of SCALES) await check(backend, none, [3, 40], scale, 'no clauses');
      });
    });

    test('a batch that is a view at an odd offset into a larger buffer is read correctly', async () => {
      await withBackend(make, async (backend) => {
        for (const numVars of [37, 40]) {
          const inst = randomInstance(31, { numVars, numClauses: 120, kind: 'weighted', maxClauseLength: 6 });
          const objective = await backend.prepare({ kind: 'clauses', inst });
          const count = 70;
          const backing = randomBatch(32, count + 1, numVars);
          const batch = backing.subarray(3, 3 + count * numVars);
          const out = new Float64Array(count + 5).fill(-1);
          await objective.evaluate(batch, count, out);
          assertClose(out, referenceCosts(inst, batch, count, 'fraction'), count, `offset view, ${numVars} vars`);
          assert.deepEqual(Array.from(out.subarray(count)), [-1, -1, -1, -1, -1], 'only out[0 .. count) is written');
          objective.dispose();
        }
      });
    });

    test('an empty batch writes nothing and resolves', async () => {
      await withBackend(make, async (backend) => {
        const objective = await backend.prepare({ kind: 'clauses', inst: randomInstance(41, { numVars: 10, numClauses: 30, kind: 'unweighted' }) });
        const out = new Float64Array(4).fill(-1);
        await objective.evaluate(new Uint8Array(0), 0, out);
        await objective.evaluate(new Uint8Array(0), 0, new Float64Array(0));
        assert.deepEqual(Array.from(out), [-1, -1, -1, -1]);
        objective.dispose();
      });
    });

    test('evaluating the same batch twice gives identical costs, also after a larger batch grew the buffers', async () => {
      await withBackend(make, async (backend) => {
        const inst = generateRandomKSat({ numVars: 1500, seed: 51, weighted: { maxWeight: 1000 } });
        const objective = await backend.prepare({ kind: 'clauses', inst });
        const small = randomBatch(52, 40, inst.numVars);
        const large = randomBatch(53, 256, inst.numVars);
        const first = new Float64Array(40);
        const again = new Float64Array(40);
        await objective.evaluate(small, 40, first);
        await objective.evaluate(small, 40, again);
        assert.deepEqual(again, first);
        await objective.evaluate(large, 256, new Float64Array(256));
        await objective.evaluate(small, 40, again);
        assert.deepEqual(again, first);
        assertClose(first, referenceCosts(inst, small, 40, 'fraction'), 40, 'repeated batch');
        objective.dispose();
      });
    });

    test('two prepared objectives coexist, also when their evaluations overlap', async () => {
      await withBackend(make, async (backend) => {
        const a = generateRandomKSat({ numVars: 1200, seed: 61 });
        const b = fewWeights(62, 800, 4000);
        const objA = await backend.prepare({ kind: 'clauses', inst: a }, { costScale: 'count' });
        const objB: BatchObjective = await backend.prepare({ kind: 'clauses', inst: b });
        const batchA = randomBatch(63, 200, a.numVars);
        const batchB = randomBatch(64, 150, b.numVars);
        const outA = new Float64Array(200);
        const outB = new Float64Array(150);
        const outA2 = new Float64Array(200);
        await Promise.all([objA.evaluate(batchA, 200, outA), objB.evaluate(batchB, 150, outB), objA.evaluate(batchA, 200, outA2)]);
        assertClose(outA, referenceCosts(a, batchA, 200, 'count'), 200, 'first objective');
        assertClose(outB, referenceCosts(b, batchB, 150, 'fraction'), 150, 'second objective');
        assert.deepEqual(outA2, outA);
        objA.dispose();
        await objB.evaluate(batchB, 150, outB); // still usable after the other one is gone
        assertClose(outB, referenceCosts(b, batchB, 150, 'fraction'), 150, 'second objective after the first was disposed');
        objB.dispose();
      });
    });

    quadraticConformance((body) => withBackend(make, body));

    test('disposing the objectives and the backend leaves nothing that keeps the process alive', async () => {
      const before = resourceCounts();
      const backend = await make();
      const inst = generateRandomKSat({ numVars: 2000, seed: 71 });
      const objective = await backend.prepare({ kind: 'clauses', inst });
      await objective.evaluate(randomBatch(72, 128, inst.numVars), 128, new Float64Array(128));
      objective.dispose();
      await backend.dispose();
      for (const [resource, n] of resourceCounts()) {
        assert.ok(n <= (before.get(resource) ?? 0), `${n} × ${resource} still active after dispose`);
      }
    });
  });
}
