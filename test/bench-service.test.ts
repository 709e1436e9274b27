import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { CellResult } from '../src/store/benchmark-records.js';
import { BenchmarkRepository } from '../src/store/benchmark-repository.js';
import { closeDatabase, openDatabase } from '../src/store/db.js';
import { eventually, servicesClosedAfter, testService, type TestService } from './support/test-service.js';

const service = servicesClosedAfter();

const svc = service({ workers: 2 });
const quick = { suite: 'satlib/uf20-91/uf20-0?.cnf', solvers: ['walksat', 'probsat'], seeds: 2, timeLimitMs: 200 };
/** Cells that only stop at their time limit: uuf50 is unsatisfiable. */
const slow = { suite: 'satlib/uuf50-218', solvers: 'polystep:paper', seeds: 3, timeLimitMs: 20_000 };

async function status(s: TestService, id: string, wanted: (b: any) => boolean, timeoutMs = 10_000): Promise<any> {
  return eventually(async () => {
    const b = (await request(s.app).get(`/v1/benchmarks/${id}`).expect(200)).body;
    return wanted(b) ? b : undefined;
  }, timeoutMs);
}

test('a benchmark posted over REST runs to completion with progress per solver, and is listed', async () => {
  const posted = await request(svc.app).post('/v1/benchmarks').send({ ...quick, name: 'rest-quick' }).expect(202);
  assert.match(posted.body.id, /^bm_[0-9a-f]{20}$/);
  assert.equal(posted.headers.location, `/v1/benchmarks/${posted.body.id}`);
  assert.deepEqual(posted.body.links, { self: `/v1/benchmarks/${posted.body.id}`, report: `/v1/benchmarks/${posted.body.id}/report` });
  const done = await status(svc, posted.body.id, (b) => b.status === 'completed');
  assert.deepEqual([done.name, done.suite, done.solvers, done.seeds, done.budget, done.error], ['rest-quick', quick.suite, ['walksat', 'probsat'], 2, { timeLimitMs: 200 }, null]);
  const counts = done.progress.bySolver.map(({ solverKey, doneCells, errors, totalCells }: any) => ({ solverKey, doneCells, errors, totalCells }));
  assert.deepEqual({ ...done.progress, bySolver: counts }, {
    doneCells: 36,
    totalCells: 36,
    fraction: 1,
    bySolver: [
      { solverKey: 'walksat', doneCells: 18, errors: 0, totalCells: 18 },
      { solverKey: 'probsat', doneCells: 18, errors: 0, totalCells: 18 },
    ],
    running: [],
  });
  const cells = svc.deps.benchmarks.cells(posted.body.id);
  for (const s of done.progress.bySolver) {
    // uf20 instances are satisfiable (optimum 0, minimised): the view's standing agrees with the stored cells.
    const mine = cells.filter((c) => c.solverKey === s.solverKey);
    const reached = mine.filter((c) => c.objective === 0n).length;
    const meanGap = mine.reduce((sum, c) => sum + Number(c.objective), 0) / mine.length;
    assert.deepEqual([s.sense, s.withReference, s.reached, s.reachedRate, s.meanGap], ['min', 18, reached, reached / 18, meanGap], s.solverKey);
  }
  assert.ok(done.timestamps.startedAt !== null && done.timestamps.finishedAt !== null);
  const list = (await request(svc.app).get('/v1/benchmarks?limit=5').expect(200)).body;
  assert.ok(list.items.some((b: { id: string }) => b.id === posted.body.id));
  assert.equal(svc.deps.benchmarks.cells(posted.body.id).length, 36);

  const again = await request(svc.app).post('/v1/benchmarks').send({ ...quick, name: 'rest-quick', solvers: 'probsat,walksat' }).expect(202);
  assert.deepEqual([again.body.id, again.body.status], [posted.body.id, 'completed'], 'the same definition resumes; a completed one has nothing to do');
  const conflict = await request(svc.app).post('/v1/benchmarks').send({ ...quick, name: 'rest-quick', seeds: 3 }).expect(409);
  assert.equal(conflict.body.code, 'BENCHMARK_EXISTS');
  assert.match(conflict.body.detail, /seeds 2 ≠ 3/);
});

test('DELETE cancels a running benchmark at once, dropping the cells in flight; a second DELETE is 409', async () => {
  const { body } = await request(svc.app).post('/v1/benchmarks').send(slow).expect(202);
  const running = await status(svc, body.id, (b) => b.progress.running.length > 0);
  assert.equal(running.status, 'running');
  assert.match(running.name, /^satlib\/uuf50-218-[0-9a-f]{8}$/, 'a fresh name when none is given');
  const cancelled = await request(svc.app).delete(`/v1/benchmarks/${body.id}`).expect(202);
  assert.deepEqual([cancelled.body.status, cancelled.body.progress.doneCells], ['cancelled', 0]);
  await svc.deps.benchmarkService.settled(body.id);
  assert.deepEqual([svc.deps.benchmarks.get(body.id)?.status, svc.deps.benchmarks.cells(body.id).length], ['cancelled', 0]);
  assert.equal((await request(svc.app).delete(`/v1/benchmarks/${body.id}`).expect(409)).body.code, 'BENCHMARK_FINISHED');
  assert.equal((await request(svc.app).delete('/v1/benchmarks/bm_nope').expect(404)).body.code, 'NOT_FOUND');
  assert.equal((await request(svc.app).get('/v1/benchmarks/bm_nope').expect(404)).body.code, 'NOT_FOUND');
});

test('bad suites, solvers and budgets are 400 problem JSON naming the problem', async () => {
  const refusals: [object, string, RegExp][] = [
    [{ ...quick, suite: 'no-such-suite' }, 'INVALID_SUITE', /unknown suite "no-such-suite"/],
    [{ ...quick, suite: 'qubo-gka' }, 'UNSUPPORTED_FAMILY', /^solver walksat does not solve qubo problems; solvers for qubo: .*tabu/],
    [{ ...quick, suite: 'gset-small', solvers: 'tabu,polystep:paper' }, 'INVALID_PRESET', /preset "paper" for polystep on maxcut/],
    [{ ...quick, suite: '/etc' }, 'INVALID_SUITE', /unknown suite "\/etc"/],
    [{ ...quick, suite: '../src' }, 'INVALID_SUITE', /unknown suite/],
    [{ ...quick, solvers: 'walksat,gsat' }, 'INVALID_SOLVER', /unknown solver "gsat"/],
    [{ ...quick, solvers: ['walksat:paper'] }, 'INVALID_SOLVER', /walksat takes no preset/],
    [{ suite: quick.suite, solvers: 'walksat', seeds: 1 }, 'INVALID_REQUEST', /timeLimitMs: give timeLimitMs, maxEvaluations or both/],
    [{ ...quick, seeds: 0 }, 'INVALID_REQUEST', /seeds/],
    [{ ...quick, speed: 'fast' }, 'INVALID_REQUEST', /speed/],
  ];
  for (const [body, code, detail] of refusals) {
    const res = await request(svc.app).post('/v1/benchmarks').send(body).expect(400);
    assert.equal(res.body.code, code, res.text);
    assert.match(res.body.detail, detail);
  }
  const stored = svc.deps.benchmarks.list({ limit: 50, offset: 0 }).items.map((b) => b.suite);
  assert.deepEqual(['no-such-suite', 'qubo-gka', 'gset-small'].filter((suite) => stored.includes(suite)), [], 'refused before anything is stored');
});

test('a queued run takes the next free worker before the benchmark does', async () => {
  const one = service({ workers: 1 });
  const { body } = await request(one.app).post('/v1/benchmarks').send({ ...slow, seeds: 2, timeLimitMs: 400 }).expect(202);
  await status(one, body.id, (b) => b.progress.running.length > 0);
  const problemId = (await request(one.app).post('/v1/problems').send({ format: 'cnf', content: 'p cnf 2 1\n1 2 0\n' }).expect(201)).body.id;
  const run = (await request(one.app).post('/v1/runs').send({ problemId, solver: 'walksat', termination: { maxSteps: 10 } }).expect(202)).body;
  await eventually(async () => ((await request(one.app).get(`/v1/runs/${run.id}`)).body.status === 'completed' ? true : undefined), 5000);
  assert.equal(one.deps.benchmarks.get(body.id)?.doneCells, 1, 'the run went between the first and second cell');
  await status(one, body.id, (b) => b.progress.running.length > 0);
  await request(one.app).delete(`/v1/benchmarks/${body.id}`).expect(202);
});

test('at start, benchmarks a crash left running resume keeping their cells; ones that cannot resume say why', async () => {
  const s = service();
  const repo = s.deps.benchmarks;
  const left = repo.create({ name: 'left-running', suite: 'satlib/uf20-91/uf20-01.cnf', solvers: ['walksat'], seeds: 3, budget: { timeLimitMs: 200 }, totalCells: 3 });
  repo.setStatus(left.id, 'running');
  const sentinel: CellResult = { instance: 'satlib/uf20-91/uf20-01.cnf', family: 'satlib-uf20-91', solverKey: 'walksat', seed: 2, sense: 'min', objective: 0n, feasible: true, metrics: { satRatio: 1 }, bestKnown: 0n, optimum: 0n, reachedBest: true, timeToBestMs: 1, evaluations: 1, steps: 1, wallMs: 12345, error: null, curve: [] };
  repo.insertCell(left.id, sentinel);
  const broken = repo.create({ name: 'suite-gone', suite: 'satlib/no-longer-here', solvers: ['walksat'], seeds: 1, budget: { timeLimitMs: 200 }, totalCells: 20 });
  repo.setStatus(broken.id, 'running');
  const recovered = await s.deps.benchmarkService.recover();
  assert.deepEqual(recovered, { resumed: [left.id], failed: [broken.id] });
  await s.deps.benchmarkService.settled(left.id);
  const cells = repo.cells(left.id);
  assert.deepEqual([repo.get(left.id)?.status, cells.length, cells.find((c) => c.seed === 2)?.wallMs], ['completed', 3, 12345]);
  assert.deepEqual([repo.get(broken.id)?.status, /^cannot resume: unknown suite/.test(repo.get(broken.id)?.error ?? '')], ['interrupted', true]);
});

test('a shutdown stops running benchmarks as interrupted, storing no cell of those in flight', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'polystep-bench-svc-')), 'svc.db');
  const s = testService({ databasePath: path });
  const { body } = await request(s.app).post('/v1/benchmarks').send(slow).expect(202);
  await status(s, body.id, (b) => b.progress.running.length > 0);
  await s.close();
  const db = openDatabase(path);
  const repo = new BenchmarkRepository(db);
  assert.deepEqual([repo.get(body.id)?.status, repo.cells(body.id).length], ['interrupted', 0]);
  closeDatabase(db);
});
