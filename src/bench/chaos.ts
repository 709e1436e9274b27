// `npm run chaos`: kill -9 the service at random moments under a run load, restart it, and check
// that nothing accepted was lost: every run terminal with a terminal event, the database intact.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Rng } from '../common/rng.js';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { startServeChild, stopServeChild, type ServeChild } from './serve-child.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    kills: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'max-wait': { type: 'string', default: '300' },
  },
});
const TOTAL_RUNS = Number(values.runs);
const KILLS = Number(values.kills);
const rng = new Rng(Number(values.seed));
const TERMINAL = new Set(['completed', 'cancelled', 'failed', 'timed_out', 'interrupted']);

type Service = ServeChild;

const start = (db: string) => startServeChild(db, { env: { POLYSTEP_REQUEUE_INTERRUPTED: '0' } });
const kill = (service: Service) => stopServeChild(service.child, 'SIGKILL');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(url: string, body: unknown, type = 'application/json'): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Submits runs until `stopAt`, the run total, or the service's death; collects the ids it accepted (202). */
async function load(service: Service, problemId: string, accepted: string[], stopAt: number): Promise<void> {
  while (accepted.length < TOTAL_RUNS && performance.now() < stopAt) {
    const termination = rng.below(2) === 0 ? { maxSteps: 50 + rng.below(400) } : { timeLimitMs: 50 + rng.below(400) };
    try {
      const res = await post(`${service.url}/v1/runs`, { problemId, solver: rng.below(2) === 0 ? 'polystep' : 'walksat', termination, seed: rng.below(1000) });
      if (res.status === 202) accepted.push(((await res.json()) as { id: string }).id);
      else await sleep(50);
    } catch {
      return; // the service is gone: a kill
    }
  }
}

interface Audit {
  readonly lost: string[];
  readonly notTerminal: string[];
  readonly noTerminalEvent: string[];
  readonly noStopReason: string[];
  readonly integrity: string;
}

function audit(db: string, accepted: string[]): Audit {
  const sql = new BetterSqlite3(db, { readonly: true });
  try {
    const status = sql.prepare('SELECT status, stop_reason FROM runs WHERE id = ?');
    const terminalEvent = sql.prepare("SELECT COUNT(*) AS n FROM run_events WHERE run_id = ? AND type = 'status' AND status IN ('completed', 'cancelled', 'failed', 'timed_out', 'interrupted')");
    const result: Audit = { lost: [], notTerminal: [], noTerminalEvent: [], noStopReason: [], integrity: (sql.pragma('integrity_check', { simple: true }) as string) ?? 'unknown' };
    for (const id of accepted) {
      const row = status.get(id) as { status: string; stop_reason: string | null } | undefined;
      if (row === undefined) result.lost.push(id);
      else if (!TERMINAL.has(row.status)) result.notTerminal.push(id);
      else {
        if ((terminalEvent.get(id) as { n: number }).n === 0) result.noTerminalEvent.push(id);
        if (row.stop_reason === null && row.status !== 'failed' && row.status !== 'cancelled') result.noStopReason.push(`${id} (${row.status})`);
      }
    }
    return result;
  } finally {
    sql.close();
  }
}

async function waitForAll(service: Service, accepted: string[], maxWaitMs: number): Promise<void> {
  const until = performance.now() + maxWaitMs;
  for (const id of accepted) {
    for (;;) {
      const run = (await (await fetch(`${service.url}/v1/runs/${id}`)).json()) as { status?: string };
      if (run.status !== undefined && TERMINAL.has(run.status)) break;
      if (performance.now() > until) return;
      await sleep(100);
    }
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-chaos-'));
  const db = join(dir, 'chaos.db');
  const accepted: string[] = [];
  let service = await start(db);
  const upload = await post(`${service.url}/v1/problems`, readFileSync(join(INSTANCES_DIR, 'satlib/uf50-218/uf50-01.cnf'), 'utf8'), 'text/plain');
  const problemId = ((await upload.json()) as { id: string }).id;
  for (let k = 0; k < KILLS; k++) {
    // The kill lands at a random moment of the load: between requests, mid-request, mid-run.
    const loading = load(service, problemId, accepted, Number.POSITIVE_INFINITY);
    await sleep(200 + rng.below(1800));
    await kill(service);
    await loading;
    service = await start(db);
  }
  await load(service, problemId, accepted, Number.POSITIVE_INFINITY);
  await waitForAll(service, accepted, Number(values['max-wait']) * 1000);
  await stopServeChild(service.child);
  const result = audit(db, accepted);
  const line = (name: string, ids: string[]) => console.log(`${name.padEnd(38)} ${ids.length}${ids.length > 0 ? `  e.g. ${ids.slice(0, 3).join(', ')}` : ''}`);
  console.log(`chaos: ${KILLS} kill -9 during a load of ${accepted.length} accepted runs (seed ${values.seed})`);
  line('accepted runs lost', result.lost);
  line('runs not terminal after restart', result.notTerminal);
  line('terminal runs without terminal event', result.noTerminalEvent);
  line('ended runs without a stop reason', result.noStopReason);
  console.log(`${'integrity_check'.padEnd(38)} ${result.integrity}`);
  rmSync(dir, { recursive: true, force: true });
  const ok = result.lost.length + result.notTerminal.length + result.noTerminalEvent.length === 0 && result.integrity === 'ok';
  process.exitCode = ok ? 0 : 1;
}

await main();
