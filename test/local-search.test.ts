import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/common/rng.js';
import { readRegressionCsv } from '../src/instances/regression-csv.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import { totalSoftWeight, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { parseDimacsFile } from '../src/problems/maxsat/parse-dimacs.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import type { LocalSearchOptions, LocalSearchSession } from '../src/solvers/maxsat/local-search.js';
import { ProbSat, sc13Parameters, WEIGHTED_PARAMETERS } from '../src/solvers/maxsat/probsat.js';
import { WalkSat } from '../src/solvers/maxsat/walksat.js';
import { runSolver } from '../src/solvers/run-loop.js';
import { instancesDir } from './support/paths.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';

const SOLVERS: [string, (inst: MaxSatInstance, o: LocalSearchOptions) => LocalSearchSession][] = [
  ['WalkSAT', (inst, o) => new WalkSat(inst, o)],
  ['probSAT', (inst, o) => new ProbSat(inst, o)],
];

async function load(path: string): Promise<MaxSatInstance> {
  const result = await parseDimacsFile(path);
  if (!result.ok) assert.fail(`${path}: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/**
 * Satisfiable-looking hard 3-clauses (ratio 2) under conflicting weighted soft units and pairs:
 * random starts are infeasible, feasible points are a few flips away, and soft cost competes.
 */
function partialThreeSat(seed: number, n: number): MaxSatInstance {
  const rng = new Rng(seed);
  const b = new InstanceBuilder();
  const lit = () => (1 + rng.below(n)) * (rng.below(2) === 0 ? 1 : -1);
  for (let c = 0; c < 2 * n; c++) {
    for (let k = 0; k < 3; k++) b.addLiteral(lit());
    b.endClause(true, 0);
  }
  for (let c = 0; c < 3 * n; c++) {
    for (let k = 0, len = 1 + rng.below(2); k < len; k++) b.addLiteral(lit());
    b.endClause(false, 1 + rng.below(9));
  }
  return b.seal({ format: 'wcnf', numVars: n });
}

/** Steps until the best is feasible and costs at most `target`, or the flip budget runs out. */
function solve(session: LocalSearchSession, target: bigint, maxFlips: number): void {
  while (!(session.best().feasible && session.best().cost <= target) && session.evaluations < maxFlips) session.step();
}

for (const [name, make] of SOLVERS) {
  test(`${name} satisfies every uf20 and uf50 instance of SATLIB`, async () => {
    for (const family of ['uf20-91', 'uf50-218']) {
      const dir = join(instancesDir, 'satlib', family);
      const files = readdirSync(dir).filter((f) => f.endsWith('.cnf'));
      assert.ok(files.length >= 10, family);
      for (const file of files) {
        const inst = await load(join(dir, file));
        const session = make(inst, { seed: 1, flipsPerStep: 200 });
        const result = await runSolver(session, { maxSteps: 1500 }, { progressEvery: 0 });
        assert.equal(result.reason, 'optimal', `${file} after ${result.evaluations} flips`);
        assert.equal(result.best.cost, 0n);
        assert.equal(verifyAssignment(inst, result.best.assignment).falsified.length, 0, file);
      }
    }
  });

  test(`${name} reaches the certified optimum of small MSE22 instances`, async () => {
    const dir = join(instancesDir, 'maxsat-regression');
    let checked = 0;
    for (const row of readRegressionCsv(join(dir, 'MSE22Unique.csv'))) {
      if (!row.certified || !row.satisfiable || row.bestCost === null) continue;
      const inst = await load(join(dir, row.file));
      if (inst.numVars === 0 || inst.numVars > 20) continue;
      const session = make(inst, { seed: 3, flipsPerStep: 100 });
      solve(session, row.bestCost, 20_000);
      const best = session.best();
      assert.ok(best.feasible, row.file);
      assert.equal(best.cost, row.bestCost, row.file);
      assert.equal(verifyAssignment(inst, best.assignment).cost, row.bestCost, row.file);
      checked++;
    }
    assert.ok(checked >= 20, `only ${checked} instances checked`);
  });

  for (const kind of ['weighted', 'partial'] as InstanceKind[]) {
    test(`${name} reports a best whose exact cost verifies on random ${kind} instances`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const n = 10 + seed * 3;
        const inst = randomInstance(seed, { numVars: n, numClauses: 5 * n, kind, hugeWeights: seed % 3 === 0 });
        const session = make(inst, { seed, flipsPerStep: 37, restartEvery: seed % 2 === 0 ? 250 : undefined });
        for (let s = 0; s < 40; s++) {
          session.step();
          const best = session.best();
          const check = verifyAssignment(inst, best.assignment);
          assert.equal(best.cost, check.cost, `seed ${seed} step ${s}`);
          assert.equal(best.feasible, check.hardSatisfied);
          assert.equal(best.metrics.falsifiedClauses, check.falsified.length);
        }
      }
    });
  }

  test(`${name} never reports an infeasible best once a feasible point was visited`, () => {
    let visited = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const inst = partialThreeSat(seed, 20 + seed);
      const soft = Number(totalSoftWeight(inst));
      // One flip per step and unnormalised costs: every visited point is seen, feasible iff cost ≤ all soft weight.
      const session = make(inst, { seed, flipsPerStep: 1, costScale: 'count', restartEvery: 60 });
      let cheapestFeasible = Number.POSITIVE_INFINITY;
      assert.ok(session.current().cost > soft, `seed ${seed} starts feasible`);
      for (let s = 0; s < 400; s++) {
        const { cost } = session.current();
        if (cost <= soft) cheapestFeasible = Math.min(cheapestFeasible, cost);
        const best = session.best();
        if (cheapestFeasible < Number.POSITIVE_INFINITY) {
          assert.ok(best.feasible, `seed ${seed} step ${s}`);
          assert.ok(Number(best.cost) <= cheapestFeasible, `seed ${seed} step ${s}: best ${best.cost} > seen ${cheapestFeasible}`);
        }
        session.step();
      }
      if (cheapestFeasible < Number.POSITIVE_INFINITY) visited++;
    }
    assert.ok(visited >= 12, `a feasible point was visited in only ${visited} runs`);
  });

  test(`${name} finds the same best whatever the step size, since steps only batch flips`, () => {
    for (let seed = 1; seed <= 8; seed++) {
      const n = 30;
      const inst = randomInstance(200 + seed, { numVars: n, numClauses: 150, kind: seed % 2 === 0 ? 'partial' : 'weighted' });
      const fine = make(inst, { seed, flipsPerStep: 1, restartEvery: 97 });
      const coarse = make(inst, { seed, flipsPerStep: 50, restartEvery: 97 });
      for (let s = 0; s < 20; s++) {
        coarse.step();
        while (fine.evaluations < coarse.evaluations) fine.step();
        assert.equal(fine.evaluations, coarse.evaluations);
        assert.deepEqual(coarse.best().assignment, fine.best().assignment, `seed ${seed} step ${s}`);
        assert.equal(coarse.best().cost, fine.best().cost);
        assert.equal(coarse.best().metrics.falsifiedClauses, fine.best().metrics.falsifiedClauses);
      }
    }
  });

  test(`${name} is deterministic for a seed`, () => {
    const inst = randomInstance(9, { numVars: 60, numClauses: 300, kind: 'partial' });
    const run = (seed: number) => {
      const session = make(inst, { seed, flipsPerStep: 64 });
      for (let s = 0; s < 30; s++) session.step();
      return { best: session.best(), current: session.current(), flips: session.evaluations };
    };
    assert.deepEqual(run(4), run(4));
    assert.notDeepEqual(run(4).best.assignment, run(5).best.assignment);
  });

  test(`${name} starts from a given assignment`, () => {
    const inst = randomInstance(12, { numVars: 20, numClauses: 90, kind: 'weighted' });
    const initial = Uint8Array.from({ length: 20 }, (_, v) => v % 2);
    const session = make(inst, { seed: 1, initial });
    assert.deepEqual(session.best().assignment, initial);
    assert.equal(session.best().cost, verifyAssignment(inst, initial).cost);
    assert.equal(session.best().step, 0);
    assert.throws(() => make(inst, { initial: new Uint8Array(3) }), /3 values for 20 variables/);
  });
}

test('probSAT takes the SC13 parameters for the longest clause on unweighted instances, the polynomial on weighted ones', () => {
  assert.deepEqual(sc13Parameters(3), { fn: 'poly', cb: 2.06, eps: 0.9 });
  assert.equal(sc13Parameters(5).cb, 3.7);
  assert.equal(sc13Parameters(7).fn, 'exp');
  assert.equal(sc13Parameters(40).cb, 5.4);
  const inst = randomInstance(1, { numVars: 10, numClauses: 30, kind: 'unweighted', maxClauseLength: 3 });
  assert.deepEqual(new ProbSat(inst).parameters, { fn: 'poly', cb: 2.06, eps: 0.9 });
  assert.equal(new ProbSat(inst, { cb: 3 }).parameters.cb, 3);
  const long = randomInstance(1, { numVars: 10, numClauses: 30, kind: 'unweighted', maxClauseLength: 6 });
  assert.equal(new ProbSat(long).parameters.fn, 'exp');
  const weighted = randomInstance(1, { numVars: 10, numClauses: 30, kind: 'partial', maxClauseLength: 6 });
  assert.deepEqual(new ProbSat(weighted).parameters, WEIGHTED_PARAMETERS);
});
