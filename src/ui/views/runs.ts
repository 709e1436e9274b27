// #/runs (optionally ?problem=…): runs newest first with status badges and best objectives; pick
// several to compare.

import { getJson } from '../api.js';
import { h, mount } from '../dom.js';
import { badge, exact, ms, shortId, when } from '../format.js';
import { go, link, type Route } from '../router.js';
import type { Page, RunView } from '../types.js';

export async function runsView(view: HTMLElement, route: Route): Promise<void> {
  const problem = route.query.get('problem');
  const query = problem === null ? '' : `&problemId=${encodeURIComponent(problem)}`;
  const page = await getJson<Page<RunView>>(`/v1/runs?limit=200${query}`);
  const compare = h('button', { type: 'button', id: 'compare-selected', disabled: true }, 'Compare selected');
  const boxes: HTMLInputElement[] = [];
  const update = () => {
    compare.disabled = boxes.filter((b) => b.checked).length < 2;
  };
  compare.addEventListener('click', () => go(link(['compare'], { runs: boxes.filter((b) => b.checked).map((b) => b.value).join(',') })));
  const rows = page.items.map((r) => {
    const box = h('input', { type: 'checkbox', value: r.id, 'aria-label': `select run ${r.id}`, onchange: update });
    boxes.push(box);
    return h('tr', { 'data-run': r.id },
      h('td', {}, box),
      h('td', {}, h('a', { href: link(['runs', r.id]) }, shortId(r.id))),
      h('td', {}, badge(r.status)),
      h('td', {}, r.solver, r.preset === null ? '' : ` (${r.preset})`),
      h('td', {}, r.family),
      h('td.num', {}, r.best === null ? '—' : exact(r.best.objective)),
      h('td.num', {}, exact(r.steps)),
      h('td.num', {}, ms(r.timing.solveMs)),
      h('td', {}, when(r.timestamps.queuedAt)));
  });
  mount(view,
    h('h1', {}, problem === null ? 'Runs' : 'Runs of problem ', problem === null ? null : h('code', {}, problem)),
    h('div.toolbar', {}, compare, problem === null ? null : h('a.button', { href: link(['runs', 'new'], { problem }) }, 'New run')),
    rows.length === 0 ? h('p.empty', {}, 'No runs yet.') :
      h('table.grid', { id: 'run-list' }, h('thead', {}, h('tr', {}, ...['', 'Run', 'Status', 'Solver', 'Family', 'Best objective', 'Steps', 'Solve time', 'Queued'].map((t) => h('th', {}, t)))), h('tbody', {}, ...rows)));
}
