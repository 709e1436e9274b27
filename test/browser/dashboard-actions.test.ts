// The remaining actions of the page: navigation from a problem to its run form and switching the
// problem there, form errors (the page's own and the API's), the colouring form, the catalog being
// unavailable, plot axis and log toggles, copying an id, cancelling a benchmark.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { api, dashboardForFile, noBrowser, runEnded, screenshot, UNSAT_CNF } from './dashboard-harness.js';

const dashboard = dashboardForFile({ workers: 2 });

test('a problem\'s New run link opens the form for it; the problem picker switches problems', { skip: noBrowser }, async () => {
  const d = dashboard();
  const a = await api<{ id: string }>(d, 'POST', '/v1/problems?name=a.cnf', 'p cnf 2 1\n1 2 0\n');
  const b = await api<{ id: string }>(d, 'POST', '/v1/problems?name=b.col', readFileSync(resolve(repoRoot, 'instances/coloring/myciel3.col'), 'utf8'));
  const page = await d.newPage();
  await page.goto('/#/problems');
  await page.locator(`tr[data-problem="${a.id}"] a`, { hasText: 'New run' }).click();
  await page.locator('#run-form').waitFor();
  assert.equal(await page.locator('#run-problem').inputValue(), a.id);
  assert.equal(await page.locator('[name="run.colors"]').count(), 0);
  await page.selectOption('#run-problem', b.id);
  await page.waitForURL(new RegExp(`problem=${b.id}`));
  // A colouring problem: its solvers, and k.
  await page.locator('[name="run.colors"]').waitFor();
  // PolyStep reads no config on colouring: the catalog says so, the form hides it.
  await page.selectOption('#run-solver', 'polystep');
  assert.equal(await page.locator('#config-box').isVisible(), false);
  assert.deepEqual(await page.locator('#run-preset option').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value)), ['default', 'focused']);
  const solvers = await page.locator('#run-solver option').allTextContents();
  assert.ok(solvers.includes('dsatur') && solvers.includes('tabucol') && !solvers.includes('walksat'), solvers.join(','));
  await page.selectOption('#run-solver', 'tabucol');
  await page.fill('[name="run.colors"]', '4');
  await page.fill('[name="termination.timeLimitMs"]', '300');
  assert.match(await page.locator('#curl').innerText(), /"colors":4/);
  await page.click('#run-submit');
  await page.waitForURL(/#\/runs\/run_/);
  await page.locator('#run-plot[data-ended="true"]').waitFor();
  assert.match(await page.locator('#run-facts').innerText(), /tabucol/);
});

test('form errors: a bad field is caught on the page, a refused request shows the API\'s code', { skip: noBrowser }, async () => {
  const d = dashboard();
  const p = await api<{ id: string }>(d, 'POST', '/v1/problems?name=c.cnf', 'p cnf 2 1\n-1 2 0\n');
  const page = await d.newPage();
  await page.goto(`/#/runs/new?problem=${p.id}`);
  await page.selectOption('#run-solver', 'polystep');
  await page.locator('#config-box summary').click();
  await page.fill('[name="config.epsilon"]', '{not json');
  await page.click('#run-submit');
  assert.match(await page.locator('#run-form-message .error').innerText(), /epsilon: not valid JSON/);
  // Valid JSON, but not a schedule: the API refuses it and the page shows its code and detail.
  await page.fill('[name="config.epsilon"]', '{"kind":"bogus"}');
  await page.click('#run-submit');
  await page.locator('#run-form-message .error', { hasText: 'INVALID' }).waitFor();
  assert.match(await page.locator('#run-form-message .error').innerText(), /epsilon/);
  await screenshot(page, 'run-form-error');
});

test('without a catalog the form says so instead of guessing solvers', { skip: noBrowser }, async () => {
  const d = dashboard();
  const p = await api<{ id: string }>(d, 'POST', '/v1/problems?name=d.cnf', 'p cnf 2 1\n1 -2 0\n');
  const page = await d.newPage();
  await page.route('**/v1/catalog', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ status: 404, code: 'NOT_FOUND', detail: 'no route' }) }));
  await page.goto(`/#/runs/new?problem=${p.id}`);
  assert.match(await page.locator('#catalog-unavailable').innerText(), /catalog unavailable/);
  assert.equal(await page.locator('#run-form').count(), 0);
  await page.goto('/#/benchmarks');
  assert.match(await page.locator('#catalog-unavailable').innerText(), /catalog unavailable/);
});

test('run page: x axis by steps, log scale, copy the run id', { skip: noBrowser }, async () => {
  const d = dashboard();
  const p = await api<{ id: string }>(d, 'POST', '/v1/problems?name=uuf.cnf', readFileSync(UNSAT_CNF, 'utf8'));
  const run = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: p.id, solver: 'walksat', termination: { timeLimitMs: 300 } });
  await runEnded(d, run.id);
  const page = await d.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`/#/runs/${run.id}`);
  await page.locator('#run-plot[data-ended="true"]').waitFor();
  const points = await page.locator('#run-plot').getAttribute('data-points');
  await page.selectOption('#plot-x', 'steps');
  assert.equal(await page.locator('#run-plot').getAttribute('data-points'), points);
  assert.equal(await page.evaluate('document.querySelector("#run-plot .u-legend th")?.textContent ?? ""'), 'step');
  await page.check('#plot-log');
  assert.equal(await page.evaluate('window.__plot.length'), Number(points));
  await page.locator('button', { hasText: 'Copy id' }).click();
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), run.id);
  await screenshot(page, 'run-steps-log');
});

test('cancel a benchmark from its page', { skip: noBrowser }, async () => {
  const d = dashboard();
  const bench = await api<{ id: string }>(d, 'POST', '/v1/benchmarks', { suite: 'gset-small', solvers: ['tabu'], seeds: 3, timeLimitMs: 5000 });
  const page = await d.newPage();
  await page.goto('/#/benchmarks');
  await page.locator(`#bench-list a[href="#/benchmarks/${bench.id}"]`).click();
  await page.click('#bench-cancel');
  await page.locator('#bench-detail[data-status="cancelled"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('#bench-cancel').isVisible(), false);
});

test('the form\'s logic in the page: fields from the catalog\'s schemas, exact numbers', { skip: noBrowser }, async () => {
  const d = dashboard();
  const page = await d.newPage();
  await page.goto('/#/health');
  const result = (await page.evaluate(`(async () => {
    const { fieldsOf, fieldKind } = await import('/ui/schema-form.js');
    const { exact } = await import('/ui/format.js');
    const { loadCatalog, solversFor } = await import('/ui/catalog.js');
    const catalog = await loadCatalog();
    const kinds = (schema) => Object.fromEntries(fieldsOf(schema).map((f) => [f.name, f.kind]));
    return {
      termination: kinds(catalog.terminationSchema),
      config: kinds(catalog.configSchema),
      maxsat: solversFor(catalog, 'maxsat').map((s) => s.name),
      union: fieldKind({ anyOf: [{ type: 'number' }, { type: 'object' }] }).kind,
      exact: [exact('123456789012345678901234567890'), exact('-9007199254740993'), exact(42)],
    };
  })()`)) as { termination: Record<string, string>; config: Record<string, string>; maxsat: string[]; union: string; exact: string[] };
  assert.equal(result.termination.maxSteps, 'integer');
  assert.equal(result.termination.timeLimitMs, 'integer');
  assert.equal(result.termination.targetObjective, 'exact');
  assert.equal(result.config.polytopeType, 'enum');
  assert.equal(result.config.particleDim, 'integer');
  assert.equal(result.config.useMomentum, 'boolean');
  assert.equal(result.config.epsilon, 'json');
  assert.ok(result.maxsat.includes('walksat') && !result.maxsat.includes('dsatur'));
  assert.equal(result.union, 'json');
  assert.deepEqual(result.exact, ['123,456,789,012,345,678,901,234,567,890', '-9,007,199,254,740,993', '42']);
});
