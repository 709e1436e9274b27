// Benchmarks (start from a suite and solvers, cells completing, the report) and the health view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardForFile, noBrowser, screenshot } from './dashboard-harness.js';

const dashboard = dashboardForFile({ workers: 2 });

test('start a benchmark from a suite and solvers, watch its cells complete, open its report', { skip: noBrowser }, async () => {
  const d = dashboard();
  const page = await d.newPage();
  await page.goto('/#/benchmarks');
  await page.locator('#bench-form').waitFor();
  await page.selectOption('#bench-suite', 'gset-small');
  // Solvers offered are those of the suite's families.
  const offered = await page.locator('#bench-solvers input[name=solver]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  assert.ok(offered.includes('tabu') && offered.includes('polystep:paper') === false && offered.includes('polystep:focused') && !offered.includes('walksat') && !offered.includes('dsatur'), offered.join(','));
  for (const name of offered) {
    const box = page.locator(`#bench-solvers input[value="${name}"]`);
    if (name === 'polystep:default' || name === 'tabu') await box.check();
    else await box.uncheck();
  }
  await page.fill('#bench-seeds', '1');
  await page.fill('#bench-time', '300');
  assert.match(await page.locator('#bench-curl').innerText(), /"suite":"gset-small","solvers":\["polystep:default","tabu"\],"seeds":1,"timeLimitMs":300/);
  await screenshot(page, 'benchmark-form');
  await page.click('#bench-submit');
  await page.waitForURL(/#\/benchmarks\/[^/]+$/);
  const detail = page.locator('#bench-detail');
  const seen: string[] = [];
  for (let i = 0; i < 400 && (await detail.getAttribute('data-status')) !== 'completed'; i++) {
    seen.push(`${await detail.getAttribute('data-status')}:${await detail.getAttribute('data-done')}`);
    await page.waitForTimeout(25);
  }
  assert.equal(await detail.getAttribute('data-status'), 'completed');
  assert.match(await page.locator('#bench-cells').innerText(), /10 \/ 10 cells/);
  // Watched while cells complete one by one, then all done.
  assert.ok(seen.some((s) => /^running:[1-9]$/.test(s)), `states seen: ${[...new Set(seen)].join(',')}`);
  assert.equal(await page.locator('#bench-solvers-table tbody tr').count(), 2);
  await screenshot(page, 'benchmark-done');
  const [report] = await Promise.all([page.context().waitForEvent('page'), page.click('#bench-report')]);
  await report.waitForLoadState();
  assert.match(report.url(), /\/v1\/benchmarks\/bm_[^/]+\/report\?format=html$/);
  const text = await report.locator('body').innerText();
  // Styled by its own style sheet.
  assert.equal(await report.evaluate('getComputedStyle(document.querySelector("h2")).borderBottomStyle'), 'solid');
  assert.match(text, /polystep/);
  assert.match(text, /tabu/);
  await screenshot(report, 'benchmark-report');
});

test('health: workers busy and idle, queue depth, backend (GET /readyz)', { skip: noBrowser }, async () => {
  const page = await dashboard().newPage();
  await page.goto('/');
  await page.click('nav a[href="#/health"]');
  await page.locator('#health[data-status="ready"]').waitFor();
  assert.match(await page.locator('#health-workers').innerText(), /\d+ \/ 2[\s\S]*idle/);
  assert.match(await page.locator('#health-queue').innerText(), /\d+[\s\S]*running/);
  assert.match(await page.locator('#health-backend').innerText(), /cpu/);
  await screenshot(page, 'health');
});

test('the API docs link leads to /docs', { skip: noBrowser }, async () => {
  const page = await dashboard().newPage();
  await page.goto('/');
  assert.equal(await page.locator('#docs-link').getAttribute('href'), '/docs');
});
