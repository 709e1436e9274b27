// #/benchmarks: start a benchmark from a suite and a list of solvers (both from the catalog), and the
// list of benchmarks with their progress. #/benchmarks/<id> is in benchmark.ts.

import { ApiError, curlFor, errorText, getJson, sendJson } from '../api.js';
import { catalogProblem, loadCatalog } from '../catalog.js';
import { h, mount, copyButton } from '../dom.js';
import { badge, when } from '../format.js';
import { go, link } from '../router.js';
import type { BenchmarkView, Catalog, Page } from '../types.js';

function startForm(catalog: Catalog | null, unavailable: string | null): HTMLFormElement {
  const suite = catalog === null
    ? h('input', { id: 'bench-suite', name: 'suite', required: true, placeholder: 'a manifest tag or a folder below instances/' })
    : h('select', { id: 'bench-suite', name: 'suite', required: true }, ...catalog.suites.map((s) => h('option', { value: s.name, title: s.summary }, `${s.name} — ${s.instances} instances (${s.families.join(', ')})`)));
  const solverBox = h('div.checks', { id: 'bench-solvers' });
  const curl = h('pre.curl', { id: 'bench-curl' });
  const message = h('div.messages', { id: 'bench-message' });
  const form = h('form.bench-form', { id: 'bench-form' },
    unavailable === null ? null : h('div.error', { id: 'catalog-unavailable' }, unavailable),
    h('label.field', {}, h('span', {}, 'Suite'), suite),
    h('fieldset', {}, h('legend', {}, 'Solvers'), solverBox),
    h('div.fields', {},
      h('label.field', {}, h('span', {}, 'Seeds'), h('input', { id: 'bench-seeds', name: 'seeds', type: 'number', min: 1, step: 1, value: 1, required: true })),
      h('label.field', {}, h('span', {}, 'Time limit per cell (ms)'), h('input', { id: 'bench-time', name: 'timeLimitMs', type: 'number', min: 1, step: 1, value: 1000, required: true }))),
    h('div.toolbar', {}, h('button.primary', { type: 'submit', id: 'bench-submit' }, 'Start benchmark')),
    message,
    h('h3', {}, 'The same request with curl ', copyButton(() => curl.textContent ?? '')), curl);
  const body = () => {
    const data = new FormData(form);
    return { suite: String(data.get('suite') ?? ''), solvers: data.getAll('solver').map(String), seeds: Number(data.get('seeds')), timeLimitMs: Number(data.get('timeLimitMs')) };
  };
  const syncSolvers = () => {
    const families = catalog?.suites.find((s) => s.name === suite.value)?.families ?? null;
    const solvers = catalog === null ? [] : catalog.solvers.filter((s) => families === null || s.families.some((f) => families.includes(f)));
    const checked = new Set(body().solvers);
    if (catalog === null) {
      mount(solverBox, h('input', { name: 'solver', id: 'bench-solver-text', placeholder: 'solver names, comma separated' }));
      return;
    }
    // Preset-reading solvers come once per preset (`polystep:paper`, …), as POST /v1/benchmarks names them.
    // A preset none of the suite's families takes (the paper preset is MAX-SAT's) is not offered.
    const presetFits = (key: string) => {
      const preset = key.split(':')[1];
      if (preset === undefined || families === null || catalog === null) return true;
      return families.some((f) => catalog.families.find((x) => x.name === f)?.presets.includes(preset) === true);
    };
    const keys = solvers.flatMap((s) => s.benchmarkKeys.filter(presetFits).map((key) => ({ key, summary: s.summary })));
    mount(solverBox, ...keys.map(({ key, summary }, i) => h('label.check', { title: summary }, h('input', { type: 'checkbox', name: 'solver', value: key, checked: checked.size === 0 ? i === 0 : checked.has(key) }), ` ${key}`)));
  };
  const sync = () => {
    curl.textContent = curlFor('POST', '/v1/benchmarks', body());
  };
  suite.addEventListener('change', syncSolvers);
  form.addEventListener('input', sync);
  form.addEventListener('change', sync);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const request = body();
    request.solvers = request.solvers.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    if (request.solvers.length === 0) {
      mount(message, h('div.error', { role: 'alert' }, 'choose at least one solver'));
      return;
    }
    try {
      const made = await sendJson<{ id: string }>('POST', '/v1/benchmarks', request);
      if (made !== null) go(link(['benchmarks', made.id]));
    } catch (err) {
      mount(message, h('div.error', { role: 'alert' }, errorText(err)));
    }
  });
  syncSolvers();
  sync();
  return form;
}

export async function benchmarksView(view: HTMLElement): Promise<void> {
  let catalog: Catalog | null = null;
  let unavailable: string | null = null;
  try {
    catalog = await loadCatalog();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw err;
    unavailable = catalogProblem(err);
  }
  const page = await getJson<Page<BenchmarkView>>('/v1/benchmarks?limit=100');
  mount(view,
    h('h1', {}, 'Benchmarks'),
    h('section.card', {}, h('h2', {}, 'Start a benchmark'), startForm(catalog, unavailable)),
    h('h2', {}, 'Benchmarks'),
    page.items.length === 0 ? h('p.empty', {}, 'None yet.') :
      h('table.grid', { id: 'bench-list' },
        h('thead', {}, h('tr', {}, ...['Benchmark', 'Status', 'Suite', 'Solvers', 'Cells', 'Created'].map((t) => h('th', {}, t)))),
        h('tbody', {}, ...page.items.map((b) => h('tr', {},
          h('td', {}, h('a', { href: link(['benchmarks', b.id]) }, b.name ?? b.id)), h('td', {}, badge(b.status)), h('td', {}, b.suite),
          h('td', {}, b.solvers.join(', ')), h('td.num', {}, `${b.progress.doneCells} / ${b.progress.totalCells}`), h('td', {}, when(b.timestamps.createdAt)))))));
}
