// #/runs/<id>: status, the live convergence plot fed by the event stream, the trace table (the
// latest events; the whole trace as CSV), the solution download and cancel.

import { download, errorText, getJson, request } from '../api.js';
import { h, mount, copyButton } from '../dom.js';
import { badge, exact, ms, when } from '../format.js';
import { LivePlot, type XAxis } from '../live-plot.js';
import { link } from '../router.js';
import { followRun } from '../run-stream.js';
import { TERMINAL, type RunView, type TraceEvent } from '../types.js';

/** Trace rows shown on the page (the newest); the CSV has them all. */
const TABLE_ROWS = 50;

declare global {
  interface Window {
    /** The run page's plot, for the browser tests and the bench. */
    __plot?: LivePlot;
  }
}

function facts(run: RunView, best: string | null, steps: number): HTMLElement {
  const row = (label: string, value: Node | string) => h('div.fact', {}, h('dt', {}, label), h('dd', {}, value));
  return h('dl.facts', { id: 'run-facts' },
    row('Status', badge(run.status)),
    row('Best objective', h('span.exact', { id: 'run-best' }, best === null ? '—' : exact(best))),
    row('Steps', h('span', { id: 'run-steps' }, exact(steps))),
    row('Solver', `${run.solver}${run.preset === null ? '' : ` (${run.preset})`}`),
    row('Problem', h('a', { href: link(['runs'], { problem: run.problemId }) }, `${run.family} · ${run.sense}imise`)),
    row('Seed', String(run.seed)),
    row('Attempt', h('span', { id: 'run-attempt', title: 'Starts allowed when the process or worker running it is lost (maxAttempts)' }, `${run.attempt} of ${run.maxAttempts}`)),
    row('Backend', run.backend ?? '—'),
    row('Queued', when(run.timestamps.queuedAt)),
    row('Solve time', ms(run.timing.solveMs)),
    row('Stop reason', run.stopReason ?? '—'),
    run.error === null ? null : row('Error', h('span.error-text', {}, run.error)) as never);
}

function traceTable(events: readonly TraceEvent[]): HTMLElement {
  const shown = events.slice(-TABLE_ROWS).reverse();
  return h('table.grid.trace', { id: 'trace-table' },
    h('caption', {}, `latest ${shown.length} of ${exact(events.length)} events`),
    h('thead', {}, h('tr', {}, ...['seq', 'type', 'status', 'step', 'evaluations', 'elapsed', 'cost', 'best objective'].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...shown.map((e) => h('tr', {},
      h('td.num', {}, String(e.seq)), h('td', {}, e.type), h('td', {}, e.status ?? ''), h('td.num', {}, e.step === undefined ? '' : exact(e.step)),
      h('td.num', {}, e.evaluations === undefined ? '' : exact(e.evaluations)), h('td.num', {}, ms(e.elapsedMs)),
      h('td.num', {}, e.cost === undefined ? '' : String(e.cost)), h('td.num', {}, e.bestObjective === undefined ? '' : exact(e.bestObjective))))));
}

export async function runView(view: HTMLElement, id: string): Promise<() => void> {
  let run = await getJson<RunView>(`/v1/runs/${encodeURIComponent(id)}`);
  const events: TraceEvent[] = [];
  let best: string | null = run.best?.objective ?? null;
  let steps = run.steps;
  const factsBox = h('div', { id: 'facts-box' }, facts(run, best, steps));
  const tableBox = h('div', { id: 'trace-box' });
  const message = h('div.messages', { id: 'run-message' });
  const plotBox = h('div.plot', { id: 'run-plot', 'data-points': '0' });
  const cancel = h('button.danger', { type: 'button', id: 'run-cancel' }, 'Cancel run');
  const xSelect = h('select', { id: 'plot-x' }, h('option', { value: 'time' }, 'elapsed time'), h('option', { value: 'steps' }, 'steps'));
  const logBox = h('input', { type: 'checkbox', id: 'plot-log' });
  const fail = (err: unknown) => mount(message, h('div.error', { role: 'alert' }, errorText(err)));

  let tableQueued = false;
  const refreshTable = () => {
    if (tableQueued) return;
    tableQueued = true;
    // The table follows at most a few times a second: the plot is what must keep up.
    setTimeout(() => {
      tableQueued = false;
      mount(tableBox, traceTable(events));
      const el = document.getElementById('run-best');
      if (el !== null) el.textContent = best === null ? '—' : exact(best);
      const st = document.getElementById('run-steps');
      if (st !== null) st.textContent = exact(steps);
    }, 250);
  };
  const updateControls = () => {
    cancel.hidden = TERMINAL.includes(run.status);
    logBox.disabled = !plot.logPossible() && !logBox.checked;
  };

  mount(view,
    h('h1', {}, 'Run ', h('code', { id: 'run-id' }, run.id), ' ', copyButton(() => run.id, 'Copy id')),
    h('div.toolbar', {},
      cancel,
      h('button', { type: 'button', id: 'download-csv', onclick: () => download(`/v1/runs/${run.id}/trace?format=csv`, `${run.id}-trace.csv`, 'text/csv').catch(fail) }, 'Download trace (CSV)'),
      h('button', { type: 'button', id: 'download-solution', onclick: () => download(`/v1/runs/${run.id}/solution`, `${run.id}-solution.txt`, 'text/plain').catch(fail) }, 'Download solution'),
      h('button', { type: 'button', id: 'download-solution-json', onclick: () => download(`/v1/runs/${run.id}/solution`, `${run.id}-solution.json`, 'application/json').catch(fail) }, 'Solution (JSON)'),
      h('a.button', { href: link(['runs'], { problem: run.problemId }) }, 'Compare with other runs…'),
      h('a.button', { href: link(['runs', 'new'], { problem: run.problemId }) }, 'New run on this problem')),
    message, factsBox,
    h('div.plot-controls', {}, h('label', {}, 'x axis ', xSelect), h('label', {}, logBox, ' log scale (best objective)')),
    plotBox, tableBox);

  const plot = new LivePlot(plotBox, { xAxis: 'time', logY: false }, () => {
    refreshTable();
    updateControls();
  });
  window.__plot = plot;
  xSelect.addEventListener('change', () => plot.setOptions({ xAxis: xSelect.value as XAxis }));
  logBox.addEventListener('change', () => plot.setOptions({ logY: logBox.checked }));

  const onEvent = (e: TraceEvent) => {
    events.push(e);
    if (e.bestObjective !== undefined) best = e.bestObjective;
    if (e.step !== undefined) steps = Math.max(steps, e.step);
    if (e.type === 'status' && e.status !== undefined && e.status !== run.status) {
      run = { ...run, status: e.status };
      mount(factsBox, facts(run, best, steps));
    }
    plot.push(e);
  };
  let stop = () => {};
  const ended = (finished: RunView | null) => {
    if (finished !== null) run = finished;
    best = run.best?.objective ?? best;
    mount(factsBox, facts(run, best, steps));
    updateControls();
    plotBox.dataset.ended = 'true';
  };
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      const res = await request('DELETE', `/v1/runs/${run.id}`);
      const answer = (await res.json()) as RunView;
      // The stream may have brought the terminal status first: keep the newer of the two.
      if (!TERMINAL.includes(run.status)) run = answer;
      mount(factsBox, facts(run, best, steps));
      mount(message, h('div.ok', { role: 'status' }, 'Cancel requested.'));
    } catch (err) {
      fail(err);
    } finally {
      cancel.disabled = false;
      updateControls();
    }
  });

  if (TERMINAL.includes(run.status)) {
    const trace = await getJson<{ events: TraceEvent[] }>(`/v1/runs/${run.id}/trace`);
    events.push(...trace.events);
    plot.pushAll(trace.events);
    ended(null);
  } else {
    stop = followRun(run.id, { onEvent, onEnd: ended });
  }
  updateControls();
  mount(tableBox, traceTable(events));
  return () => {
    stop();
    plot.destroy();
    if (window.__plot === plot) delete window.__plot;
  };
}
