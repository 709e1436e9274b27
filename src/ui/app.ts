// The dashboard's entry point: the navigation, the hash router, and the token prompt on a 401.
// Every view is a client of the public REST API only.

import { ApiError, errorText, getToken, onUnauthorized, setToken } from './api.js';
import { h, mount } from './dom.js';
import { currentRoute, type Route } from './router.js';
import { benchmarkView } from './views/benchmark.js';
import { benchmarksView } from './views/benchmarks.js';
import { compareView } from './views/compare.js';
import { healthView } from './views/health.js';
import { newRunView } from './views/new-run.js';
import { problemsView } from './views/problems.js';
import { runView } from './views/run.js';
import { runsView } from './views/runs.js';
import { tokenView } from './views/token.js';

type Cleanup = (() => void) | void;

const view = document.getElementById('view') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;

const SECTIONS: readonly [string, string][] = [
  ['problems', 'Problems'],
  ['runs', 'Runs'],
  ['compare', 'Compare'],
  ['benchmarks', 'Benchmarks'],
  ['health', 'Health'],
];

function renderNav(route: Route): void {
  const tokenButton = getToken() === null ? null : h('button.link', { type: 'button', id: 'forget-token', onclick: () => { setToken(null); void render(); } }, 'Forget token');
  mount(nav,
    ...SECTIONS.map(([part, label]) => h('a', { href: `#/${part}`, class: route.parts[0] === part ? 'active' : null, 'aria-current': route.parts[0] === part ? 'page' : null }, label)),
    h('a', { href: '/docs', id: 'docs-link' }, 'API docs'),
    tokenButton);
}

function dispatch(route: Route): Promise<Cleanup> {
  const [section, id] = route.parts;
  switch (section) {
    case 'problems':
      return problemsView(view);
    case 'runs':
      if (id === 'new') return newRunView(view, route);
      return id === undefined ? runsView(view, route) : runView(view, id);
    case 'compare':
      return compareView(view, route);
    case 'benchmarks':
      return id === undefined ? benchmarksView(view) : benchmarkView(view, id);
    case 'health':
      return healthView(view);
    default:
      mount(view, h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', h('a', { href: '#/problems' }, 'Problems')));
      return Promise.resolve();
  }
}

let cleanup: Cleanup = undefined;
let generation = 0;

async function render(): Promise<void> {
  const mine = ++generation;
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const route = currentRoute();
  renderNav(route);
  view.dataset.loading = 'true';
  try {
    const done = await dispatch(route);
    if (mine !== generation) {
      if (typeof done === 'function') done();
    } else cleanup = done;
  } catch (err) {
    if (mine !== generation) return;
    if (err instanceof ApiError && err.status === 401) tokenView(view, err, () => void render());
    else mount(view, h('div.error', { role: 'alert' }, errorText(err)));
  } finally {
    if (mine === generation) view.dataset.loading = 'false';
  }
}

onUnauthorized((err) => {
  // A 401 during an action (upload, delete) also asks for the token, then shows the same page again.
  if (document.getElementById('token-form') === null) tokenView(view, err, () => void render());
});

window.addEventListener('hashchange', () => void render());
void render();
