import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { gapOf } from '../src/bench/aggregate.js';
import { parseSolverList } from '../src/bench/solver-spec.js';
import { resolveSuite, type BenchInstance } from '../src/bench/suites.js';
import { BenchmarkRunner, cellTermination, type BenchProgress } from '../src/jobs/benchmark-runner.js';
import type { RunJob } from '../src/jobs/run-job.js';
import { WorkerPool } from '../src/jobs/worker-pool.js';
import { runSolver } from '../src/solvers/run-loop.js';
import type { BestSolution, SolverSession } from '../src/solvers/solver.js';
import type { CellBudget } from '../src/store/benchmark-records.js';
import { BenchmarkRepository, cellKey } from '../src/store/benchmark-repository.js';
import { closeDatabase, openDatabase } from '../src/store/db.js';
import { applyMigrations } from '../src/store/migrate.js';

const pools: WorkerPool[] = [];
after(() => Promise.all(pools.map((p) => p.close())));
function pool(size: number): WorkerPool {
  const p = new WorkerPool({ size });
  pools.push(p);
  return p;
}

function repository(): BenchmarkRepository {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  after(() => closeDatabase(db));
  return new BenchmarkRepository(db);
}

const uf20 = (await resolveSuite('satlib/uf20-91/uf20-0?.cnf')).slice(0, 2);

function setup(opts: { instances: readonly BenchInstance[]; solvers: string; seeds: number; budget: CellBudget; name?: string }) {
  const repo = repository();
  const solvers = parseSolverList(opts.solvers);
  const benchmark = repo.create({
    name: opts.name ?? 'test',
    suite: 'test',
    solvers: solvers.map((s) => s.key),
    seeds: opts.seeds,
    budget: opts.budget,
    totalCells: opts.instances.length * solvers.length * opts.seeds,
  });
  return { repo, solvers, benchmark, instances: opts.instances };
}

test('each cell is stored once with a falling curve, its time to best, and whether it reached the optimum', async () => {
  const { repo, benchmark, instances, solvers } = setup({ instances: uf20, solvers: 'walksat,polystep:default', seeds: 2, budget: { timeLimitMs: 300 } });
  const seen: BenchProgress[] = [];
  const runner = new BenchmarkRunner({ repository: repo, pool: pool(2), benchmark, instances, solvers, onProgress: (p) => seen.push(p) });
  assert.equal(await runner.run(), 'completed');
  const cells = repo.cells(benchmark.id);
  assert.equal(cells.length, 8);
  assert.equal(repo.get(benchmark.id)?.status, 'completed');
  for (const c of cells) {
    assert.equal(c.error, null);
    assert.equal(c.optimum, 0n);
    assert.ok(c.curve.length > 0 && c.feasible === true && c.objective !== null);
    assert.equal(c.sense, 'min');
    assert.ok(typeof c.metrics?.satRatio === 'number' && c.metrics.satRatio <= 1, 'the best point\'s MAX-SAT metrics are kept');
    const costs = c.curve.map(([, cost]) => BigInt(cost));
    for (let i = 1; i < costs.length; i++) assert.ok(costs[i] < costs[i - 1], 'each point improves');
    assert.equal(costs[costs.length - 1], c.objective);
    assert.equal(c.timeToBestMs, c.curve[c.curve.length - 1][0]);
    assert.equal(c.reachedBest, c.objective === 0n);
    assert.ok(c.wallMs >= c.timeToBestMs! && c.evaluations > 0 && c.steps > 0);
  }
  assert.ok(cells.filter((c) => c.solverKey === 'walksat').every((c) => c.reachedBest), 'walksat solves uf20 well within 300 ms');
  const stored = seen.filter((p) => p.stored !== undefined).map((p) => p.done);
  assert.deepEqual(stored, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(seen.some((p) => p.running.length === 2), 'two cells ran at once on two workers');
});

test('a cancelled benchmark resumes: stored cells are skipped and every cell ends up stored exactly once', async () => {
  const { repo, benchmark, instances, solvers } = setup({ instances: uf20, solvers: 'walksat,probsat', seeds: 2, budget: { timeLimitMs: 300 } });
  const shared = pool(1);
  const first = new BenchmarkRunner({ repository: repo, pool: shared, benchmark, instances, solvers, onProgress: (p) => p.done === 3 && first.cancel() });
  assert.equal(await first.run(), 'cancelled');
  assert.deepEqual([repo.get(benchmark.id)?.status, repo.cells(benchmark.id).length], ['cancelled', 3]);
  const resumedCells: string[] = [];
  const second = new BenchmarkRunner({ repository: repo, pool: shared, benchmark, instances, solvers, onProgress: (p) => p.stored && resumedCells.push(cellKey(p.stored)) });
  assert.equal(await second.run(), 'completed');
  assert.equal(resumedCells.length, 5, 'only the five missing cells ran');
  assert.equal(repo.cells(benchmark.id).length, 8);
  assert.equal(repo.doneKeys(benchmark.id).size, 8);
  let again = 0;
  const third = new BenchmarkRunner({ repository: repo, pool: shared, benchmark, instances, solvers, onProgress: (p) => p.stored && again++ });
  assert.deepEqual([await third.run(), again], ['completed', 0]);
});

test('failures become cells with their error: unreadable content, content the worker cannot parse, a solver the build lacks', async () => {
  const fake = (id: string, contentGzip: () => Promise<Uint8Array>): BenchInstance => ({
    id,
    family: 'fake',
    problem: 'maxsat',
    format: 'cnf',
    select: null,
    sense: 'min',
    variables: 3,
    terms: 1,
    optimum: null,
    bestKnown: null,
    contentGzip,
  });
  const instances = [
    fake('bad-dimacs', async () => gzipSync('p cnf 3 1\n1 -0\n')),
    fake('gone', async () => {
      throw new Error('ENOENT: no such file');
    }),
    uf20[0],
  ];
  const { repo, benchmark, solvers } = setup({ instances, solvers: 'walksat,probsat', seeds: 1, budget: { timeLimitMs: 200 } });
  const runner = new BenchmarkRunner({ repository: repo, pool: pool(1), benchmark, instances, solvers, availableSolvers: ['walksat'] });
  assert.equal(await runner.run(), 'completed');
  const errors = Object.fromEntries(repo.cells(benchmark.id).map((c) => [`${c.instance} ${c.solverKey}`, c.error]));
  assert.match(errors['bad-dimacs walksat'] ?? '', /-0/);
  assert.equal(errors['gone walksat'], 'cannot read instance gone: ENOENT: no such file');
  assert.equal(errors[`${uf20[0].id} walksat`], null);
  for (const id of ['bad-dimacs', 'gone', uf20[0].id]) assert.match(errors[`${id} probsat`] ?? '', /solver probsat is not available in this build/);
  const failed = repo.cells(benchmark.id).find((c) => c.instance === 'gone')!;
  assert.deepEqual([failed.objective, failed.feasible, failed.metrics, failed.reachedBest, failed.curve], [null, null, null, null, []]);
});

/** A session that spends 10 evaluations per step and never improves. */
class FlatSession implements SolverSession {
  steps = 0;
  evaluations = 0;
  readonly lowerBound = 0n;
  private readonly solution: BestSolution = { cost: 5n, feasible: true, hardFalsified: 0, metrics: { satRatio: 0.5 }, assignment: new Uint8Array(1), step: 0 };
  step(): void {
    this.steps++;
    this.evaluations += 10;
  }
  current() {
    return { cost: 5, metrics: { satRatio: 0.5 } };
  }
  best(): BestSolution {
    return this.solution;
  }
}

test('an evaluation budget stops the run loop once evaluations reach it, and each cell on a worker', async () => {
  const result = await runSolver(new FlatSession(), { maxEvaluations: 35, maxSteps: 100 });
  assert.deepEqual([result.reason, result.step, result.evaluations], ['max_evaluations', 4, 40]);
  assert.deepEqual(cellTermination({ maxEvaluations: 50 }, { optimum: null, sense: 'min' }), { maxEvaluations: 50 });
  assert.deepEqual(cellTermination({ timeLimitMs: 9 }, { optimum: 3n, sense: 'min' }), { timeLimitMs: 9, targetCost: '3' }, 'a proven optimum ends a cell early');
  assert.deepEqual(cellTermination({ timeLimitMs: 9 }, { optimum: 2098n, sense: 'max' }), { timeLimitMs: 9, targetCost: '-2098' }, 'a maximised optimum is the engine cost −optimum');
  const [unsat] = await resolveSuite('satlib/uuf50-218/uuf50-01.cnf');
  const { repo, benchmark, solvers } = setup({ instances: [unsat], solvers: 'walksat,polystep:default', seeds: 1, budget: { maxEvaluations: 500 } });
  assert.equal(await new BenchmarkRunner({ repository: repo, pool: pool(1), benchmark, instances: [unsat], solvers }).run(), 'completed');
  for (const c of repo.cells(benchmark.id)) {
    const perStep = c.evaluations / c.steps;
    assert.ok(c.evaluations >= 500 && c.evaluations - perStep < 500, `${c.solverKey}: ${c.evaluations} evaluations in ${c.steps} steps`);
  }
});

test('on a shared pool the runner takes only idle workers, letting the other user go first', async () => {
  const shared = pool(1);
  const { repo, benchmark, instances, solvers } = setup({ instances: uf20.slice(0, 1), solvers: 'walksat', seeds: 2, budget: { timeLimitMs: 200 } });
  const content = await uf20[1].contentGzip();
  let foreign: Promise<unknown> | null = null;
  const order: string[] = [];
  const job: RunJob = { runId: 'foreign', contentGzip: content, family: 'maxsat', format: 'cnf', options: {}, solver: 'polystep', backend: 'cpu', preset: 'default', config: {}, termination: { maxSteps: 30 }, seed: 1, progressEveryMs: 1000 };
  const beforeFill = () => {
    // The first time the runner looks for a worker, another user takes the only one.
    foreign ??= shared.run(job, () => {}).then(() => order.push('foreign'));
  };
  const runner = new BenchmarkRunner({ repository: repo, pool: shared, benchmark, instances, solvers, beforeFill, pollMs: 10, onProgress: (p) => p.stored && order.push('cell') });
  assert.equal(await runner.run(), 'completed');
  assert.deepEqual(order, ['foreign', 'cell', 'cell']);
});

test('an instance whose gzip bytes own their buffer serves every cell (the pool detaches what it transfers)', async () => {
  const [paper1k] = await resolveSuite('paper-random');
  assert.equal(paper1k.id, 'paper-random/n1000-s42');
  const gz = await paper1k.contentGzip();
  assert.equal(gz.byteLength, gz.buffer.byteLength, 'large enough for the pool to transfer rather than copy');
  const { repo, benchmark, solvers } = setup({ instances: [paper1k], solvers: 'walksat,probsat', seeds: 2, budget: { maxEvaluations: 2000 } });
  assert.equal(await new BenchmarkRunner({ repository: repo, pool: pool(1), benchmark, instances: [paper1k], solvers }).run(), 'completed');
  const cells = repo.cells(benchmark.id);
  assert.equal(cells.length, 4);
  assert.deepEqual(cells.map((c) => c.error), [null, null, null, null]);
});

test('a cancel written by another process while cells run is not undone by the runner', async () => {
  const { repo, benchmark, solvers, instances } = setup({ instances: uf20, solvers: 'walksat', seeds: 2, budget: { maxEvaluations: 2000 } });
  const runner = new BenchmarkRunner({ repository: repo, pool: pool(1), benchmark, instances, solvers, onProgress: (p) => p.stored && repo.setStatus(benchmark.id, 'cancelled') });
  assert.equal(await runner.run(), 'cancelled');
  assert.equal(repo.get(benchmark.id)?.status, 'cancelled');
});

test('a Max-Cut cell stores the cut in the max sense: a rising curve, the cut weight metric, gap ≥ 0 to the best-known cut', async () => {
  const [g1] = await resolveSuite('gset/G1.txt');
  assert.deepEqual([g1.problem, g1.sense, g1.bestKnown], ['maxcut', 'max', 11624n]);
  const { repo, benchmark, solvers } = setup({ instances: [g1], solvers: 'polystep', seeds: 1, budget: { maxEvaluations: 3000 } });
  assert.equal(await new BenchmarkRunner({ repository: repo, pool: pool(1), benchmark, instances: [g1], solvers }).run(), 'completed');
  const [c] = repo.cells(benchmark.id);
  assert.equal(c.error, null);
  assert.deepEqual([c.sense, c.feasible, c.bestKnown, c.optimum], ['max', true, 11624n, null]);
  const cut = c.objective!;
  assert.ok(cut > 0n && cut <= 11624n, `a cut of G1 (${cut}) is positive and at most the best known`);
  assert.equal(c.metrics?.cutWeight, Number(cut), 'the cut weight metric is the objective');
  const cuts = c.curve.map(([, v]) => BigInt(v));
  for (let i = 1; i < cuts.length; i++) assert.ok(cuts[i] > cuts[i - 1], 'each point is a larger cut');
  assert.equal(cuts[cuts.length - 1], cut);
  assert.equal(c.reachedBest, cut === 11624n);
  const gap = gapOf(c);
  assert.ok(gap !== null && gap >= 0 && gap < 1, `gap ${gap}`);
  assert.equal(gap, Number(11624n - cut) / 11624);
});
