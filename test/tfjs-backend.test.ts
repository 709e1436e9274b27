// The tfjs batch backend: shared conformance plus tensor hygiene, chunking and the loader's fallbacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BackendUnavailableError } from '../src/backends/eval-backend.js';
import { loadTfjs, TFJS_MODULES_ENV } from '../src/backends/tfjs/load-tfjs.js';
import { TfjsBackend } from '../src/backends/tfjs/tfjs-backend.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { PyRandom } from '../src/common/py-random.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import { randomInstance } from './support/random-instance.js';
import { runConformance } from './backend-conformance.js';
import { referenceCosts } from './support/reference-eval.js';

runConformance('tfjs', () => TfjsBackend.create({ require: 'any' }));

const brokenBinding = fileURLToPath(new URL('./fixtures/tfjs-broken-binding.js', import.meta.url));

function gpuPackageInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node-gpu');
    return true;
  } catch {
    return false;
  }
}

async function withModules<T>(modules: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env[TFJS_MODULES_ENV];
  process.env[TFJS_MODULES_ENV] = modules;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[TFJS_MODULES_ENV];
    else process.env[TFJS_MODULES_ENV] = saved;
  }
}

/** Partial instance whose soft weights come from a small set: the device-side count path with several groups. */
function fewWeights(seed: number, numVars: number, numClauses: number): MaxSatInstance {
  const rng = new PyRandom(seed);
  const b = new InstanceBuilder();
  for (let c = 0; c < numClauses; c++) {
    const len = rng.randbelow(13);
    for (let k = 0; k < len; k++) b.addLiteral((1 + rng.randbelow(numVars)) * (rng.random() < 0.5 ? 1 : -1));
    b.endClause(rng.random() < 0.2, [1, 7, 1000][rng.randbelow(3)]);
  }
  return b.seal({ format: 'wcnf', numVars });
}

function randomBatch(seed: number, count: number, numVars: number): Uint8Array {
  const rng = new PyRandom(seed);
  // Non-zero bytes other than 1 must also read as true.
  return Uint8Array.from({ length: count * numVars }, () => (rng.random() < 0.5 ? 0 : 1 + rng.randbelow(255)));
}

async function evaluateAll(backend: TfjsBackend, inst: MaxSatInstance, batch: Uint8Array, count: number) {
  const objective = await backend.prepare({ kind: 'clauses', inst }, { costScale: 'fraction' });
  try {
    const out = new Float64Array(count);
    await objective.evaluate(batch, count, out);
    return out;
  } finally {
    objective.dispose();
  }
}

function assertClose(actual: Float64Array, expected: Float64Array): void {
  assert.equal(actual.length, expected.length);
  for (let j = 0; j < expected.length; j++) {
    const tolerance = 1e-12 * Math.max(1, Math.abs(expected[j]));
    assert.ok(Math.abs(actual[j] - expected[j]) <= tolerance, `candidate ${j}: ${actual[j]} vs ${expected[j]}`);
  }
}

test('the description reports the pure-JS cpu flavour when no native tfjs is installed', async () => {
  const backend = await TfjsBackend.create({ require: 'any' });
  assert.equal(backend.name, 'tfjs');
  if (backend.loaded.flavour === 'tfjs-core-cpu') {
    assert.equal(backend.description, 'tfjs (cpu)');
    assert.equal(backend.loaded.backendName, 'cpu');
  } else {
    assert.match(backend.description, /tensorflow/);
  }
});

test('the tensor count stays flat across ten evaluate calls', async () => {
  const backend = await TfjsBackend.create({ require: 'any' });
  const tf = backend.loaded.tf;
  const inst = randomInstance(3, { numVars: 40, numClauses: 160, kind: 'partial', maxClauseLength: 12 });
  const objective = await backend.prepare({ kind: 'clauses', inst });
  const batch = randomBatch(4, 32, inst.numVars);
  const out = new Float64Array(32);
  await objective.evaluate(batch, 32, out);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 10; i++) await objective.evaluate(batch, 32, out);
  assert.equal(tf.memory().numTensors, before);
  const withObjective = tf.memory().numTensors;
  objective.dispose();
  assert.ok(tf.memory().numTensors < withObjective, 'dispose frees the clause tensors');
});

test('a tiny chunk budget splits the work yet gives identical costs', async () => {
  const roomy = await TfjsBackend.create({ require: 'any' });
  const tiny = await TfjsBackend.create({ require: 'any', chunkBytes: 4096 });
  const kinds = ['unweighted', 'weighted', 'partial', 'few weights'] as const;
  for (const [k, kind] of kinds.entries()) {
    const inst =
      kind === 'few weights'
        ? fewWeights(10 + k, 60, 300)
        : randomInstance(10 + k, { numVars: 60, numClauses: 300, kind, maxClauseLength: 12, hugeWeights: kind === 'weighted' });
    const batch = randomBatch(20 + k, 37, inst.numVars);
    const expected = referenceCosts(inst, batch, 37, 'fraction');
    const a = await evaluateAll(roomy, inst, batch, 37);
    const b = await evaluateAll(tiny, inst, batch, 37);
    assertClose(a, expected);
    assert.deepEqual(b, a);
  }
});

test('asking for the GPU here throws BackendUnavailableError with the install hint', { skip: gpuPackageInstalled() && 'tfjs-node-gpu is installed here' }, async () => {
  await assert.rejects(TfjsBackend.create({ require: 'gpu' }), (err: unknown) => {
    assert.ok(err instanceof BackendUnavailableError);
    assert.equal(err.code, 'BACKEND_UNAVAILABLE');
    assert.match(err.message, /@tensorflow\/tfjs-node-gpu \(ERR_MODULE_NOT_FOUND/);
    assert.match(err.message, /npm install @tensorflow\/tfjs-node-gpu/);
    assert.match(err.message, /CUDA 11\.2 and cuDNN 8\.1/);
    return true;
  });
});

test('a module that throws a plain Error on import is skipped and the loader falls back', async () => {
  await withModules(`${brokenBinding},@tensorflow/no-such-tfjs-build,@tensorflow/tfjs-core`, async () => {
    const loaded = await loadTfjs('any');
    assert.equal(loaded.flavour, 'tfjs-core-cpu');
    assert.equal(loaded.backendName, 'cpu');
    await assert.rejects(loadTfjs('gpu'), (err: unknown) => {
      assert.ok(err instanceof BackendUnavailableError);
      assert.match(err.message, /simulated broken binding/);
      assert.match(err.message, /no-such-tfjs-build \(ERR_MODULE_NOT_FOUND/);
      return true;
    });
  });
});

test('with every candidate broken the loader reports each failure instead of crashing', async () => {
  await withModules(`tfjs-core-cpu=${brokenBinding}`, async () => {
    await assert.rejects(loadTfjs('any'), (err: unknown) => {
      assert.ok(err instanceof BackendUnavailableError);
      assert.match(err.message, /tfjs-broken-binding\.js \(simulated broken binding/);
      assert.match(err.message, /npm install @tensorflow\/tfjs-core @tensorflow\/tfjs-backend-cpu/);
      return true;
    });
  });
});

test('evaluate rejects once its objective is disposed', async () => {
  const backend = await TfjsBackend.create({ require: 'any' });
  const inst = randomInstance(5, { numVars: 10, numClauses: 30, kind: 'unweighted' });
  const objective = await backend.prepare({ kind: 'clauses', inst });
  await backend.dispose();
  await assert.rejects(objective.evaluate(new Uint8Array(10), 1, new Float64Array(1)), /disposed/);
  objective.dispose();
});
