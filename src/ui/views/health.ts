// #/health: GET /readyz (public): workers busy and idle, the queue, the evaluation backends, the
// database, and in the distributed mode Redis, the remote workers and the job queue's counts.

import { getJson } from '../api.js';
import { h, mount } from '../dom.js';
import type { ClusterReadiness, Readiness } from '../types.js';

async function readiness(): Promise<Readiness> {
  // /readyz answers 503 with the same body when not ready: read it either way.
  try {
    return await getJson<Readiness>('/readyz');
  } catch {
    const res = await fetch('/readyz', { headers: { Accept: 'application/json' } });
    return (await res.json()) as Readiness;
  }
}

const tile = (label: string, value: string, id: string, note = '') => h('div.tile', { id }, h('div.tile-label', {}, label), h('div.tile-value', {}, value), note === '' ? null : h('div.tile-note', {}, note));

/** Redis, the job queue and one row per remote worker (names, hosts, slots busy). */
function clusterSection(c: ClusterReadiness): HTMLElement {
  const busy = c.workers.reduce((sum, w) => sum + w.busy, 0);
  const slots = c.workers.reduce((sum, w) => sum + w.concurrency, 0);
  const rows = c.workers.map((w) => h('tr', {}, h('td', {}, w.name), h('td', {}, w.host), h('td.num', {}, String(w.pid)), h('td.num', {}, `${w.busy} / ${w.concurrency}`)));
  return h('section', { id: 'health-cluster' },
    h('h2', {}, 'Remote workers'),
    h('div.tiles', {},
      tile('Redis', c.redis, 'health-redis', `${c.url} · queue ${c.queue}`),
      tile('Remote workers', String(c.workers.length), 'health-remote-workers', `${busy} / ${slots} slots busy`),
      tile('Jobs', `${c.jobs.waiting + c.jobs.prioritized} waiting`, 'health-jobs', `${c.jobs.active} active · ${c.jobs.delayed} delayed · ${c.jobs.failed} failed`),
      tile('In flight', `${c.inFlight} / ${c.capacity}`, 'health-in-flight', 'sent by this API / capacity')),
    c.workers.length === 0
      ? h('p.hint', {}, 'No remote worker is connected: start one with ', h('code', {}, 'polystep worker --redis URL'), '.')
      : h('table.grid', { id: 'health-worker-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Worker'), h('th', {}, 'Host'), h('th', {}, 'PID'), h('th', {}, 'Busy'))), h('tbody', {}, rows)));
}

function render(box: HTMLElement, r: Readiness): void {
  const idle = r.workers.size - r.workers.busy;
  mount(box,
    h('div.tiles', {},
      tile('Status', r.status, 'health-status', `database ${r.database}`),
      tile(r.cluster === undefined ? 'Workers busy' : 'Slots busy', `${r.workers.busy} / ${r.workers.size}`, 'health-workers', r.cluster === undefined ? `${idle} idle` : `${idle} idle, over the remote workers`),
      tile('Queue', String(r.queue.queued), 'health-queue', `${r.queue.running} running`),
      tile('Backend', r.backend.polystep, 'health-backend', `batch default ${r.backend.batchDefault} · GPU ${r.backend.gpu}`)),
    r.cluster === undefined ? null : clusterSection(r.cluster),
    h('p.hint', {}, 'Read from ', h('code', {}, 'GET /readyz'), ` at ${new Date().toLocaleTimeString()}; refreshed every 2 s.`));
  box.dataset.status = r.status;
  box.dataset.remoteWorkers = String(r.cluster?.workers.length ?? 0);
}

export async function healthView(view: HTMLElement): Promise<() => void> {
  const box = h('div', { id: 'health' });
  mount(view, h('h1', {}, 'Health'), box);
  const tick = async () => {
    try {
      render(box, await readiness());
    } catch (err) {
      mount(box, h('div.error', { role: 'alert' }, `the service did not answer /readyz: ${String(err)}`));
    }
  };
  await tick();
  const timer = setInterval(() => void tick(), 2000);
  return () => clearInterval(timer);
}

