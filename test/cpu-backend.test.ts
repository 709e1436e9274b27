// The CPU backend: shared conformance inline, on two threads, and with every batch forced onto the workers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.js';
import { PyRandom } from '../src/common/py-random.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { runConformance } from './backend-conformance.js';

// A 2-thread backend with the default threshold would run the suite's small batches inline, the
// path the 1-thread run already covers: the pooled run below is what exercises the workers.
runConformance('cpu, 1 thread', async () => new CpuBackend({ threads: 1 }));
// The default threshold keeps small batches inline; here even P = 1 goes through the pool, and a
// tiny cache budget splits every batch above 32 candidates into several passes over the clauses.
runConformance('cpu, 2 threads, pooled, small chunks', async () => new CpuBackend({ threads: 2, parallelThreshold: 0, chunkBytes: 512 }));

function randomBatch(seed: number, length: number): Uint8Array {
  const rng = new PyRandom(seed);
  return Uint8Array.from({ length }, () => rng.randbelow(2));
}

test('pooled and inline evaluation give bit-identical costs', async () => {
  const inst = generateRandomKSat({ numVars: 3000, seed: 5, weighted: { maxWeight: 9 } });
  const inline = new CpuBackend({ threads: 1 });
  const pooled = new CpuBackend({ threads: 2, parallelThreshold: 0 });
  const batch = randomBatch(6, 77 * inst.numVars);
  const a = new Float64Array(77);
  const b = new Float64Array(77);
  await (await inline.prepare({ kind: 'clauses', inst })).evaluate(batch, 77, a);
  await (await pooled.prepare({ kind: 'clauses', inst })).evaluate(batch, 77, b);
  assert.deepEqual(b, a);
  await inline.dispose();
  await pooled.dispose();
});

test('inline evaluation in many small chunks gives the same costs as in one', async () => {
  const inst = generateRandomKSat({ numVars: 700, seed: 11, weighted: { maxWeight: 4 } });
  const batch = randomBatch(12, 300 * inst.numVars);
  const costs = [];
  for (const chunkBytes of [undefined, 64, 5000]) {
    const backend = new CpuBackend({ threads: 1, chunkBytes });
    const out = new Float64Array(300);
    await (await backend.prepare({ kind: 'clauses', inst })).evaluate(batch, 300, out);
    costs.push(out);
    await backend.dispose();
  }
  assert.deepEqual(costs[1], costs[0]);
  assert.deepEqual(costs[2], costs[0]);
});

test('the description names the thread count', () => {
  assert.equal(new CpuBackend({ threads: 1 }).description, 'cpu (1 thread)');
  assert.equal(new CpuBackend({ threads: 2 }).description, 'cpu (2 threads)');
  assert.equal(new CpuBackend({ threads: 1 }).name, 'cpu');
  assert.throws(() => new CpuBackend({ threads: 0 }), RangeError);
});

test('small work starts no threads; the pool stops when the backend is disposed', async () => {
  const inst = generateRandomKSat({ numVars: 200, seed: 7 });
  const small = new CpuBackend({ threads: 2 });
  const inline = await small.prepare({ kind: 'clauses', inst });
  await inline.evaluate(randomBatch(8, 10 * inst.numVars), 10, new Float64Array(10));
  assert.equal(small.runningWorkers, 0, 'a 10 × 854 batch is scored inline');
  await small.dispose();

  const backend = new CpuBackend({ threads: 2, parallelThreshold: 0 });
  const objective = await backend.prepare({ kind: 'clauses', inst });
  await objective.evaluate(randomBatch(8, 10 * inst.numVars), 10, new Float64Array(10));
  assert.equal(backend.runningWorkers, 2);
  objective.dispose();
  await backend.dispose();
  assert.equal(backend.runningWorkers, 0);
  await assert.rejects(backend.prepare({ kind: 'clauses', inst }));
  await assert.rejects(objective.evaluate(new Uint8Array(inst.numVars), 1, new Float64Array(1)));
});

test('an objective rejects a batch or an output array that is too short', async () => {
  const backend = new CpuBackend({ threads: 1 });
  const objective = await backend.prepare({ kind: 'clauses', inst: generateRandomKSat({ numVars: 50, seed: 9 }) });
  await assert.rejects(objective.evaluate(new Uint8Array(99), 2, new Float64Array(2)), RangeError);
  await assert.rejects(objective.evaluate(new Uint8Array(100), 2, new Float64Array(1)), RangeError);
  objective.dispose();
  await assert.rejects(objective.evaluate(new Uint8Array(100), 2, new Float64Array(2)));
  await backend.dispose();
});

test('disposing a pooled backend stops its worker threads', async () => {
  const backend = new CpuBackend({ threads: 2, parallelThreshold: 0 });
  const inst = generateRandomKSat({ numVars: 500, seed: 3 });
  const objective = await backend.prepare({ kind: 'clauses', inst });
  await objective.evaluate(randomBatch(4, 40 * inst.numVars), 40, new Float64Array(40));
  assert.ok(backend.runningWorkers > 0, 'the batch went through the workers');
  objective.dispose();
  await backend.dispose();
  assert.equal(backend.runningWorkers, 0);
});
