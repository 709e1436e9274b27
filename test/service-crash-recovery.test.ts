// kill -9 recovery: a real `polystep serve` process is killed mid-run, then a service opens the same file.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { assertMatchesOpenApi } from './support/openapi.js';
import { instancesDir, repoRoot } from './support/paths.js';
import { eventually, testService, type TestService } from './support/test-service.js';

const dir = mkdtempSync(join(tmpdir(), 'polystep-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const databasePath = join(dir, 'polystep.db');
const paper1k = readFileSync(join(instancesDir, 'paper/random-3sat-n1000-s42.cnf'), 'utf8');
const slow = { timeout: 120_000 };

interface Served {
  readonly url: string;
  /** Kills the process with SIGKILL and resolves once it is gone. */
  kill9(): Promise<NodeJS.Signals | null>;
}

/** `polystep serve` in a child process on the test's database file, once it listens. */
async function serve(): Promise<Served> {
  const env = { ...process.env, HOST: '127.0.0.1', POLYSTEP_LOG_REQUESTS: '0', POLYSTEP_REQUEUE_INTERRUPTED: '0' };
  const child = spawn(process.execPath, [join(repoRoot, 'bin/polystep.js'), 'serve', '--port', '0', '--db', databasePath, '--workers', '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const listening = stdout.split('\n').map((line) => (line.startsWith('{') ? (JSON.parse(line) as { msg?: string; url?: string }) : {})).find((entry) => entry.msg === 'listening');
      if (listening?.url !== undefined) resolve(listening.url);
    });
    void exited.then(() => reject(new Error(`serve exited before listening: ${stdout}${stderr}`)));
  });
  return {
    url,
    kill9: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

interface RunBody {
  id: string;
  status: string;
  stopReason: string | null;
  attempt: number;
  best: { cost: string } | null;
  timestamps: { finishedAt: string | null };
}

/** Uploads the 1000-variable instance and submits a run that would go on for hours; resolves once
 * the run has a best and some progress is stored, so the process dies in the middle of it. */
async function runUnderway(served: Served): Promise<RunBody> {
  const post = (path: string, body: string, type: string) => fetch(`${served.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': type } }).then((r) => r.json());
  const problem = (await post('/v1/problems', paper1k, 'text/plain')) as { id: string };
  const run = (await post('/v1/runs', JSON.stringify({ problemId: problem.id, termination: { maxSteps: 100_000_000 }, seed: 7 }), 'application/json')) as { id: string };
  return eventually(async () => {
    const current = (await (await fetch(`${served.url}/v1/runs/${run.id}`)).json()) as RunBody;
    const trace = (await (await fetch(`${served.url}/v1/runs/${run.id}/trace`)).json()) as { events: { type: string }[] };
    return current.status === 'running' && current.best !== null && trace.events.some((e) => e.type === 'progress') ? current : undefined;
  }, 30_000);
}

async function eventsOf(svc: TestService, id: string): Promise<{ seq: number; type: string; status?: string; attempt: number }[]> {
  const res = await request(svc.app)
    .get(`/v1/runs/${id}/events`)
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => done(null, text));
    });
  return (res.body as string)
    .split('\n\n')
    .filter((block) => block.startsWith('id: '))
    .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { seq: number; type: string; status?: string; attempt: number });
}

test('a run a killed process left running ends interrupted (crashed) with a terminal status event, its best kept', slow, async () => {
  const served = await serve();
  const seen = await runUnderway(served);
  assert.equal(await served.kill9(), 'SIGKILL');

  const svc = testService({ databasePath });
  try {
    const res = await request(svc.app).get(`/v1/runs/${seen.id}`).expect(200);
    assertMatchesOpenApi('GET', `/v1/runs/${seen.id}`, res);
    const run = res.body as RunBody;
    assert.deepEqual([run.status, run.stopReason, run.attempt], ['interrupted', 'crashed', 1]);
    assert.ok(run.timestamps.finishedAt !== null);
    assert.ok(run.best !== null && BigInt(run.best.cost) <= BigInt(seen.best!.cost), 'the best stored before the crash is kept');
    // The event stream replays the trace and closes at the terminal event it now has.
    const events = await eventsOf(svc, seen.id);
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1));
    assert.deepEqual([events.at(-1)?.type, events.at(-1)?.status], ['status', 'interrupted']);
    assert.equal(events.filter((e) => e.type === 'status' && e.status === 'interrupted').length, 1);
    const solution = await request(svc.app).get(`/v1/runs/${seen.id}/solution`).expect(200);
    assert.equal(solution.body.cost, run.best.cost);
  } finally {
    await svc.close();
  }
});

test('a re-queued run starts over as attempt 2, and its trace tells the attempts apart', slow, async () => {
  const served = await serve();
  const seen = await runUnderway(served);
  assert.equal(await served.kill9(), 'SIGKILL');

  // Recovery is synchronous: by now the run is queued again and (a worker being idle) started.
  const svc = testService({ databasePath, requeueInterrupted: true });
  try {
    const restarted = (await request(svc.app).get(`/v1/runs/${seen.id}`).expect(200)).body as RunBody;
    assert.deepEqual([restarted.status, restarted.attempt, restarted.stopReason], ['running', 2, null]);
    await request(svc.app).delete(`/v1/runs/${seen.id}`).expect(202);
    await eventually(async () => ((await request(svc.app).get(`/v1/runs/${seen.id}`)).body.status === 'cancelled' ? true : undefined), 20_000);

    const events = await eventsOf(svc, seen.id);
    const marker = events.findIndex((e) => e.attempt === 2);
    assert.deepEqual([events[marker].type, events[marker].status], ['status', 'queued'], 'the second attempt opens with a queued status event');
    assert.ok(events.slice(0, marker).every((e) => e.attempt === 1) && events.slice(marker).every((e) => e.attempt === 2));
    assert.ok(events.slice(0, marker).some((e) => e.type === 'progress'), 'the first attempt kept its trace');
    assert.deepEqual(events.slice(marker).filter((e) => e.type === 'status').map((e) => e.status), ['queued', 'running', 'cancelled']);

    const trace = await request(svc.app).get(`/v1/runs/${seen.id}/trace`).expect(200);
    assertMatchesOpenApi('GET', `/v1/runs/${seen.id}/trace`, trace);
    assert.ok((trace.body.events as { attempt: number }[]).some((e) => e.attempt === 1));
    const csv = await request(svc.app).get(`/v1/runs/${seen.id}/trace?format=csv`).expect(200);
    const [header, first] = csv.text.split('\n');
    assert.equal(header.split(',').at(-1), 'attempt');
    assert.equal(first.split(',').at(-1), '1');
  } finally {
    await svc.close();
  }
});
