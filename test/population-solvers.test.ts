import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.js';
import { BackendUnavailableError } from '../src/backends/eval-backend.js';
import { parseDimacsFile } from '../src/problems/maxsat/parse-dimacs.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { quadraticCost } from '../src/problems/quadratic/quadratic-cost.js';
import { createSession, INCREMENTAL_BACKEND } from '../src/solvers/registry.js';
import { OpenAiEs, zScoredRewards } from '../src/solvers/batch/openai-es.js';
import { PolyStepEsSession } from '../src/solvers/batch/polystep-es.js';
import { runSolver } from '../src/solvers/run-loop.js';
import { cli } from './support/run-cli.js';
import { instancesDir } from './support/paths.js';
import { randomModel, unitCutModel } from './support/random-model.js';

const backend = new CpuBackend({ threads: 1 });
after(() => backend.dispose());

test('z-scored rewards have mean 0 and spread 1, and are all zero when costs do not differ', () => {
  const shaped = zScoredRewards(Float64Array.of(3, 1, 2, 6));
  assert.ok(Math.abs(shaped.reduce((a, b) => a + b, 0)) < 1e-12);
  assert.ok(Math.abs(shaped.reduce((a, b) => a + b * b, 0) / 4 - 1) < 1e-12);
  assert.ok(shaped[1] > shaped[0], 'lower cost, higher reward');
  assert.deepEqual(Array.from(zScoredRewards(Float64Array.of(5, 5, 5))), [0, 0, 0]);
});

test('OpenAI-ES improves on the paper instance, counts 50 evaluations a generation and verifies its best', async () => {
  const inst = generateRandomKSat({ numVars: 1000, seed: 42 });
  const objective = await backend.prepare({ kind: 'clauses', inst: inst }, { costScale: 'fraction' });
  const session = new OpenAiEs({ kind: 'clauses', inst: inst }, objective, { seed: 42 });
  const start = session.best();
  const result = await runSolver(session, { maxSteps: 150 }, { progressEvery: 0 });
  objective.dispose();
  assert.equal(result.evaluations, 150 * 50);
  assert.ok(result.best.metrics.satRatio > start.metrics.satRatio && result.best.metrics.satRatio > 0.9, `${start.metrics.satRatio} → ${result.best.metrics.satRatio}`);
  assert.equal(verifyAssignment(inst, result.best.assignment).cost, result.best.cost);
});

test('PolyStepES over the relaxation improves on uf20 and refuses instances too large for its population', async () => {
  const parsed = await parseDimacsFile(join(instancesDir, 'satlib/uf20-91/uf20-01.cnf'));
  assert.ok(parsed.ok);
  const objective = await backend.prepare({ kind: 'clauses', inst: parsed.value });
  const session = new PolyStepEsSession({ kind: 'clauses', inst: parsed.value }, objective, { seed: 1 });
  const result = await runSolver(session, { maxSteps: 60 }, { progressEvery: 0 });
  assert.equal(result.evaluations, 60 * 40);
  assert.ok(result.best.metrics.falsifiedClauses <= 3, `${result.best.metrics.falsifiedClauses} falsified`);
  assert.equal(verifyAssignment(parsed.value, result.best.assignment).cost, result.best.cost);
  objective.dispose();
  const big = generateRandomKSat({ numVars: 10_000, seed: 1 });
  const bigObjective = await backend.prepare({ kind: 'clauses', inst: big });
  assert.throws(() => new PolyStepEsSession({ kind: 'clauses', inst: big }, bigObjective), /too many/);
  bigObjective.dispose();
});

test('OpenAI-ES and PolyStepES solve quadratic models end to end, each best cost the exact cost of its assignment', async () => {
  const models = [
    ['Max-Cut', unitCutModel(5, 60, 300)],
    ['QUBO with an offset', randomModel(6, { n: 40, density: 0.3, maxCoefficient: 100, offset: 250n })],
  ] as const;
  for (const [what, model] of models) {
    for (const solver of ['openai-es', 'polystep-es'] as const) {
      const prepared = await createSession({ kind: 'quadratic', model, metricsOf: () => ({}) }, { solver, preset: 'default', seed: 1, backend: 'cpu', threads: 1 });
      const start = prepared.session.best().cost;
      const result = await runSolver(prepared.session, { maxSteps: 40 }, { progressEvery: 0 });
      await prepared.dispose();
      assert.match(prepared.backend, /^cpu/);
      assert.equal(result.evaluations, 40 * (solver === 'openai-es' ? 50 : 2 * model.n), `${solver} on ${what}`);
      assert.equal(result.best.cost, quadraticCost(model, result.best.assignment), `${solver} on ${what}`);
      assert.ok(result.best.cost < start, `${solver} on ${what}: ${start} → ${result.best.cost}`);
    }
  }
});

test('the session factory reports the backend in use and refuses a GPU that is not there', async () => {
  const inst = generateRandomKSat({ numVars: 100, seed: 3 });
  const incremental = await createSession({ kind: 'clauses', inst: inst }, { solver: 'polystep', preset: 'default', seed: 1, backend: 'gpu' });
  assert.equal(incremental.backend, INCREMENTAL_BACKEND);
  const es = await createSession({ kind: 'clauses', inst: inst }, { solver: 'openai-es', preset: 'default', seed: 1, backend: 'cpu' });
  assert.match(es.backend, /^cpu/);
  await es.dispose();
  await assert.rejects(createSession({ kind: 'clauses', inst: inst }, { solver: 'openai-es', preset: 'default', seed: 1, backend: 'gpu' }), BackendUnavailableError);
  const auto = await createSession({ kind: 'clauses', inst: inst }, { solver: 'polystep-es', preset: 'default', seed: 1, backend: 'auto' });
  assert.match(auto.backend, /^cpu/, 'auto falls back to the CPU kernel without a GPU');
  await auto.dispose();
});

test('solve runs the baselines from the CLI and says clearly when the GPU is missing', async () => {
  const uf20 = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');
  const es = await cli('solve', uf20, '--solver', 'openai-es', '--backend', 'cpu', '--steps', '40', '--quiet');
  assert.ok(es.code === 10 || es.code === 30, es.stderr);
  assert.match(es.stdout, /^c openai-es, seed \d+, backend cpu/m);
  const gpu = await cli('solve', uf20, '--solver', 'openai-es', '--backend', 'gpu', '--steps', '5');
  assert.equal(gpu.code, 1);
  assert.match(gpu.stderr, /tfjs-node-gpu/);
  assert.equal((await cli('solve', uf20, '--solver', 'annealing')).code, 2);
});
