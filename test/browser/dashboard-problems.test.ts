// Problems page: upload with the file picker (plain and gzip) and by drag-and-drop, a parse error
// shown at its line and column, delete (with the cascade offer when the problem has runs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { api, dashboardForFile, noBrowser, runEnded, SAT_CNF, screenshot } from './dashboard-harness.js';

const dashboard = dashboardForFile();

test('file picker upload, plain and gzip: both listed with family, sizes and summary', { skip: noBrowser }, async () => {
  const page = await dashboard().newPage();
  await page.goto('/#/problems');
  await page.locator('#file-input').setInputFiles(SAT_CNF);
  await page.locator('#upload-result .ok').waitFor();
  assert.match(await page.locator('#upload-result').innerText(), /Uploaded uf20-01\.cnf: maxsat, 20 variables/);
  const gz = gzipSync(readFileSync(SAT_CNF.replace('uf20-01', 'uf20-02')));
  await page.locator('#file-input').setInputFiles({ name: 'uf20-02.cnf.gz', mimeType: 'application/gzip', buffer: gz });
  await page.locator('tr', { hasText: 'uf20-02' }).waitFor();
  const row = await page.locator('tr', { hasText: 'uf20-01.cnf' }).innerText();
  assert.match(row, /maxsat/);
  assert.match(row, /\b20\b/);
  assert.match(row, /\b91\b/);
  assert.equal(await page.locator('#problem-list tbody tr').count(), 2);
  await screenshot(page, 'problems-list');
});

test('drag-and-drop upload through a DataTransfer drop event', { skip: noBrowser }, async () => {
  const page = await dashboard().newPage();
  await page.goto('/#/problems');
  await page.locator('#drop-zone').waitFor();
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.items.add(new File(['p wcnf 2 2 10\\n10 1 2 0\\n3 -1 0\\n'], 'dropped.wcnf', { type: 'text/plain' }));
    const zone = document.getElementById('drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  })()`);
  await page.locator('tr', { hasText: 'dropped.wcnf' }).waitFor();
  assert.match(await page.locator('#upload-result').innerText(), /Uploaded dropped\.wcnf/);
});

test('a parse error is shown at its line and column, in the file\'s own text', { skip: noBrowser }, async () => {
  const page = await dashboard().newPage();
  await page.goto('/#/problems');
  await page.locator('#file-input').setInputFiles({ name: 'broken.cnf', mimeType: 'text/plain', buffer: Buffer.from('c a comment\np cnf 3 2\n1 -2 0\n2 x3 0\n') });
  const error = page.locator('.parse-error');
  await error.waitFor();
  const issue = page.locator('.parse-error li.issue').first();
  assert.equal(await issue.getAttribute('data-line'), '4');
  assert.ok(Number(await issue.getAttribute('data-column')) >= 3);
  assert.match(await issue.innerText(), /line 4, column \d+/);
  assert.match(await page.locator('.excerpt .src-line.at').innerText(), /2 x3 0/);
  assert.match(await page.locator('.excerpt .caret').innerText(), /\^/);
  await screenshot(page, 'problems-parse-error');
});

test('delete: a problem without runs at once, one with runs after the cascade is offered', { skip: noBrowser }, async () => {
  const d = dashboard();
  const lone = await api<{ id: string }>(d, 'POST', '/v1/problems?name=lone.cnf', 'p cnf 2 1\n1 2 0\n');
  const used = await api<{ id: string }>(d, 'POST', '/v1/problems?name=used.cnf', 'p cnf 2 1\n1 -2 0\n');
  const run = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: used.id, solver: 'walksat', termination: { maxSteps: 10 } });
  await runEnded(d, run.id);
  const page = await d.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto('/#/problems');
  await page.locator(`tr[data-problem="${lone.id}"] button.danger`).click();
  await page.locator(`tr[data-problem="${lone.id}"]`).waitFor({ state: 'detached' });
  await page.locator(`tr[data-problem="${used.id}"] button.danger`).click();
  await page.locator(`tr[data-problem="${used.id}"]`).waitFor({ state: 'detached' });
  assert.equal(dialogs.length, 3);
  assert.match(dialogs[2], /has runs/);
  const left = await api<{ items: { id: string }[] }>(d, 'GET', '/v1/problems');
  assert.ok(!left.items.some((p) => p.id === lone.id || p.id === used.id));
});
