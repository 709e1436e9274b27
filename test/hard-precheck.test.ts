import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { precheckBudgetMs, precheckHardClauses } from '../src/solvers/maxsat/hard-precheck.js';
import { instancesDir } from './support/paths.js';

function wcnf(text: string): MaxSatInstance {
  const parsed = parseDimacs(text, { format: 'wcnf' });
  assert.ok(parsed.ok);
  return parsed.value;
}

/** Rows of a regression CSV: file name and the Satisfiable column. */
function regressionRows(suite: string): { file: string; satisfiable: string }[] {
  return readFileSync(join(instancesDir, 'maxsat-regression', `${suite}.csv`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('c') && !l.startsWith('WCNFFile'))
    .map((l) => l.split(',').map((f) => f.trim()))
    .map((f) => ({ file: f[0], satisfiable: f[2] }));
}

test('every UNSATISFIABLE row of the regression suites is proven so, and every other has a feasible best', async () => {
  let unsat = 0;
  let feasible = 0;
  for (const suite of ['MSE22Unique', 'baseWCNFs']) {
    for (const row of regressionRows(suite)) {
      const parsed = parseDimacs(readFileSync(join(instancesDir, 'maxsat-regression', row.file)), { format: 'auto', mode: 'relaxed' });
      if (!parsed.ok) continue;
      const result = await precheckHardClauses(parsed.value, { budgetMs: 10_000 });
      if (row.satisfiable === 'UNSATISFIABLE') {
        assert.equal(result.status, 'unsatisfiable', row.file);
        unsat++;
        continue;
      }
      assert.equal(result.status, 'satisfiable', row.file);
      if (result.status === 'satisfiable' && result.best !== null) {
        assert.ok(result.best.feasible, row.file);
        assert.equal(verifyAssignment(parsed.value, result.best.assignment).cost, result.best.cost, row.file);
        feasible++;
      }
    }
  }
  assert.ok(unsat >= 10, `only ${unsat} UNSAT rows seen`);
  assert.ok(feasible >= 100, `only ${feasible} feasible bests`);
});

test('an empty hard clause, and a contradiction without one, are unsatisfiable', async () => {
  assert.deepEqual(await precheckHardClauses(wcnf('h 0\n1 1 0\n'), { budgetMs: 100 }), { status: 'unsatisfiable' });
  assert.deepEqual(await precheckHardClauses(wcnf('h 1 2 0\nh -1 0\nh -2 0\n5 1 0\n'), { budgetMs: 100 }), { status: 'unsatisfiable' });
});

test('no hard clauses: satisfiable at once, with no model to offer', async () => {
  assert.deepEqual(await precheckHardClauses(wcnf('3 1 0\n4 -1 0\n'), { budgetMs: 0 }), { status: 'satisfiable', best: null });
});

/** p pigeons into h holes as hard clauses: unsatisfiable when p > h, and slow to prove for p ≥ 9. */
function pigeonholeWcnf(p: number, h: number): string {
  const x = (i: number, j: number): number => i * h + j + 1;
  const lines: string[] = [];
  for (let i = 0; i < p; i++) lines.push(`h ${Array.from({ length: h }, (_, j) => x(i, j)).join(' ')} 0`);
  for (let j = 0; j < h; j++) for (let i = 0; i < p; i++) for (let k = i + 1; k < p; k++) lines.push(`h -${x(i, j)} -${x(k, j)} 0`);
  return `${lines.join('\n')}\n1 1 0\n`;
}

test('a spent budget or a stop gives unknown, never a verdict', async () => {
  let clock = 0;
  const spent = await precheckHardClauses(wcnf(pigeonholeWcnf(11, 10)), { budgetMs: 50, now: () => (clock += 30) });
  assert.deepEqual(spent, { status: 'unknown' });
  const controller = new AbortController();
  setImmediate(() => controller.abort());
  assert.deepEqual(await precheckHardClauses(wcnf(pigeonholeWcnf(11, 10)), { budgetMs: 60_000, signal: controller.signal }), { status: 'unknown' });
});

test('the budget is a tenth of the time limit, within bounds, or 2 s for untimed runs', () => {
  assert.deepEqual([precheckBudgetMs(1000), precheckBudgetMs(100), precheckBudgetMs(3_600_000), precheckBudgetMs(undefined)], [100, 50, 10_000, 2000]);
});
