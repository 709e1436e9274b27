// The dashboard's pages and files: content types, caching, the Content-Security-Policy of the pages
// (the import map allowed by its hash), and problem JSON for what is not there.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { contentSecurityPolicy, PAGE_CACHE, UI_CACHE, VENDOR_CACHE } from '../src/service/routes/dashboard.js';
import { assertMatchesOpenApi } from './support/openapi.js';
import { repoRoot } from './support/paths.js';
import { testService } from './support/test-service.js';

const svc = testService({ apiToken: 'static-token-0123456789abcdef' });
after(() => svc.close());

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

test('the pages are public HTML with a self-only policy that allows their inline scripts by hash', async () => {
  const index = readFileSync(resolve(repoRoot, 'src/ui/index.html'), 'utf8');
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(index);
  assert.ok(importMap !== null, 'index.html has its import map inline');
  const hash = `'sha256-${createHash('sha256').update(importMap[1]).digest('base64')}'`;
  for (const [path, scripts] of [['/', ["'self'", hash]], ['/docs', ["'self'"]]] as const) {
    const res = await request(svc.app).get(path).expect(200);
    assertMatchesOpenApi('GET', path, res);
    assert.match(res.headers['content-type'], /^text\/html; charset=utf-8$/);
    assert.equal(res.headers['cache-control'], PAGE_CACHE);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const csp = directives(res.headers['content-security-policy']);
    assert.deepEqual(csp.get('default-src'), ["'self'"], path);
    assert.deepEqual(csp.get('script-src'), scripts, path);
    assert.deepEqual(csp.get('style-src'), ["'self'"], path);
    assert.deepEqual(csp.get('object-src'), ["'none'"], path);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], path);
    assert.ok(![...csp.values()].flat().some((v) => /unsafe|\*|https?:/.test(v)), `${path}: nothing beyond the service`);
  }
  const docs = await request(svc.app).get('/docs');
  for (const file of ['/ui/vendor/swagger/swagger-ui.css', '/ui/vendor/swagger/swagger-ui-bundle.js', '/ui/docs.js']) assert.ok(docs.text.includes(file), file);
});

test('the policy hashes exactly the inline scripts of a page', () => {
  const csp = directives(contentSecurityPolicy('<script type="importmap">{}</script><script src="/a.js"></script><script type="module" src="/b.js"></script>'));
  assert.deepEqual(csp.get('script-src'), ["'self'", `'sha256-${createHash('sha256').update('{}').digest('base64')}'`]);
});

test('page scripts, styles and vendor files have their types; vendor files are cached longer', async () => {
  const cases: [string, RegExp, string][] = [
    ['/ui/app.js', /^text\/javascript/, UI_CACHE],
    ['/ui/docs.js', /^text\/javascript/, UI_CACHE],
    ['/ui/style.css', /^text\/css/, UI_CACHE],
    ['/ui/vendor/uplot.js', /^text\/javascript/, VENDOR_CACHE],
    ['/ui/vendor/uplot.css', /^text\/css/, VENDOR_CACHE],
    ['/ui/vendor/swagger/swagger-ui-bundle.js', /^text\/javascript/, VENDOR_CACHE],
    ['/ui/vendor/swagger/swagger-ui.css', /^text\/css/, VENDOR_CACHE],
  ];
  for (const [path, type, cache] of cases) {
    const res = await request(svc.app).get(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers['content-type'], type, path);
    assert.equal(res.headers['cache-control'], cache, path);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
  }
  // Revalidation is cheap: the files carry validators.
  const first = await request(svc.app).get('/ui/app.js');
  assert.ok(first.headers.etag !== undefined || first.headers['last-modified'] !== undefined);
});

test('what is not a page file is a 404 problem, not an HTML error page', async () => {
  const missing = ['/ui/nope.js', '/ui/app.ts', '/ui/tsconfig.json', '/ui/index.html', '/ui/docs.html', '/ui/vendor/swagger/swagger-ui-bundle.js.map', '/ui/vendor/swagger/index.html', '/ui/vendor/nope.js', '/ui/', '/ui', '/ui/%2e%2e/package.json'];
  for (const path of missing) {
    const res = await request(svc.app).get(path);
    assert.equal(res.status, 404, `${path}: ${res.status} ${res.text.slice(0, 200)}`);
    assert.match(res.headers['content-type'], /^application\/problem\+json/, path);
    assert.equal(res.body.code, 'NOT_FOUND', path);
  }
});
