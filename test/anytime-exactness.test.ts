// The MaxSAT Evaluation's anytime rules, for every solver: `o` lines only fall, and the final
// model costs exactly the last `o` (checked on the regression instances, big weights included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { totalSoftWeight, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { createSession, SOLVERS, type SolverName } from '../src/solvers/registry.js';
import { runSolver, type Termination, type TraceEvent } from '../src/solvers/run-loop.js';
import { instancesDir } from './support/paths.js';

interface Sample {
  readonly name: string;
  readonly inst: MaxSatInstance;
}

/** Every regression instance whose soft weights total ≥ 2^50, and every fourth of the others. */
function regressionSample(): Sample[] {
  const samples: Sample[] = [];
  let others = 0;
  for (const dir of ['MSE22Unique', 'baseWCNFs']) {
    for (const file of readdirSync(join(instancesDir, 'maxsat-regression', dir)).sort()) {
      const parsed = parseDimacs(readFileSync(join(instancesDir, 'maxsat-regression', dir, file)), { format: 'auto', mode: 'relaxed' });
      if (!parsed.ok) continue;
      const big = totalSoftWeight(parsed.value) >= 2n ** 50n;
      if (big || others++ % 4 === 0) samples.push({ name: `${dir}/${file}`, inst: parsed.value });
    }
  }
  return samples;
}

/** Step budgets that keep each run short; the hybrid gets a time limit so that it hands over. */
function budget(solver: SolverName): Termination {
  if (solver === 'walksat' || solver === 'probsat') return { maxSteps: 5 };
  if (solver === 'hybrid') return { maxSteps: 60, timeLimitMs: 40 };
  if (solver === 'polystep-es') return { maxSteps: 3 };
  return { maxSteps: 25 };
}

/** What a MaxSAT Evaluation checker would see: the `o` values printed, and the final model. */
async function anytimeRun(inst: MaxSatInstance, solver: SolverName, seed: number) {
  const until = budget(solver);
  const prepared = await createSession({ kind: 'clauses', inst }, { solver, preset: 'default', seed, backend: 'cpu', threads: 1, timeLimitMs: until.timeLimitMs });
  const printed: bigint[] = [];
  const improvements: TraceEvent[] = [];
  try {
    const result = await runSolver(prepared.session, until, {
      progressEvery: 0,
      onEvent: (e) => {
        if (e.type !== 'improvement') return;
        improvements.push(e);
        if (e.feasible && (printed.length === 0 || e.bestCost < printed[printed.length - 1])) printed.push(e.bestCost);
      },
    });
    return { printed, improvements, best: result.best };
  } finally {
    await prepared.dispose();
  }
}

/** Every solver that takes MAX-SAT, from the one registry. */
const MAX_SAT_SOLVERS: SolverName[] = SOLVERS.filter((s) => s.engines.includes('clauses')).map((s) => s.name);

const samples = regressionSample();

test('the sample holds every big-weight regression instance', () => {
  assert.ok(samples.filter((s) => totalSoftWeight(s.inst) >= 2n ** 50n).length >= 40);
  assert.ok(samples.length >= 70);
});

for (const solver of MAX_SAT_SOLVERS) {
  test(`${solver}: the final model costs exactly the last o, and reported bests never get worse`, async () => {
    let feasibleRuns = 0;
    for (const { name, inst } of samples) {
      for (const seed of solver === 'walksat' || solver === 'probsat' ? [1, 2] : [1]) {
        const { printed, improvements, best } = await anytimeRun(inst, solver, seed);
        const where = `${name} seed ${seed}`;
        // Every improvement the run reports is exactly better than the one before it.
        for (let i = 1; i < improvements.length; i++) {
          const [a, b] = [improvements[i - 1], improvements[i]] as const;
          if (a.type !== 'improvement' || b.type !== 'improvement') continue;
          assert.ok(!a.feasible || (b.feasible && b.bestCost < a.bestCost), `${where}: improvement ${i} went from ${a.bestCost} to ${b.bestCost}`);
        }
        const check = verifyAssignment(inst, best.assignment);
        assert.equal(check.cost, best.cost, `${where}: reported cost is not the model's`);
        assert.equal(check.falsifiedHard, best.hardFalsified, where);
        if (printed.length === 0) continue;
        feasibleRuns++;
        assert.ok(best.feasible && check.hardSatisfied, `${where}: an o line was printed but the final model breaks hard clauses`);
        assert.equal(best.cost, printed[printed.length - 1], `${where}: v costs ${best.cost}, last o ${printed[printed.length - 1]}`);
      }
    }
    assert.ok(feasibleRuns > samples.length / 3, `${solver} found feasible models in only ${feasibleRuns} runs`);
  });
}

test('a weight-1 gain next to an 18e18 weight is seen: every solver reaches the optimum', async () => {
  const parsed = parseDimacs('h 1 0\n18000000000000000000 -1 0\n1 -2 0\n', { format: 'wcnf' });
  assert.ok(parsed.ok);
  for (const solver of MAX_SAT_SOLVERS) {
    for (const seed of [1, 2, 3]) {
      const { best } = await anytimeRun(parsed.value, solver, seed);
      assert.equal(best.cost, 18_000_000_000_000_000_000n, `${solver} seed ${seed}`);
      assert.deepEqual(Array.from(best.assignment), [1, 0], `${solver} seed ${seed}`);
    }
  }
});
