// The browser tests' harness: the service in process on a loopback port, Debian's Chromium driven
// by playwright-core, and screenshots under test-output/screenshots for review.

import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
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
  newPage(): Promise<Page>;
}

/**
 * One service and one browser for a test file, started before its tests and stopped after them.
 * Read `dashboard()` inside a test, once `before` has run.
 */
export function dashboardForFile(overrides: Partial<ServiceConfig> = {}): () => Dashboard {
  let browser: Browser | null = null;
  let listening: Listening | null = null;
  let current: Dashboard | null = null;
  before(async () => {
    if (noBrowser !== false) return;
    const service = testService(overrides);
    listening = await listen(service.app);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const opened = browser;
    const baseUrl = `http://127.0.0.1:${listening.port}`;
    current = {
      service,
      baseUrl,
      newPage: async () => {
        const context = await opened.newContext({ baseURL: baseUrl, acceptDownloads: true });
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
