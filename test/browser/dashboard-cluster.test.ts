// The health view in the distributed mode: Redis, the remote workers and the job queue, from /readyz.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { RedisServer, redisSkip } from '../../src/bench/redis-child.js';
import { startWorker, type WorkerProcess } from '../../src/bench/worker-child.js';
import { dashboardForFile, noBrowser, screenshot } from './dashboard-harness.js';

const skip = noBrowser || redisSkip;
let redis: RedisServer | null = null;
const workers: WorkerProcess[] = [];

// Redis and a worker first; the service then starts with Redis's address.
const dashboard = dashboardForFile(async () => {
  if (skip !== false) return {};
  redis = await RedisServer.start();
  workers.push(await startWorker(redis.url, 'dash-w1', { concurrency: 2 }));
  return { redisUrl: redis.url };
});

after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.stop();
});

test('health shows Redis, each remote worker with its slots, and the job queue; a worker that stops leaves the list', { skip }, async () => {
  const page = await dashboard().newPage();
  await page.goto('/#/health');
  await page.locator('#health[data-remote-workers="1"]').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#health-redis').innerText(), /ok[\s\S]*redis:\/\/127\.0\.0\.1/);
  assert.match(await page.locator('#health-remote-workers').innerText(), /1[\s\S]*0 \/ 2 slots busy/);
  const row = await page.locator('#health-worker-table tbody tr').innerText();
  assert.match(row, /dash-w1/);
  assert.match(row, new RegExp(String(workers[0].child.pid)));
  assert.match(await page.locator('#health-jobs').innerText(), /0 waiting/);
  await screenshot(page, 'health-cluster');
  await workers[0].stop();
  await page.locator('#health[data-remote-workers="0"]').waitFor({ timeout: 15_000 });
  assert.match(await page.locator('#health-cluster').innerText(), /No remote worker is connected/);
});
