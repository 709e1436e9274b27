// #/health: GET /readyz (public): workers busy and idle, the queue, the evaluation backends, the database.

import { getJson } from '../api.js';
import { h, mount } from '../dom.js';
import type { Readiness } from '../types.js';

async function readiness(): Promise<Readiness> {
  // /readyz answers 503 with the same body when not ready: read it either way.
  try {
    return await getJson<Readiness>('/readyz');
  } catch {
    const res = await fetch('/readyz', { headers: { Accept: 'application/json' } });
    return (await res.json()) as Readiness;
  }
}

function render(box: HTMLElement, r: Readiness): void {
  const idle = r.workers.size - r.workers.busy;
  const tile = (label: string, value: string, id: string, note = '') => h('div.tile', { id }, h('div.tile-label', {}, label), h('div.tile-value', {}, value), note === '' ? null : h('div.tile-note', {}, note));
  mount(box,
    h('div.tiles', {},
      tile('Status', r.status, 'health-status', `database ${r.database}`),
      tile('Workers busy', `${r.workers.busy} / ${r.workers.size}`, 'health-workers', `${idle} idle`),
      tile('Queue', String(r.queue.queued), 'health-queue', `${r.queue.running} running`),
      tile('Backend', r.backend.polystep, 'health-backend', `batch default ${r.backend.batchDefault} · GPU ${r.backend.gpu}`)),
    h('p.hint', {}, 'Read from ', h('code', {}, 'GET /readyz'), ` at ${new Date().toLocaleTimeString()}; refreshed every 2 s.`));
  box.dataset.status = r.status;
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

