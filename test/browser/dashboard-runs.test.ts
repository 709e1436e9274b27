// Runs: the form (built from the catalog) starts a run, the live plot receives its stream, the trace
// CSV and the solution download, cancel, compare two runs, and a 1,000 events/s burst.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, dashboardForFile, framesDuring, noBrowser, runEnded, screenshot, UNSAT_CNF } from './dashboard-harness.js';

const dashboard = dashboardForFile();
let problemId = '';
let finishedRun = '';

async function problem(): Promise<string> {
  problemId ||= (await api<{ id: string }>(dashboard(), 'POST', '/v1/problems?name=uuf50-01.cnf', readFileSync(UNSAT_CNF, 'utf8'))).id;
  return problemId;
}

test('the form starts a run; the live plot receives points while it runs', { skip: noBrowser }, async () => {
  const d = dashboard();
  const id = await problem();
  const page = await d.newPage();
  await page.goto(`/#/runs/new?problem=${id}`);
  await page.locator('#run-form').waitFor();
  // Only solvers of the problem's family are offered.
  const solvers = await page.locator('#run-solver option').allTextContents();
  assert.ok(solvers.includes('polystep') && solvers.includes('walksat'));
  assert.ok(!solvers.includes('tabucol') && !solvers.includes('tabu'));
  await page.selectOption('#run-solver', 'polystep');
  assert.equal(await page.locator('#preset-box').isVisible(), true);
  await page.fill('[name="termination.timeLimitMs"]', '1500');
  await page.fill('#run-seed', '7');
  await page.fill('[name="run.maxAttempts"]', '2');
  const curl = await page.locator('#curl').innerText();
  assert.match(curl, /curl -X POST ".*\/v1\/runs"/);
  assert.match(curl, /"timeLimitMs":1500/);
  assert.match(curl, /"seed":7/);
  assert.match(curl, /"maxAttempts":2/);
  // A solver without presets hides the preset.
  await page.selectOption('#run-solver', 'walksat');
  assert.equal(await page.locator('#preset-box').isVisible(), false);
  await page.selectOption('#run-solver', 'polystep');
  await screenshot(page, 'run-form');
  await page.click('#run-submit');
  await page.waitForURL(/#\/runs\/[^/?]+$/);
  const plot = page.locator('#run-plot');
  const seen: number[] = [];
  while ((await plot.getAttribute('data-ended')) !== 'true') {
    seen.push(Number(await plot.getAttribute('data-points')));
    await page.waitForTimeout(100);
  }
  const final = Number(await plot.getAttribute('data-points'));
  assert.ok(new Set(seen.filter((n) => n > 0 && n < final)).size >= 2, `points grew while running: ${seen.join(',')} → ${final}`);
  assert.ok(final > 10);
  // uPlot itself holds the points.
  assert.equal(await page.evaluate('window.__plot.length'), final);
  assert.match(await page.locator('#run-facts .badge').innerText(), /completed|timed out/);
  assert.match(await page.locator('#run-best').innerText(), /^\d+$/);
  assert.equal(await page.locator('#run-attempt').innerText(), '1 of 2');
  finishedRun = new URL(page.url()).hash.split('/')[2];
  await screenshot(page, 'run-live');
});

test('trace CSV and solution download through fetch and a Blob', { skip: noBrowser }, async () => {
  const d = dashboard();
  const runId = finishedRun || (await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: await problem(), solver: 'walksat', termination: { timeLimitMs: 300 } })).id;
  await runEnded(d, runId);
  const page = await d.newPage();
  await page.goto(`/#/runs/${runId}`);
  await page.locator('#run-plot[data-ended="true"]').waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.equal(csv.suggestedFilename(), `${runId}-trace.csv`);
  const csvText = readFileSync((await csv.path()) as string, 'utf8');
  assert.match(csvText, /^seq,type,status,step,evaluations,elapsedMs,cost,bestCost,bestObjective/);
  assert.ok(csvText.trim().split('\n').length > 2);
  const [solution] = await Promise.all([page.waitForEvent('download'), page.click('#download-solution')]);
  const solutionText = readFileSync((await solution.path()) as string, 'utf8');
  assert.match(solutionText, /^o \d+$/m);
  assert.match(solutionText, /^v( -?\d+)+/m);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-solution-json')]);
  const body = JSON.parse(readFileSync((await json.path()) as string, 'utf8')) as { runId: string; objective: string };
  assert.equal(body.runId, runId);
  assert.match(body.objective, /^\d+$/);
});

test('cancel a running run from its page', { skip: noBrowser }, async () => {
  const d = dashboard();
  const run = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: await problem(), solver: 'walksat', termination: { timeLimitMs: 60_000 } });
  const page = await d.newPage();
  await page.goto(`/#/runs/${run.id}`);
  await page.locator('#run-cancel').click();
  await page.locator('#run-plot[data-ended="true"]').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#run-facts .badge').innerText(), /cancelled/);
  assert.equal(await page.locator('#run-cancel').isVisible(), false);
  assert.equal((await runEnded(d, run.id)).status, 'cancelled');
  await screenshot(page, 'run-cancelled');
});

test('compare two runs: PolyStep and WalkSAT on one plot', { skip: noBrowser }, async () => {
  const d = dashboard();
  const id = await problem();
  const a = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: id, solver: 'polystep', termination: { timeLimitMs: 400 } });
  const b = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: id, solver: 'walksat', termination: { timeLimitMs: 400 } });
  await runEnded(d, a.id);
  await runEnded(d, b.id);
  const page = await d.newPage();
  await page.goto('/#/problems');
  await page.locator(`tr[data-problem="${id}"] a`, { hasText: 'Runs' }).click();
  await page.locator(`tr[data-run="${a.id}"] input[type=checkbox]`).check();
  await page.locator(`tr[data-run="${b.id}"] input[type=checkbox]`).check();
  await page.click('#compare-selected');
  await page.locator('#compare-plot[data-series="2"]').waitFor();
  // Two series beside x in one uPlot, both labelled in its legend.
  const legend = await page.locator('#compare-plot .u-legend').innerText();
  assert.match(legend, /polystep/);
  assert.match(legend, /walksat/);
  assert.ok(Number(await page.locator('#compare-plot').getAttribute('data-points')) > 2);
  await page.selectOption('#compare-x', 'steps');
  await page.check('#compare-log');
  await page.locator('#compare-plot[data-series="2"]').waitFor();
  assert.equal(await page.evaluate('document.querySelector("#compare-plot .u-legend th")?.textContent ?? ""'), 'step');
  await screenshot(page, 'compare');
});

test('a burst of 1,000 events/s keeps the page responsive (frames keep coming)', { skip: noBrowser }, async () => {
  const d = dashboard();
  const run = await api<{ id: string }>(d, 'POST', '/v1/runs', { problemId: await problem(), solver: 'walksat', termination: { timeLimitMs: 200 } });
  await runEnded(d, run.id);
  const page = await d.newPage();
  await page.goto(`/#/runs/${run.id}`);
  await page.locator('#run-plot[data-ended="true"]').waitFor();
  const before = Number(await page.locator('#run-plot').getAttribute('data-points'));
  // 10 events every 10 ms for 2 s, through the same push() the event stream feeds.
  const { frames, longestGapMs } = await framesDuring(page, 2000, `
    let seq = 1e6, t = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < 10; i++) {
        t += 1;
        window.__plot.push({ seq: seq++, type: 'progress', step: t, elapsedMs: 1000 + t, cost: Math.random(), bestObjective: String(100 - Math.floor(t / 100)) });
      }
    }, 10);
    return () => clearInterval(timer);`);
  await page.waitForTimeout(100);
  const after = Number(await page.locator('#run-plot').getAttribute('data-points'));
  assert.ok(after - before >= 1500, `points drawn: ${after - before}`);
  assert.ok(frames >= 30, `animation frames in 2 s: ${frames}`);
  assert.ok(longestGapMs < 300, `longest frame gap ${longestGapMs} ms`);
  console.log(`burst: ${after - before} events in 2 s, ${frames} frames, longest gap ${longestGapMs.toFixed(0)} ms, ${await page.evaluate('window.__plot.flushes')} redraws`);
});
