// `npm run bench:dashboard`: the dashboard's two aims, measured in headless Chromium against an
// in-process service on a loopback port: bytes transferred on a first load of / (no cache), and the
// time to render a run page whose trace has 10,000 points (median of repetitions); also how many
// animation frames the page keeps drawing while its live plot takes 1,000 events a second.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { createApp } from '../service/app.js';
import { buildContainer, disposeDeps, resolveDeps } from '../service/container.js';
import { DEFAULT_SERVICE_CONFIG } from '../service/service-config.js';
import type { NewRunEvent } from '../store/records.js';
import { framesDuring } from './animation-frames.js';
import { summarize } from './repetitions.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, points: { type: 'string', default: '10000' } } });
const runs = Number(values.runs);
const points = Number(values.points);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');

const CHROMIUM = process.env.POLYSTEP_CHROMIUM ?? '/usr/bin/chromium';
const LOAD_AIM_BYTES = 300 * 1024;
const RENDER_AIM_MS = 1000;

const deps = resolveDeps(buildContainer({ ...DEFAULT_SERVICE_CONFIG, databasePath: ':memory:', workers: 1, logRequests: false, rateLimitPerMinute: 0, maxActiveRunsPerClient: 0 }));
deps.service.recover();
const server = http.createServer(createApp(deps, () => {}));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function call<T>(method: string, path: string, body?: string, type = 'application/json'): Promise<T> {
  const res = await fetch(`${base}${path}`, { method, body, headers: body === undefined ? {} : { 'Content-Type': type } });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A finished run whose trace holds `points` plotted events (a short real run, then synthetic progress). */
async function runWithTrace(): Promise<string> {
  const cnf = readFileSync(resolve(INSTANCES_DIR, 'satlib/uuf50-218/uuf50-01.cnf'), 'utf8');
  const problem = await call<{ id: string }>('POST', '/v1/problems?name=uuf50-01.cnf', cnf, 'text/plain');
  const run = await call<{ id: string }>('POST', '/v1/runs', JSON.stringify({ problemId: problem.id, solver: 'walksat', termination: { maxSteps: 50 } }));
  for (;;) {
    const r = await call<{ status: string }>('GET', `/v1/runs/${run.id}`);
    if (!['queued', 'running'].includes(r.status)) break;
    await new Promise((s) => setTimeout(s, 20));
  }
  const have = deps.events.list(run.id, { types: ['progress', 'improvement'] }).length;
  const events: NewRunEvent[] = [];
  for (let i = have; i < points; i++) {
    const step = 100 + i * 10;
    events.push({ type: 'progress', step, evaluations: step * 30, elapsedMs: 5 + i * 0.5, cost: 0.01 + 0.1 / (1 + i), metrics: {}, bestCost: BigInt(Math.max(1, 40 - Math.floor(Math.log2(1 + i) * 3))) });
  }
  deps.events.append(run.id, events);
  return run.id;
}

async function firstLoadBytes(browser: Browser): Promise<{ bytes: number; requests: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  await page.locator('#problem-list').waitFor();
  await context.close();
  return { bytes, requests };
}

/** Milliseconds from navigation start until the run page has drawn all its points and painted a frame. */
async function renderMs(browser: Browser, runId: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/#/runs/${runId}`);
  await page.locator(`#run-plot[data-ended="true"]`).waitFor({ timeout: 30_000 });
  const drawn = Number(await page.locator('#run-plot').getAttribute('data-points'));
  if (drawn < points) throw new Error(`the plot drew ${drawn} points, not ${points}`);
  const ms = (await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(performance.now())))')) as number;
  await context.close();
  return ms;
}

async function burst(browser: Browser, runId: string): Promise<{ frames: number; longestGapMs: number; drawn: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/#/runs/${runId}`);
  await page.locator(`#run-plot[data-ended="true"]`).waitFor({ timeout: 30_000 });
  const plotted = async () => (await page.evaluate('window.__plot.length')) as number;
  const before = await plotted();
  const { frames, longestGapMs } = await framesDuring(page, 3000, `
    let seq = 1e7, t = 0;
    const timer = setInterval(() => { for (let i = 0; i < 10; i++) { t += 1; window.__plot.push({ seq: seq++, type: 'progress', step: 1e6 + t, elapsedMs: 1e4 + t, cost: Math.random(), bestObjective: '1' }); } }, 10);
    return () => clearInterval(timer);`);
  await page.evaluate('new Promise((r) => requestAnimationFrame(r))');
  const drawn = (await plotted()) - before;
  await context.close();
  return { frames, longestGapMs, drawn };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const load = await firstLoadBytes(browser);
  const runId = await runWithTrace();
  await renderMs(browser, runId); // warm-up: the server's first trace read, the browser's first start
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await renderMs(browser, runId));
  const render = summarize(samples);
  const b = await burst(browser, runId);
  console.log(`first load of /: ${load.bytes} bytes transferred (${(load.bytes / 1024).toFixed(1)} KiB, ${load.requests} requests; aim ≤ ${LOAD_AIM_BYTES / 1024} KiB: ${load.bytes <= LOAD_AIM_BYTES ? 'met' : 'NOT met'})`);
  console.log(`run page with ${points} trace points: ${render.median.toFixed(0)} ms to render (median of ${runs}; min ${render.min.toFixed(0)}, max ${render.max.toFixed(0)}; from navigation start to the drawn plot's next frame; aim ≤ ${RENDER_AIM_MS} ms: ${render.median <= RENDER_AIM_MS ? 'met' : 'NOT met'})`);
  console.log(`live plot under 1,000 events/s for 3 s: ${b.drawn} events drawn, ${b.frames} animation frames, longest gap between frames ${b.longestGapMs.toFixed(0)} ms`);
} finally {
  await browser.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await disposeDeps(deps);
}
