import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import type { RunJob, WorkerEvent } from '../src/jobs/run-job.js';
import { WorkerPool, type TerminalEvent } from '../src/jobs/worker-pool.js';
import { defaultPoolSize } from '../src/jobs/default-pool-size.js';
import { instancesDir, repoRoot } from './support/paths.js';

const uf50Path = join(instancesDir, 'satlib/uf50-218/uf50-01.cnf');
const paperPath = join(instancesDir, 'paper/random-3sat-n1000-s42.cnf');
const satisfiableWcnf = 'h 1 2 0\n1 -1 0\n1 3 0\n';

let nextId = 0;

/** A fresh buffer per job, since the pool transfers (detaches) it. */
function gzip(text: string | Buffer): Uint8Array {
  return new Uint8Array(gzipSync(text));
}

function job(content: string | Buffer, overrides: Partial<RunJob> = {}): RunJob {
  return {
    runId: `run-${++nextId}`,
    contentGzip: gzip(content),
    family: 'maxsat',
    format: 'cnf',
    options: {},
    solver: 'polystep',
    backend: 'cpu',
    preset: 'default',
    config: {},
    termination: { maxSteps: 300 },
    seed: 1,
    progressEveryMs: 5,
    ...overrides,
  };
}

/** A failed assertion must not leave workers behind: they would keep the test process alive. */
async function withPool(opts: ConstructorParameters<typeof WorkerPool>[0], body: (pool: WorkerPool) => Promise<void>): Promise<void> {
  const pool = new WorkerPool(opts);
  try {
    await body(pool);
  } finally {
    await pool.close({ graceMs: 500 });
  }
}

function load(path: string): MaxSatInstance {
  const parsed = parseDimacs(readFileSync(path), { format: 'cnf' });
  assert.ok(parsed.ok);
  return parsed.value;
}

function finished(event: TerminalEvent): Extract<WorkerEvent, { type: 'finished' }> {
  assert.equal(event.type, 'finished', event.type === 'failed' ? event.error : '');
  return event as Extract<WorkerEvent, { type: 'finished' }>;
}

function assertVerified(inst: MaxSatInstance, event: Extract<WorkerEvent, { type: 'finished' }>): void {
  assert.equal(event.best.assignment.length, inst.numVars);
  assert.equal(verifyAssignment(inst, event.best.assignment).cost, event.best.cost);
}

test('a uf50 job runs to max_steps with started, improvements, progress and a verified finish in order', () =>
  withPool({ size: 1 }, async (pool) => {
    const events: WorkerEvent[] = [];
    const submitted = job(readFileSync(uf50Path));
    const result = finished(await pool.run(submitted, (e) => events.push(e)));
    assert.equal(submitted.contentGzip.byteLength, 0, 'the gzip content is transferred, not copied');
    const types = events.map((e) => (e.type === 'trace' ? e.event.type : e.type));
    assert.equal(types[0], 'started');
    assert.equal(types.at(-1), 'finished');
    assert.ok(types.indexOf('improvement') > 0 && types.indexOf('improvement') < types.indexOf('progress'));
    assert.deepEqual(new Set(types.slice(1, -1)), new Set(['improvement', 'progress']));
    const started = events[0] as Extract<WorkerEvent, { type: 'started' }>;
    assert.deepEqual([started.variables, started.terms, started.backend], [50, 218, 'cpu (incremental)']);
    assert.deepEqual([result.reason, result.steps], ['max_steps', 300]);
    assertVerified(load(uf50Path), result);
    const lastImprovement = events.flatMap((e) => (e.type === 'trace' && e.event.type === 'improvement' ? [e.event] : [])).at(-1);
    assert.equal(lastImprovement?.bestCost, result.best.cost);
  }));

test('a long job cancelled after its first improvement finishes aborted within 2 s with a verified best', () =>
  withPool({ size: 1 }, async (pool) => {
    let cancelledAt = 0;
    const pending = pool.run(job(readFileSync(paperPath), { termination: { maxSteps: 10_000_000 } }), (e) => {
      if (e.type === 'trace' && e.event.type === 'improvement' && cancelledAt === 0) {
        cancelledAt = performance.now();
        assert.equal(pool.cancel(e.runId), true);
      }
    });
    const result = finished(await pending);
    const latency = performance.now() - cancelledAt;
    assert.equal(result.reason, 'aborted');
    assert.ok(latency < 2000, `finished ${latency.toFixed(0)} ms after the cancel`);
    assertVerified(load(paperPath), result);
    assert.equal(pool.cancel(result.runId), false);
  }));

test('two jobs run in parallel on a pool of two, and a third run is rejected while both are busy', () =>
  withPool({ size: 2 }, async (pool) => {
    // Both runs would take a minute: they can only both start if they run side by side. Once both
    // have started, they are cancelled (no wall-clock race with a short time limit).
    const started = new Set<string>();
    let bothStarted: () => void = () => {};
    const ready = new Promise<void>((resolve) => (bothStarted = resolve));
    const track = (e: WorkerEvent) => {
      if (e.type === 'started') started.add(e.runId);
      if (started.size === 2) bothStarted();
    };
    const content = readFileSync(paperPath);
    const jobs = [0, 1].map(() => job(content, { termination: { timeLimitMs: 60_000 } }));
    const both = jobs.map((j) => pool.run(j, track));
    assert.deepEqual([pool.busy, pool.idle], [2, 0]);
    await assert.rejects(pool.run(job(content), () => {}), /no idle worker/);
    await ready;
    for (const j of jobs) assert.ok(pool.cancel(j.runId));
    const results = (await Promise.all(both)).map(finished);
    assert.deepEqual(results.map((r) => r.reason), ['aborted', 'aborted']);
    assert.deepEqual([pool.busy, pool.idle], [0, 2]);
    finished(await pool.run(job(readFileSync(uf50Path)), () => {}));
  }));

test('bad DIMACS and an invalid config each give a failed event, and the worker stays usable', async () => {
  const seen: WorkerEvent[] = [];
  await withPool({ size: 1, onEvent: (e) => seen.push(e) }, async (pool) => {
    const bad = await pool.run(job('p cnf 2 1\n1 x 0\n'), () => {});
    assert.equal(bad.type, 'failed');
    assert.match(bad.type === 'failed' ? bad.error : '', /unexpected/);
    const badConfig = await pool.run(job(readFileSync(uf50Path), { config: { particleDim: 1 } }), () => {});
    assert.equal(badConfig.type, 'failed');
    assert.match(badConfig.type === 'failed' ? badConfig.error : '', /particleDim/);
    assert.doesNotMatch(badConfig.type === 'failed' ? badConfig.error : '', /\n\s+at /, 'no stack trace');
    finished(await pool.run(job(readFileSync(uf50Path), { termination: { maxSteps: 10 } }), () => {}));
  });
  assert.ok(seen.some((e) => e.type === 'failed') && seen.at(-1)?.type === 'finished', 'the pool listener sees every event');
});

test('targetCost 0 on a satisfiable WCNF ends the run as optimal or target_reached', () =>
  withPool({ size: 1 }, async (pool) => {
    const submitted = job(satisfiableWcnf, { format: 'wcnf', termination: { targetCost: '0', maxSteps: 5000 } });
    const result = finished(await pool.run(submitted, () => {}));
    assert.ok(['optimal', 'target_reached'].includes(result.reason), result.reason);
    assert.deepEqual([result.best.cost, result.best.feasible], [0n, true]);
  }));

test('a worker that crashes fails its run and is replaced on the next run', () => {
  const crashing = "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));";
  return withPool({ size: 1, workerUrl: new URL(`data:text/javascript,${encodeURIComponent(crashing)}`) }, async (pool) => {
    for (let i = 0; i < 2; i++) {
      const result = await pool.run(job(satisfiableWcnf), () => {});
      assert.equal(result.type, 'failed');
      assert.match(result.type === 'failed' ? result.error : '', /worker exited unexpectedly \(exit code 3\)/);
      assert.deepEqual([pool.busy, pool.idle], [0, 1]);
    }
  });
});

test('close() while a job runs finishes it as aborted, then refuses new runs', () =>
  withPool({ size: 2 }, async (pool) => {
    let startedRun!: () => void;
    const running = new Promise<void>((resolve) => (startedRun = resolve));
    const pending = pool.run(job(readFileSync(paperPath), { termination: { maxSteps: 10_000_000 } }), (e) => {
      if (e.type === 'started') startedRun();
    });
    await running;
    await pool.close({ graceMs: 2000 });
    const result = finished(await pending);
    assert.equal(result.reason, 'aborted');
    assertVerified(load(paperPath), result);
    assert.deepEqual([pool.busy, pool.idle], [0, 0]);
    await assert.rejects(pool.run(job(satisfiableWcnf), () => {}), /closed/);
  }));

test('a process that closes its pool while a job runs exits by itself', async () => {
  const poolUrl = pathToFileURL(join(repoRoot, 'dist/src/jobs/worker-pool.js')).href;
  // A file, not `node -e`: workers inherit execArgv, and --input-type is refused in a worker.
  const script = join(mkdtempSync(join(tmpdir(), 'polystep-pool-')), 'close-while-running.mjs');
  writeFileSync(
    script,
    `import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
    import { gzipSync } from 'node:zlib';
    import { WorkerPool } from ${JSON.stringify(poolUrl)};
    const pool = new WorkerPool({ size: 2 });
    const job = { runId: 'x', contentGzip: gzipSync(readFileSync(${JSON.stringify(paperPath)})), family: 'maxsat', format: 'cnf', options: {}, solver: 'polystep',
      preset: 'default', config: {}, termination: { maxSteps: 1e9 }, seed: 0, progressEveryMs: 1000 };
    const done = pool.run(job, () => {});
    setTimeout(() => pool.close({ graceMs: 1000 }).then(() => done).then((e) => console.log(e.type, e.reason ?? e.error)), 200);\n`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  clearTimeout(killer);
  assert.deepEqual([code, signal, stdout.trim()], [0, null, 'finished aborted']);
});

test('the default pool size leaves one core free but is at least 1', () => {
  assert.ok(Number.isInteger(defaultPoolSize()) && defaultPoolSize() >= 1);
});
