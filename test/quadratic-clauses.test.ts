// Quadratic models on the CPU kernel: digit splitting, the clause compile, the fused pair path and the naive baseline.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.js';
import { buildClauseLayout } from '../src/backends/cpu/clause-kernel.js';
import { compileQuadratic, compileWith, forEachDigit } from '../src/backends/cpu/quadratic-clauses.js';
import { NaiveQuadraticObjective } from '../src/backends/cpu/quadratic-naive.js';
import { PyRandom } from '../src/common/py-random.js';
import { buildQuadraticModel } from '../src/problems/quadratic/model-builder.js';
import { randomBatch, randomModel, referenceQuadratic, unitCutModel } from './support/random-model.js';

function digits(c: number, form: 'naf' | 'binary'): number[] {
  const out: number[] = [];
  forEachDigit(c, form, (w) => out.push(w));
  return out;
}

test('NAF and binary digits recompose every coefficient; NAF digits are never adjacent, binary ones share its sign', () => {
  const rng = new PyRandom(1);
  const samples = [1, -1, 2, 3, -3, 7, 100, -100, 255, 2 ** 52, -(2 ** 52), 2 ** 52 - 1, 3 * 2 ** 46 + 1];
  for (let k = 0; k < 500; k++) samples.push(rng.randbelow(2 ** 53) - 2 ** 52);
  for (const c of samples) {
    const naf = digits(c, 'naf');
    const binary = digits(c, 'binary');
    assert.equal(naf.reduce((a, b) => a + b, 0), c, `NAF of ${c}`);
    assert.equal(binary.reduce((a, b) => a + b, 0), c, `binary of ${c}`);
    assert.ok(binary.every((w) => Math.sign(w) === Math.sign(c)));
    const bits = naf.map((w) => Math.log2(Math.abs(w)));
    assert.ok(bits.every((b, i) => Number.isInteger(b) && (i === 0 || b >= bits[i - 1] + 2)), `NAF of ${c}: ${naf}`);
    assert.ok(naf.length <= binary.length);
  }
  assert.deepEqual(digits(0, 'naf'), []);
  assert.deepEqual(digits(7, 'naf'), [-1, 8]);
});

test('a unit-weight Max-Cut model compiles to one clause per edge, all on the fused (¬x ∨ ¬y) path', () => {
  const model = unitCutModel(2, 300, 2000);
  const compiled = compileQuadratic(model, 'count');
  assert.equal(compiled.terms, model.pairQ.length + model.linear.filter((c) => c !== 0).length);
  const layout = buildClauseLayout(compiled.clauses, compiled.weight);
  // Pair coefficients are 2 (4 where the random graph repeated an edge): one digit, one clause each.
  const pairSegments = Array.from(layout.segWidth.keys()).filter((s) => layout.segWidth[s] === 2);
  assert.equal(pairSegments.reduce((n, s) => n + layout.segStart[s + 1] - layout.segStart[s], 0), model.pairQ.length);
  assert.ok(pairSegments.every((s) => layout.segNegativePairs[s] === 1));
  const unit = pairSegments.find((s) => layout.segWeight[s] === 2);
  assert.ok(unit !== undefined && layout.segStart[unit + 1] - layout.segStart[unit] > 1900);
});

test('a coefficient many terms share keeps its own weight; a floatExact model whose NAF would pass 2^53 gets binary digits', () => {
  const shared = buildQuadraticModel(100, Array.from({ length: 300 }, (_, k) => [k % 100, (k % 100 + 1 + Math.floor(k / 100)) % 100, 93] as const));
  assert.deepEqual(new Set(compileQuadratic(shared, 'count').weight), new Set([93]));
  const near: [number, number, number][] = [[0, 1, 2 ** 48]];
  for (let i = 0, t = 0; i < 12; i++) for (let j = i + 1; j < 12 && near.length < 41; j++, t++) if (i > 0 || j > 1) near.push([i, j, 3 * 2 ** 46 + 2 * t + 1]);
  const model = buildQuadraticModel(12, near);
  assert.ok(model.floatExact);
  const sum = (w: Float64Array): number => w.reduce((a, b) => a + Math.abs(b), 0);
  assert.ok(sum(compileWith(model, 'count', 'naf').weight) >= 2 ** 53);
  assert.ok(sum(compileQuadratic(model, 'count').weight) < 2 ** 53);
});

test('the naive per-candidate loop equals quadraticCost bit for bit', async () => {
  for (const [seed, model] of [[3, randomModel(3, { n: 90, density: 0.2, maxCoefficient: 500, offset: -77n })], [4, unitCutModel(4, 150, 900)]] as const) {
    for (const scale of ['fraction', 'count'] as const) {
      const batch = randomBatch(seed, 50, model.n);
      const out = new Float64Array(50);
      await new NaiveQuadraticObjective(model, scale).evaluate(batch, 50, out);
      assert.deepEqual(out, referenceQuadratic(model, batch, 50, scale));
    }
  }
});

test('pooled and inline quadratic evaluation give bit-identical costs', async () => {
  const model = randomModel(5, { n: 2000, density: 0.005, maxCoefficient: 1000, offset: 12n });
  const inline = new CpuBackend({ threads: 1 });
  const pooled = new CpuBackend({ threads: 2, parallelThreshold: 0 });
  const batch = randomBatch(6, 77, model.n);
  const a = new Float64Array(77);
  const b = new Float64Array(77);
  await (await inline.prepare({ kind: 'quadratic', model })).evaluate(batch, 77, a);
  await (await pooled.prepare({ kind: 'quadratic', model })).evaluate(batch, 77, b);
  assert.ok(pooled.runningWorkers > 0);
  assert.deepEqual(b, a);
  assert.deepEqual(a, referenceQuadratic(model, batch, 77, 'fraction'));
  await inline.dispose();
  await pooled.dispose();
});
