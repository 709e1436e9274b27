import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bruteForceMaxSat } from '../src/bench/brute-force-maxsat.js';
import {
  CONTRADICTION_KINDS, FUZZ_MAX_VARS, FUZZ_MIN_VARS, FUZZ_SMALL_VARS, FUZZ_WEIGHT_CLASSES,
  generateFuzzSet, generateFuzzWcnf, type FuzzInstance,
} from '../src/bench/fuzz-wcnf.js';
import { totalSoftWeight, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';

function parsed(text: string, fileName = 'x.wcnf'): MaxSatInstance {
  const result = parseDimacs(text, { fileName });
  if (!result.ok) assert.fail(`does not parse: ${result.issues[0].message}`);
  return result.value;
}

/** The slow reference: verifyAssignment on every assignment. */
function enumerateWithVerifier(inst: MaxSatInstance): { feasible: boolean; optimum: bigint | null } {
  let optimum: bigint | null = null;
  for (let a = 0; a < 2 ** inst.numVars; a++) {
    const model = Uint8Array.from({ length: inst.numVars }, (_, i) => (a >> i) & 1);
    const check = verifyAssignment(inst, model);
    if (check.hardSatisfied && (optimum === null || check.cost < optimum)) optimum = check.cost;
  }
  return { feasible: optimum !== null, optimum };
}

const set = generateFuzzSet(126, 7);

test('the generator is deterministic per seed and differs between seeds', () => {
  assert.equal(generateFuzzWcnf(99).text, generateFuzzWcnf(99).text);
  assert.equal(generateFuzzWcnf(99, { weightClass: 'huge' }).text, generateFuzzWcnf(99, { weightClass: 'huge' }).text);
  assert.notEqual(generateFuzzWcnf(99).text, generateFuzzWcnf(100).text);
  assert.deepEqual(generateFuzzSet(20, 7).map((f) => f.text), set.slice(0, 20).map((f) => f.text));
  assert.notDeepEqual(generateFuzzSet(20, 8).map((f) => f.text), set.slice(0, 20).map((f) => f.text));
});

test('generated text parses with the project parser into the clauses, variables and soft total generated', () => {
  for (const fuzz of set) {
    const inst = parsed(fuzz.text, fuzz.name);
    assert.equal(inst.format, 'wcnf');
    assert.equal(inst.numVars, fuzz.numVars, fuzz.name);
    assert.equal(inst.numClauses, fuzz.clauses.length, fuzz.name);
    assert.equal(inst.stats.hardClauses, fuzz.clauses.filter((c) => c.hard).length, fuzz.name);
    assert.equal(totalSoftWeight(inst), fuzz.softTotal, fuzz.name);
  }
});

test('a set covers every weight class, with and without a contradiction, at the promised sizes and totals', () => {
  const has = (p: (f: FuzzInstance) => boolean) => set.filter(p).length;
  for (const weightClass of FUZZ_WEIGHT_CLASSES) {
    assert.ok(has((f) => f.weightClass === weightClass && f.contradiction !== null) > 0, weightClass);
    assert.ok(has((f) => f.weightClass === weightClass && f.contradiction === null) > 0, weightClass);
  }
  assert.ok(set.every((f) => f.numVars >= FUZZ_MIN_VARS && f.numVars <= FUZZ_MAX_VARS));
  assert.ok(has((f) => f.numVars <= FUZZ_SMALL_VARS) > 40 && has((f) => f.numVars > FUZZ_SMALL_VARS) > 20);
  for (const f of set) {
    const weights = f.clauses.filter((c) => !c.hard).map((c) => c.weight);
    if (f.weightClass === 'unit') assert.ok(weights.every((w) => w === 1n));
    if (f.weightClass === 'small') assert.ok(weights.every((w) => w >= 1n && w <= 100n));
    if (f.weightClass === 'huge') assert.ok(f.softTotal >= 1n << 50n, f.name);
    if (f.weightClass === 'beyond64') assert.ok(f.softTotal >= 1n << 64n, f.name);
    if (f.weightClass === 'precision') assert.ok(weights.includes(18000000000000000000n) && weights.includes(1n), f.name);
    assert.ok(weights.every((w) => w >= 1n && w < 1n << 64n), f.name);
  }
  assert.ok(has((f) => f.clauses.some((c) => !c.hard && c.lits.length === 0)) > 0, 'an empty soft clause');
  assert.ok(has((f) => f.clauses.some((c) => c.lits.length === 1)) === set.length, 'unit clauses everywhere');
  const quirky = set.filter((f) => f.clauses.some((c) => new Set(c.lits.map(Math.abs)).size < c.lits.length));
  assert.ok(quirky.length > 0, 'duplicate literals or tautologies');
  assert.ok(quirky.some((f) => parsed(f.text).stats.tautologies > 0) && quirky.some((f) => parsed(f.text).stats.duplicateLiteralsRemoved > 0));
});

test('every contradiction kind makes the hard clauses unsatisfiable; without one they hold', () => {
  for (const [i, kind] of CONTRADICTION_KINDS.entries()) {
    let seed = 1000 * (i + 1);
    let fuzz = generateFuzzWcnf(seed, { contradiction: true });
    while (fuzz.contradiction !== kind || fuzz.numVars > 14) fuzz = generateFuzzWcnf(++seed, { contradiction: true });
    assert.deepEqual(bruteForceMaxSat(parsed(fuzz.text)), { feasible: false, optimum: null, model: null }, kind);
  }
  for (const fuzz of set.filter((f) => f.numVars <= 14)) {
    assert.equal(bruteForceMaxSat(parsed(fuzz.text))?.feasible, fuzz.contradiction === null, fuzz.name);
  }
});

test('brute force agrees with verifyAssignment of every assignment on small fuzz instances', () => {
  const small = set.filter((f) => f.numVars <= 9);
  assert.ok(small.length >= 10 && small.some((f) => f.softTotal >= 1n << 64n));
  for (const fuzz of small) {
    const inst = parsed(fuzz.text);
    const exact = bruteForceMaxSat(inst);
    assert.ok(exact !== null);
    assert.deepEqual({ feasible: exact.feasible, optimum: exact.optimum }, enumerateWithVerifier(inst), fuzz.name);
    if (exact.model !== null) {
      const check = verifyAssignment(inst, exact.model);
      assert.deepEqual([check.hardSatisfied, check.cost], [true, exact.optimum], fuzz.name);
    }
  }
});

test('brute force keeps weights apart that float64 sums would merge', () => {
  // Either x1 = 1 (pays 18e18 + 1) or x1 = 0 (pays 18e18 + 2): in floats both are 1.8e19.
  const inst = parsed('h 2 0\n18000000000000000000 -1 0\n1 -1 0\n18000000000000000000 1 0\n2 1 0\n');
  assert.deepEqual(bruteForceMaxSat(inst), { feasible: true, optimum: 18000000000000000001n, model: Uint8Array.of(1, 1) });
  const beyond = parsed('9223372036854775808 1 0\n9223372036854775808 -1 0\n9223372036854775807 2 0\n9223372036854775807 -2 0\n3 0\n');
  assert.equal(bruteForceMaxSat(beyond)?.optimum, (1n << 64n) - 1n + 3n);
});

test('brute force answers null above its variable limit and handles empty and hard-empty instances', () => {
  const wide = generateFuzzSet(60, 3).find((f) => f.numVars > FUZZ_SMALL_VARS);
  assert.ok(wide !== undefined);
  assert.equal(bruteForceMaxSat(parsed(wide.text), FUZZ_SMALL_VARS), null);
  assert.deepEqual(bruteForceMaxSat(parsed('c nothing\n', 'empty.wcnf')), { feasible: true, optimum: 0n, model: new Uint8Array(0) });
  assert.equal(bruteForceMaxSat(parsed('h 0\n5 1 0\n'))?.feasible, false);
  assert.equal(bruteForceMaxSat(parsed('7 0\nh 1 0\n3 -1 0\n'))?.optimum, 10n);
});
