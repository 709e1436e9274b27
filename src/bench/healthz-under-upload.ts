// `npm run bench:healthz [-- --file F] [--repo DIR] [--solving N] [--interval-ms 5]`: /healthz latency
// while a large upload (default: the paper's 1,000,000-variable instance, 103 MB) is received and
// parsed. Starts the service of `--repo` (default: this one) on a free loopback port, starts a
// /healthz request every interval (open loop, so a blocked event loop shows in full), and prints
// p50 / p90 / p99 / max for idle and for the upload's duration.

import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { paperInstanceFile } from './bench-cache.js';
import { startServeChild, stopServeChild, type ServeChild } from './serve-child.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    repo: { type: 'string', default: resolve(INSTANCES_DIR, '..') },
    solving: { type: 'string', default: '0' },
    'interval-ms': { type: 'string', default: '5' },
    samples: { type: 'string', default: '200' },
  },
});
const intervalMs = Number(values['interval-ms']);
const minSamples = Number(values.samples);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** The service of `repo` with as many workers as runs it must solve side by side, and a 256 MiB upload limit. */
async function startServer(repo: string, dir: string, solving: number): Promise<{ child: ServeChild['child']; port: number }> {
  const env = { POLYSTEP_MAX_UPLOAD_BYTES: String(256 << 20) };
  const { child, url } = await startServeChild(join(dir, 'bench.db'), { env, bin: join(repo, 'bin/polystep.js'), workers: Math.max(1, solving) });
  return { child, port: Number(new URL(url).port) };
}

function send(port: number, method: string, path: string, body?: Buffer | string | NodeJS.ReadableStream, type = 'application/json'): Promise<{ status: number; text: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolveSend, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body === undefined ? {} : { 'Content-Type': type } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveSend({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else (body as NodeJS.ReadableStream).pipe(req);
  });
}

/** A failed request (reset while the service was blocked) counts as slower than any answer. */
function percentiles(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const fmt = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'failed');
  const p = (q: number) => fmt(s[Math.max(0, Math.ceil(q * s.length) - 1)]);
  const failed = s.filter((v) => !Number.isFinite(v)).length;
  return `n=${s.length} p50 ${p(0.5)}, p90 ${p(0.9)}, p99 ${p(0.99)}, max ${fmt(s[s.length - 1])}${failed > 0 ? ` (${failed} failed)` : ''}`;
}

/** Starts a /healthz request every interval until `until` settles and `minSamples` have been started. */
async function pollHealth(port: number, until: Promise<unknown>): Promise<number[]> {
  let over = false;
  void until.finally(() => (over = true));
  const pending: Promise<number>[] = [];
  while (!over || pending.length < minSamples) {
    pending.push(send(port, 'GET', '/healthz').then((r) => (r.status === 200 ? r.ms : Number.POSITIVE_INFINITY), () => Number.POSITIVE_INFINITY));
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return Promise.all(pending);
}

async function startRuns(port: number, count: number): Promise<void> {
  const uf50 = readFileSync(resolve(INSTANCES_DIR, 'satlib/uf50-218/uf50-01.cnf'), 'utf8');
  for (let i = 0; i < count; i++) {
    const res = await send(port, 'POST', '/v1/runs', JSON.stringify({ problem: { format: 'cnf', content: uf50 }, solver: 'walksat', termination: { timeLimitMs: 120_000 }, seed: i + 1 }));
    if (res.status !== 202) throw new Error(`run not accepted: ${res.status} ${res.text}`);
  }
}

const file = values.file ?? (await paperInstanceFile(1_000_000, 42));
const dir = mkdtempSync(join(tmpdir(), 'polystep-healthz-'));
const { child, port } = await startServer(resolve(values.repo!), dir, Number(values.solving));
process.on('exit', () => child.kill('SIGKILL')); // never leave the service behind, even on a crash
try {
  console.log(`service: ${values.repo} on 127.0.0.1:${port}; upload ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB); /healthz every ${intervalMs} ms`);
  await startRuns(port, Number(values.solving));
  if (Number(values.solving) > 0) console.log(`${values.solving} walksat run(s) solving meanwhile`);
  const idle = await pollHealth(port, new Promise((r) => setTimeout(r, 0)));
  console.log(`idle:          ${percentiles(idle)}`);
  const upload = send(port, 'POST', '/v1/problems?name=bench.cnf', createReadStream(file, { highWaterMark: 1 << 16 }), 'text/plain');
  const during = await pollHealth(port, upload);
  const result = await upload;
  console.log(`during upload: ${percentiles(during)}`);
  console.log(`upload: ${result.status} in ${(result.ms / 1000).toFixed(2)} s ${result.status >= 300 ? result.text.slice(0, 200) : ''}`);
} finally {
  agent.destroy();
  await stopServeChild(child);
  rmSync(dir, { recursive: true, force: true });
}
