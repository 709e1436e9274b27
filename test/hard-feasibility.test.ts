import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkHardFeasibility, HardFeasibilitySearch } from '../src/problems/maxsat/hard-feasibility.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { sharedInstancesDir } from './support/paths.js';

interface TestClause {
  readonly lits: readonly number[];
  readonly hard: boolean;
}

function build(numVars: number, clauses: readonly TestClause[]): MaxSatInstance {
  const b = new InstanceBuilder();
  for (const c of clauses) {
    for (const l of c.lits) b.addLiteral(l);
    b.endClause(c.hard, 1);
  }
  return b.seal({ format: 'wcnf', numVars });
}

const hard = (...lits: number[]): TestClause => ({ lits, hard: true });
const soft = (...lits: number[]): TestClause => ({ lits, hard: false });

function satisfiesHard(inst: MaxSatInstance, value: (v: number) => number): boolean {
  for (let c = 0; c < inst.numClauses; c++) {
    if (inst.hard[c] !== 1) continue;
    let sat = false;
    for (let k = inst.clauseStart[c]; k < inst.clauseStart[c + 1] && !sat; k++) {
      const l = inst.literals[k];
      sat = value(Math.abs(l)) === (l > 0 ? 1 : 0);
    }
    if (!sat) return false;
  }
  return true;
}

function assertModel(inst: MaxSatInstance, result: ReturnType<typeof checkHardFeasibility>): void {
  assert.equal(result.status, 'satisfiable');
  if (result.status !== 'satisfiable') return;
  assert.equal(result.model.length, inst.numVars);
  assert.ok(result.model.every((x) => x === 0 || x === 1));
  assert.ok(satisfiesHard(inst, (v) => result.model[v - 1]), 'model violates a hard clause');
}

/** p pigeons into h holes: variable of pigeon i in hole j is i * h + j + 1. */
function pigeonhole(p: number, h: number): MaxSatInstance {
  const x = (i: number, j: number): number => i * h + j + 1;
  const clauses: TestClause[] = [];
  for (let i = 0; i < p; i++) clauses.push(hard(...Array.from({ length: h }, (_, j) => x(i, j))));
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < p; i++) for (let k = i + 1; k < p; k++) clauses.push(hard(-x(i, j), -x(k, j)));
  }
  return build(p * h, clauses);
}

/** mulberry32-style generator: deterministic, so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomInstance(next: () => number): MaxSatInstance {
  const n = 1 + Math.floor(next() * 10);
  const m = Math.floor(next() * 5 * n) + 1;
  const clauses: TestClause[] = [];
  for (let c = 0; c < m; c++) {
    const len = 1 + Math.floor(next() * 4);
    const lits = Array.from({ length: len }, () => (1 + Math.floor(next() * n)) * (next() < 0.5 ? -1 : 1));
    clauses.push({ lits, hard: next() < 0.7 });
  }
  return build(n, clauses);
}

function bruteForceSatisfiable(inst: MaxSatInstance): boolean {
  for (let mask = 0; mask < 2 ** inst.numVars; mask++) {
    if (satisfiesHard(inst, (v) => (mask >> (v - 1)) & 1)) return true;
  }
  return false;
}

test('an empty hard clause is unsatisfiable', () => {
  assert.equal(checkHardFeasibility(build(2, [hard(1, 2), hard()])).status, 'unsatisfiable');
});

test('no hard clauses: satisfiable with the all-zero model', () => {
  const result = checkHardFeasibility(build(3, [soft(1), soft(-1), soft()]));
  assert.deepEqual(result, { status: 'satisfiable', model: new Uint8Array(3) });
});

test('x and not x is unsatisfiable; soft clauses do not matter', () => {
  assert.equal(checkHardFeasibility(build(1, [hard(1), hard(-1)])).status, 'unsatisfiable');
  assertModel(build(1, [hard(1), soft(-1)]), checkHardFeasibility(build(1, [hard(1), soft(-1)])));
});

test('tautologies and duplicate literals are accepted', () => {
  const inst = build(3, [hard(1, -1), hard(2, 2, -3, 2), hard(-2), hard(3, -3, 1)]);
  assertModel(inst, checkHardFeasibility(inst));
});

test('pigeonhole PHP(4,3) and PHP(6,5) are unsatisfiable, PHP(3,3) satisfiable', () => {
  assert.equal(checkHardFeasibility(pigeonhole(4, 3)).status, 'unsatisfiable');
  assert.equal(checkHardFeasibility(pigeonhole(6, 5)).status, 'unsatisfiable');
  const fits = pigeonhole(3, 3);
  assertModel(fits, checkHardFeasibility(fits));
});

test('planted 3-SAT over 300 variables yields a model satisfying every hard clause', () => {
  const next = rng(7);
  const planted = Array.from({ length: 300 }, () => (next() < 0.5 ? 0 : 1));
  const clauses: TestClause[] = [];
  while (clauses.length < 1200) {
    const lits = [0, 1, 2].map(() => (1 + Math.floor(next() * 300)) * (next() < 0.5 ? -1 : 1));
    if (lits.some((l) => planted[Math.abs(l) - 1] === (l > 0 ? 1 : 0))) clauses.push(hard(...lits));
  }
  const inst = build(300, clauses);
  assertModel(inst, checkHardFeasibility(inst));
});

test('variables beyond the hard clauses get 0 in the model', () => {
  const inst = build(5, [hard(2), hard(-2, 3, -3), soft(4)]);
  const result = checkHardFeasibility(inst);
  assert.deepEqual(result, { status: 'satisfiable', model: Uint8Array.from([0, 1, 0, 0, 0]) });
});

test('agrees with brute force on 400 random small instances', () => {
  const next = rng(20240611);
  const seen = { sat: 0, unsat: 0 };
  for (let i = 0; i < 400; i++) {
    const inst = randomInstance(next);
    const result = checkHardFeasibility(inst);
    const expected = bruteForceSatisfiable(inst);
    assert.equal(result.status, expected ? 'satisfiable' : 'unsatisfiable', `instance ${i}`);
    if (expected) assertModel(inst, result);
    seen[expected ? 'sat' : 'unsat']++;
  }
  // both outcomes must be well represented, or the cross-check proves little
  assert.ok(seen.sat >= 80 && seen.unsat >= 80, JSON.stringify(seen));
});

test('searched in slices of one conflict, the verdicts and models still agree with brute force', () => {
  const next = rng(77);
  for (let i = 0; i < 200; i++) {
    const inst = randomInstance(next);
    const search = new HardFeasibilitySearch(inst);
    let result = search.run(1);
    for (let slices = 0; result.status === 'unknown'; slices++) {
      assert.ok(slices < 10_000, `instance ${i} never decided`);
      result = search.run(1);
    }
    assert.equal(result.status, bruteForceSatisfiable(inst) ? 'satisfiable' : 'unsatisfiable', `instance ${i}`);
    if (result.status === 'satisfiable') assertModel(inst, result);
    assert.deepEqual(search.run(5), result, 'a decided search keeps its verdict');
  }
  const php = new HardFeasibilitySearch(pigeonhole(7, 6));
  let slices = 0;
  while (php.run(3).status === 'unknown') slices++;
  assert.equal(php.run(3).status, 'unsatisfiable');
  assert.ok(slices > 10, 'PHP(7,6) should need many slices, or the resumption is not exercised');
});

test('a tiny conflict budget yields unknown on PHP(9,8)', () => {
  assert.deepEqual(checkHardFeasibility(pigeonhole(9, 8), { maxConflicts: 10 }), { status: 'unknown' });
});

/** Just enough DIMACS CNF for SATLIB files: clauses end at 0, `%` ends the formula. */
function readSatlib(path: string): MaxSatInstance {
  const text = readFileSync(path, 'utf8');
  const numVars = Number(/^p cnf\s+(\d+)/m.exec(text)?.[1]);
  const body = text.slice(text.indexOf('\n', text.search(/^p cnf/m))).split('%')[0];
  const clauses: TestClause[] = [];
  let lits: number[] = [];
  for (const token of body.split(/\s+/).filter((t) => t !== '')) {
    if (token !== '0') {
      lits.push(Number(token));
      continue;
    }
    clauses.push(hard(...lits));
    lits = [];
  }
  return build(numVars, clauses);
}

test('SATLIB uf50 (satisfiable) and uuf50 (unsatisfiable)', (t) => {
  const dir = join(sharedInstancesDir, 'satlib');
  if (!existsSync(dir)) return t.skip('shared SATLIB instances absent');
  for (const [folder, expected] of [['uf50-218', 'satisfiable'], ['uuf50-218', 'unsatisfiable']] as const) {
    for (const name of readdirSync(join(dir, folder)).filter((f) => f.endsWith('.cnf')).slice(0, 10)) {
      const inst = readSatlib(join(dir, folder, name));
      assert.equal(inst.numClauses, 218, name);
      const result = checkHardFeasibility(inst);
      assert.equal(result.status, expected, name);
      if (expected === 'satisfiable') assertModel(inst, result);
    }
  }
});
