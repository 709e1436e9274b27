// #/benchmarks/<id>: cells completing (overall and per solver, the cells in flight), cancel, and the
// HTML report (fetched with the token, opened from a Blob in a new tab).

import { errorText, getJson, getToken, request } from '../api.js';
import { h, mount, copyButton } from '../dom.js';
import { badge, when } from '../format.js';
import type { BenchmarkView } from '../types.js';

const TERMINAL = ['completed', 'cancelled', 'interrupted', 'failed'];

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)} %`;
}

function render(box: HTMLElement, b: BenchmarkView): void {
  const p = b.progress;
  mount(box,
    h('div.facts-line', {}, badge(b.status), ` suite ${b.suite} · ${b.seeds} seed${b.seeds === 1 ? '' : 's'} · ${b.budget.timeLimitMs ?? '—'} ms per cell · created ${when(b.timestamps.createdAt)}`),
    b.error === null ? null : h('div.error', {}, b.error),
    h('div.progress', {}, h('progress', { id: 'bench-progress', max: p.totalCells, value: p.doneCells }), h('span', { id: 'bench-cells' }, ` ${p.doneCells} / ${p.totalCells} cells`)),
    h('table.grid', { id: 'bench-solvers-table' },
      h('thead', {}, h('tr', {}, ...['Solver', 'Cells done', 'Errors', 'Reached best known', 'Mean gap'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...p.bySolver.map((s) => h('tr', {},
        h('td', {}, s.solverKey), h('td.num', {}, `${s.doneCells} / ${s.totalCells}`), h('td.num', {}, String(s.errors)),
        h('td.num', {}, s.withReference === 0 ? '—' : `${s.reached} / ${s.withReference} (${pct(s.reachedRate)})`), h('td.num', {}, pct(s.meanGap)))))),
    p.running.length === 0 ? null : h('p.hint', {}, `Running: ${p.running.map((k) => `${k.instance} × ${k.solverKey} #${k.seed}`).join('; ')}`));
  box.dataset.status = b.status;
  box.dataset.done = String(p.doneCells);
}

/**
 * The report page written into `tab` (an about:blank of this origin, so under this page's
 * Content-Security-Policy): its inline <style> becomes a constructed style sheet and its style
 * attributes CSSOM declarations, both of which the policy allows; scripts are left out.
 */
export function writeReport(tab: Window, html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const css = [...parsed.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
  parsed.querySelectorAll('style, script').forEach((e) => e.remove());
  for (const el of parsed.querySelectorAll('[style]')) {
    el.setAttribute('data-style', el.getAttribute('style') ?? '');
    el.removeAttribute('style');
  }
  const doc = tab.document;
  doc.title = parsed.title;
  doc.body.replaceChildren(...[...parsed.body.childNodes].map((n) => doc.importNode(n, true)));
  for (const el of doc.querySelectorAll<HTMLElement>('[data-style]')) el.style.cssText = el.dataset.style ?? '';
  const Sheet = (tab as unknown as { CSSStyleSheet: typeof CSSStyleSheet }).CSSStyleSheet;
  const sheet = new Sheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [sheet];
}

/**
 * Opens the HTML report in a new tab. Without a token, the report's own URL (bookmarkable). With
 * one, a link cannot carry the Authorization header: the report is fetched and written into a tab
 * opened at the click (so no popup blocker stops it).
 */
async function openReport(id: string, fail: (err: unknown) => void): Promise<void> {
  const path = `/v1/benchmarks/${encodeURIComponent(id)}/report?format=html`;
  if (getToken() === null) {
    window.open(path, '_blank', 'noopener');
    return;
  }
  const tab = window.open('', '_blank');
  try {
    const html = await (await request('GET', path, { accept: 'text/html' })).text();
    if (tab === null) throw new Error('the browser blocked the report\'s tab');
    writeReport(tab, html);
  } catch (err) {
    tab?.close();
    fail(err);
  }
}

export async function benchmarkView(view: HTMLElement, id: string): Promise<() => void> {
  let b = await getJson<BenchmarkView>(`/v1/benchmarks/${encodeURIComponent(id)}`);
  const box = h('div', { id: 'bench-detail' });
  const message = h('div.messages');
  const fail = (err: unknown) => mount(message, h('div.error', { role: 'alert' }, errorText(err)));
  const cancel = h('button.danger', { type: 'button', id: 'bench-cancel' }, 'Cancel');
  cancel.addEventListener('click', async () => {
    try {
      b = (await (await request('DELETE', `/v1/benchmarks/${b.id}`)).json()) as BenchmarkView;
      show();
    } catch (err) {
      fail(err);
    }
  });
  mount(view,
    h('h1', {}, 'Benchmark ', h('code', {}, b.name ?? b.id), ' ', copyButton(() => b.id, 'Copy id')),
    h('div.toolbar', {}, cancel, h('button', { type: 'button', id: 'bench-report', onclick: () => void openReport(b.id, fail) }, 'Open report')),
    message, box);
  const show = () => {
    render(box, b);
    cancel.hidden = TERMINAL.includes(b.status);
  };
  show();
  const timer = setInterval(async () => {
    if (TERMINAL.includes(b.status)) return clearInterval(timer);
    try {
      b = await getJson<BenchmarkView>(`/v1/benchmarks/${b.id}`);
      show();
    } catch (err) {
      fail(err);
    }
  }, 250);
  return () => clearInterval(timer);
}
