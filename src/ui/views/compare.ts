// #/compare?runs=a,b,…: the best-objective curves of several runs on one plot (e.g. PolyStep
// against WalkSAT on one instance), with a table of their final numbers.

import { getJson } from '../api.js';
import { comparePlot } from '../compare-plot.js';
import { h, mount } from '../dom.js';
import { badge, exact, ms } from '../format.js';
import type { XAxis } from '../live-plot.js';
import { link, type Route } from '../router.js';
import type { RunView, TraceEvent } from '../types.js';

export async function compareView(view: HTMLElement, route: Route): Promise<() => void> {
  const ids = (route.query.get('runs') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) {
    mount(view, h('h1', {}, 'Compare runs'), h('p', {}, 'Pick two or more runs on the ', h('a', { href: link(['runs']) }, 'runs page'), '.'));
    return () => {};
  }
  const runs = await Promise.all(ids.map(async (id) => {
    const [run, trace] = await Promise.all([getJson<RunView>(`/v1/runs/${encodeURIComponent(id)}`), getJson<{ events: TraceEvent[] }>(`/v1/runs/${encodeURIComponent(id)}/trace`)]);
    return { run, events: trace.events, label: `${run.solver}${run.preset === null ? '' : `:${run.preset}`} #${run.seed} (${run.id.replace(/^run_/, '').slice(0, 6)})` };
  }));
  const plotBox = h('div.plot', { id: 'compare-plot' });
  const xSelect = h('select', { id: 'compare-x' }, h('option', { value: 'time' }, 'elapsed time'), h('option', { value: 'steps' }, 'steps'));
  const logBox = h('input', { type: 'checkbox', id: 'compare-log' });
  const families = new Set(runs.map((r) => r.run.problemId));
  mount(view,
    h('h1', {}, `Compare ${runs.length} runs`),
    families.size > 1 ? h('p.warn', {}, 'These runs solve different problems: their objectives are not comparable.') : null,
    h('div.plot-controls', {}, h('label', {}, 'x axis ', xSelect), h('label', {}, logBox, ' log scale')),
    plotBox,
    h('table.grid', { id: 'compare-table' },
      h('thead', {}, h('tr', {}, ...['Run', 'Status', 'Solver', 'Best objective', 'Steps', 'Solve time'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...runs.map(({ run, label }) => h('tr', {},
        h('td', {}, h('a', { href: link(['runs', run.id]) }, label)), h('td', {}, badge(run.status)), h('td', {}, run.solver),
        h('td.num', {}, run.best === null ? '—' : exact(run.best.objective)), h('td.num', {}, exact(run.steps)), h('td.num', {}, ms(run.timing.solveMs)))))));
  let plot = comparePlot(plotBox, runs, 'time', false);
  const redraw = () => {
    plot.destroy();
    plot = comparePlot(plotBox, runs, xSelect.value as XAxis, logBox.checked);
  };
  xSelect.addEventListener('change', redraw);
  logBox.addEventListener('change', redraw);
  return () => plot.destroy();
}
