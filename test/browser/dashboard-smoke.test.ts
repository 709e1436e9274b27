import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardForFile, noBrowser, screenshot } from './dashboard-harness.js';

const dashboard = dashboardForFile();

test('the dashboard page loads at / with its scripts and no failed request', { skip: noBrowser }, async () => {
  const page = await dashboard().newPage();
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.waitForSelector('#view:not(:empty)');
  assert.deepEqual(failed, []);
  assert.deepEqual(errors, []);
  await screenshot(page, 'smoke-home');
});
