import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { dashboardForFile, noBrowser, screenshot } from './dashboard-harness.js';

const TOKEN = 'docs-page-token-0123456789abcdef';
// With a token, so that Swagger UI's "Authorize" is what lets the tried request through.
const dashboard = dashboardForFile({ apiToken: TOKEN });

interface Watched {
  /** Every URL the page asked for. */
  readonly requests: string[];
  readonly failed: string[];
  /** Content-Security-Policy violations: the directive and what it blocked. */
  readonly violations: () => Promise<string[]>;
  readonly errors: string[];
}

async function watch(page: Page): Promise<Watched> {
  const requests: string[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  // The page's own record of violations (the test project has no DOM types: the script is text).
  await page.addInitScript({ content: "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));" });
  return { requests, failed, errors, violations: () => page.evaluate('window.cspViolations') as Promise<string[]> };
}

function foreign(requests: readonly string[], baseUrl: string): string[] {
  return requests.filter((url) => !url.startsWith(`${baseUrl}/`) && !url.startsWith('data:'));
}

test('/docs renders the API with Swagger UI from the service alone, and Authorize sends the token', { skip: noBrowser }, async () => {
  const { baseUrl, newPage } = dashboard();
  const page = await newPage();
  const watched = await watch(page);
  await page.goto('/docs');
  const createRun = page.locator('#operations-runs-submitRun');
  await createRun.waitFor();
  assert.match(await createRun.innerText(), /POST\s*\/v1\/runs/);
  await page.locator('#operations-catalog-getCatalog').waitFor();
  // Swagger UI shows no error or warning box about the document (e.g. a dialect it does not support).
  assert.equal(await page.locator('.swagger-ui .error-wrapper, .swagger-ui .errors-wrapper').count(), 0);

  // Authorize with the token, then try GET /v1/catalog: it passes only with the bearer token.
  await page.locator('.auth-wrapper .authorize').click();
  // The modal has one form per scheme: the bearer token's, and the event stream's access_token.
  const bearer = page.locator('.modal-ux .auth-container').filter({ hasText: 'bearerToken' });
  await bearer.locator('input').fill(TOKEN);
  await bearer.locator('button.authorize').click();
  await page.locator('.modal-ux .btn-done').first().click();
  await page.locator('#operations-catalog-getCatalog .opblock-summary-control').click();
  await page.locator('#operations-catalog-getCatalog .try-out__btn').click();
  const [reply] = await Promise.all([page.waitForResponse((r) => r.url() === `${baseUrl}/v1/catalog`), page.locator('#operations-catalog-getCatalog .execute').click()]);
  assert.equal(reply.status(), 200);
  assert.equal(await reply.request().headerValue('authorization'), `Bearer ${TOKEN}`);

  assert.deepEqual(foreign(watched.requests, baseUrl), [], 'every request goes to the service');
  assert.deepEqual(watched.failed, []);
  assert.deepEqual(await watched.violations(), []);
  assert.deepEqual(watched.errors, []);
  await page.locator('#operations-catalog-getCatalog .opblock-summary-control').click();
  await screenshot(page, 'docs');
});

test('the dashboard page at / runs under its Content-Security-Policy (the import map by hash)', { skip: noBrowser }, async () => {
  const { baseUrl, newPage } = dashboard();
  const page = await newPage();
  const watched = await watch(page);
  const res = await page.goto('/');
  assert.match((await res?.headerValue('content-security-policy')) ?? '', /script-src 'self' 'sha256-/);
  await page.waitForSelector('#view:not(:empty)');
  // The import map resolved: uPlot was fetched by its mapped URL (when the page imports it at all).
  assert.deepEqual(foreign(watched.requests, baseUrl), []);
  assert.deepEqual(await watched.violations(), []);
  assert.deepEqual(watched.errors, []);
});
