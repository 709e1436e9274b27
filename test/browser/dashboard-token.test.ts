// A service with an API token: the page asks for it, then works with it (header for requests,
// ?access_token= for the event stream); a wrong token is refused and asked again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, dashboardForFile, noBrowser, screenshot } from './dashboard-harness.js';

const dashboard = dashboardForFile({ apiToken: 'secret' });

test('the token prompt: a wrong token is refused, the right one opens the pages and the live stream', { skip: noBrowser }, async () => {
  const d = dashboard();
  const problem = await api<{ id: string }>(d, 'POST', '/v1/problems?name=tiny.cnf', 'p cnf 3 2\n1 2 0\n-1 3 0\n', 'secret');
  const page = await d.newPage();
  await page.goto('/#/problems');
  await page.locator('#token-form').waitFor();
  await screenshot(page, 'token-prompt');
  await page.fill('#token-input', 'wrong');
  await page.click('#token-submit');
  await page.locator('#token-form .error').waitFor();
  assert.match(await page.locator('#token-form .error').innerText(), /INVALID_TOKEN/);
  await page.fill('#token-input', 'secret');
  await page.click('#token-submit');
  await page.locator(`tr[data-problem="${problem.id}"]`).waitFor();
  // A run page reads its events through EventSource with ?access_token=.
  const run = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: problem.id, solver: 'walksat', termination: { timeLimitMs: 600 } }, 'secret');
  await page.goto(`/#/runs/${run.id}`);
  await page.locator('#run-plot[data-ended="true"]').waitFor({ timeout: 10_000 });
  assert.ok(Number(await page.locator('#run-plot').getAttribute('data-points')) > 0);
  await page.click('#forget-token');
  await page.locator('#token-form').waitFor();
});

test('with a token, the benchmark report opens in a tab of its own, styled', { skip: noBrowser }, async () => {
  const d = dashboard();
  const bench = await api<{ id: string }>(d, 'POST', '/v1/benchmarks', { suite: 'coloring-small', solvers: ['dsatur'], seeds: 1, timeLimitMs: 200 }, 'secret');
  const page = await d.newPage();
  await page.goto('/#/health');
  await page.evaluate(`sessionStorage.setItem('polystep.apiToken', 'secret')`);
  await page.goto(`/#/benchmarks/${bench.id}`);
  await page.locator('#bench-detail[data-status="completed"]').waitFor({ timeout: 10_000 });
  const [report] = await Promise.all([page.context().waitForEvent('page'), page.click('#bench-report')]);
  await report.locator('h2').first().waitFor();
  assert.match(await report.locator('body').innerText(), /dsatur/);
  assert.equal(await report.evaluate('getComputedStyle(document.querySelector("h2")).borderBottomStyle'), 'solid');
  await screenshot(report, 'benchmark-report-token');
});
