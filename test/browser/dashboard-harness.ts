// The browser tests' harness: the service in process on a loopback port, Debian's Chromium driven
// by playwright-core, and screenshots under test-output/screenshots for review.

import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { ServiceConfig } from '../../src/service/service-config.js';
import { listen, type Listening } from '../support/listening.js';
import { repoRoot } from '../support/paths.js';
import { testService, type TestService } from '../support/test-service.js';

/** The browser the tests drive: Debian's package (`.ci/run` installs it), or POLYSTEP_CHROMIUM. */
export const CHROMIUM_PATH = process.env.POLYSTEP_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(repoRoot, 'test-output/screenshots');

/** Why the browser tests cannot run here, or false: pass it as a test's `skip`. */
export const noBrowser: string | false = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set POLYSTEP_CHROMIUM)`;

export interface Dashboard {
  readonly service: TestService;
  readonly baseUrl: string;
  /** A fresh page (its own browser context: no storage shared with other tests), closed after the file's tests. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One service and one browser for a test file, started before its tests and stopped after them.
 * Read `dashboard()` inside a test, once `before` has run. `overrides` may be an async function,
 * awaited in that `before`: it can start what the service needs first (a Redis server, say).
 */
export function dashboardForFile(overrides: Partial<ServiceConfig> | (() => Promise<Partial<ServiceConfig>>) = {}): () => Dashboard {
  let browser: Browser | null = null;
  let listening: Listening | null = null;
  let current: Dashboard | null = null;
  before(async () => {
    if (noBrowser !== false) return;
    const service = testService(typeof overrides === 'function' ? await overrides() : overrides);
    listening = await listen(service.app);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const opened = browser;
    const baseUrl = `http://127.0.0.1:${listening.port}`;
    current = {
      service,
      baseUrl,
      newPage: async (options: BrowserContextOptions = {}) => {
        const context = await opened.newContext({ baseURL: baseUrl, acceptDownloads: true, ...options });
        return context.newPage();
      },
    };
  });
  after(async () => {
    await browser?.close();
    await listening?.close();
    await current?.service.close();
  });
  return () => {
    if (current === null) throw new Error('the dashboard is not started (no browser, or read outside a test)');
    return current;
  };
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

// ---- Fixtures and helpers of the dashboard's tests ----

/** A small unsatisfiable MAX-SAT instance: a run on it uses its whole time limit (it never reaches cost 0). */
export const UNSAT_CNF = resolve(repoRoot, 'instances/satlib/uuf50-218/uuf50-01.cnf');
/** A small satisfiable one. */
export const SAT_CNF = resolve(repoRoot, 'instances/satlib/uf20-91/uf20-01.cnf');

/** A JSON request to the service from the test itself (fixtures whose creation is not the point of a test). */
export async function api<T>(d: Dashboard, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${d.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until a run has a terminal status (polling the API). */
export async function runEnded(d: Dashboard, id: string, timeoutMs = 15_000): Promise<{ status: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await api<{ status: string }>(d, 'GET', `/v1/runs/${id}`);
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Counts animation frames in the page while a load runs (shared with `bench:dashboard`). */
export { framesDuring } from '../../src/bench/animation-frames.js';
