// Golden clauses: spec §12.1 for the paper sizes; the others were produced with CPython 3.11
// following the same recipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clauseLiterals, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { generateRandomKSat, paperClauseCount } from '../src/problems/maxsat/random-ksat.js';

function first(inst: MaxSatInstance, count: number): number[][] {
  return Array.from({ length: count }, (_, c) => clauseLiterals(inst, c));
}

function last(inst: MaxSatInstance): number[] {
  return clauseLiterals(inst, inst.numClauses - 1);
}

function positives(inst: MaxSatInstance): number {
  let count = 0;
  for (const lit of inst.literals) if (lit > 0) count++;
  return count;
}

test('paper clause counts truncate n times 4.27 in IEEE double', () => {
  assert.equal(paperClauseCount(100), 426);
  assert.equal(paperClauseCount(500), 2135);
  assert.equal(paperClauseCount(1000), 4270);
  assert.equal(paperClauseCount(5000), 21349);
  assert.equal(paperClauseCount(10_000), 42699);
  assert.equal(paperClauseCount(20_000), 85399);
  assert.equal(paperClauseCount(100_000), 426999);
  assert.equal(paperClauseCount(1_000_000), 4270000);
});

test('n = 100 reproduces the golden clauses of the paper instance', () => {
  const inst = generateRandomKSat({ numVars: 100 });
  assert.equal(inst.format, 'cnf');
  assert.equal(inst.numVars, 100);
  assert.equal(inst.numClauses, 426);
  assert.deepEqual(first(inst, 3), [[-82, 15, 4], [-14, 87, 95], [4, -12, -28]]);
  assert.deepEqual(last(inst), [-46, 22, -18]);
  assert.equal(positives(inst), 645);
});

test('n = 1,000 reproduces the golden clauses, positive count and literal sum', () => {
  const inst = generateRandomKSat({ numVars: 1000 });
  assert.equal(inst.numClauses, 4270);
  assert.deepEqual(clauseLiterals(inst, 0), [-655, 115, 26]);
  assert.deepEqual(last(inst), [989, 541, 421]);
  assert.equal(positives(inst), 6416);
  let sum = 0;
  for (const lit of inst.literals) sum += Math.abs(lit);
  assert.equal(sum, 6_432_439);
});

test('n = 10,000 reproduces the golden last clause and positive count', () => {
  const inst = generateRandomKSat({ numVars: 10_000 });
  assert.equal(inst.numClauses, 42699);
  assert.deepEqual(clauseLiterals(inst, 0), [1825, 410, 4507]);
  assert.deepEqual(last(inst), [-2360, 5456, -5310]);
  assert.equal(positives(inst), 64_101);
});

test('n = 100,000 reproduces the golden clauses and positive count', () => {
  const inst = generateRandomKSat({ numVars: 100_000 });
  assert.equal(inst.numClauses, 426999);
  assert.deepEqual(clauseLiterals(inst, 0), [-83811, 14593, 3279]);
  assert.deepEqual(last(inst), [71815, 60517, -65242]);
  assert.equal(positives(inst), 640_647);
});

test('every clause is soft with weight 1 and has k distinct in-range variables', () => {
  const inst = generateRandomKSat({ numVars: 500 });
  assert.equal(inst.numClauses, 2135);
  assert.equal(inst.literals.length, 3 * 2135);
  assert.equal(inst.exactWeights, null);
  assert.equal(inst.stats.softClauses, 2135);
  assert.equal(inst.stats.hardClauses, 0);
  assert.equal(inst.stats.duplicateLiteralsRemoved, 0);
  for (let c = 0; c < inst.numClauses; c++) {
    assert.equal(inst.hard[c], 0);
    assert.equal(inst.weights[c], 1);
    const vars = clauseLiterals(inst, c).map(Math.abs);
    assert.equal(vars.length, 3);
    assert.equal(new Set(vars).size, 3);
    for (const v of vars) assert.ok(Number.isInteger(v) && v >= 1 && v <= 500);
  }
});

test('the same seed gives identical arrays and a different seed gives different clauses', () => {
  const a = generateRandomKSat({ numVars: 2000, seed: 7 });
  const b = generateRandomKSat({ numVars: 2000, seed: 7 });
  assert.deepEqual(a.literals, b.literals);
  assert.deepEqual(a.clauseStart, b.clauseStart);
  assert.deepEqual(a.weights, b.weights);
  const c = generateRandomKSat({ numVars: 2000, seed: 8 });
  assert.equal(c.numClauses, a.numClauses);
  assert.notDeepEqual(c.literals, a.literals);
  const other = generateRandomKSat({ numVars: 1000, seed: 43 });
  assert.deepEqual(clauseLiterals(other, 0), [-40, -293, 713]);
  assert.deepEqual(last(other), [-504, 252, -953]);
});

test('small n exercises the pool method of sample exactly like CPython', () => {
  const n10 = generateRandomKSat({ numVars: 10 });
  assert.equal(n10.numClauses, 42);
  assert.deepEqual(first(n10, 4), [[2, 1, 5], [9, 2, 7], [-10, -1, 4], [-8, 5, 1]]);
  assert.deepEqual(last(n10), [-9, 3, 1]);
  const n21 = generateRandomKSat({ numVars: 21 });
  assert.equal(n21.numClauses, 89);
  assert.deepEqual(first(n21, 4), [[-21, 4, 1], [-4, 18, 3], [-8, -17, -1], [-14, -8, 15]]);
  assert.deepEqual(last(n21), [1, -19, 13]);
  // n = 22 is the first size that switches to the set method.
  const n22 = generateRandomKSat({ numVars: 22 });
  assert.equal(n22.numClauses, 93);
  assert.deepEqual(first(n22, 2), [[-21, 4, 1], [4, 22, 18]]);
  assert.deepEqual(last(n22), [2, -7, -14]);
});

test('other clause widths and ratios follow the same recipe', () => {
  const k5 = generateRandomKSat({ numVars: 50, k: 5 });
  assert.equal(k5.numClauses, 213);
  assert.deepEqual(first(k5, 2), [[41, 8, 2, -48, -18], [38, -28, 3, 2, -6]]);
  assert.deepEqual(last(k5), [50, 47, -44, 42, 45]);
  const k7 = generateRandomKSat({ numVars: 30, k: 7, seed: 1 }); // k = 7: pool up to n = 85
  assert.equal(k7.numClauses, 128);
  assert.deepEqual(first(k7, 2), [[5, -19, 28, 26, 25, 3, -9], [13, -14, 20, -25, -27, 1, 23]]);
  assert.deepEqual(last(k7), [16, 2, -19, -17, 3, 28, 13]);
  const sparse = generateRandomKSat({ numVars: 200, ratio: 1.5 });
  assert.equal(sparse.numClauses, 300);
  assert.deepEqual(last(sparse), [187, -109, 21]);
});

test('the weighted variant keeps the clauses and draws weights afterwards', () => {
  const plain = generateRandomKSat({ numVars: 1000 });
  const weighted = generateRandomKSat({ numVars: 1000, weighted: { maxWeight: 10 } });
  assert.equal(weighted.format, 'wcnf');
  assert.deepEqual(weighted.literals, plain.literals);
  assert.deepEqual(weighted.clauseStart, plain.clauseStart);
  assert.equal(weighted.exactWeights, null);
  assert.deepEqual(Array.from(weighted.weights.subarray(0, 8)), [1, 3, 2, 3, 4, 8, 3, 1]);
  let sum = 0;
  for (const w of weighted.weights) {
    assert.ok(Number.isInteger(w) && w >= 1 && w <= 10);
    sum += w;
  }
  assert.equal(sum, 23248);

  const wide = generateRandomKSat({ numVars: 100, seed: 7, weighted: { maxWeight: 1000 } });
  assert.deepEqual(Array.from(wide.weights.subarray(0, 5)), [806, 764, 870, 512, 390]);
  assert.equal(wide.weights[425], 409);
  assert.equal(wide.weights.reduce((a, b) => a + b, 0), 205241);

  const ones = generateRandomKSat({ numVars: 100, weighted: { maxWeight: 1 } });
  assert.ok(ones.weights.every((w) => w === 1));
});

test('invalid arguments are refused with a RangeError', () => {
  assert.throws(() => generateRandomKSat({ numVars: 2 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10.5 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, k: 0 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, k: 2.5 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, ratio: 0 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, ratio: -1 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, ratio: Number.POSITIVE_INFINITY }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, ratio: Number.NaN }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, weighted: { maxWeight: 0 } }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, weighted: { maxWeight: 2 ** 53 } }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, seed: 0.5 }), RangeError);
  assert.throws(() => generateRandomKSat({ numVars: 10, seed: 0.5 }), /seed/);
  assert.equal(generateRandomKSat({ numVars: 3, k: 3, ratio: 1 }).numClauses, 3);
});
