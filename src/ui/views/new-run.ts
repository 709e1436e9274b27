// #/runs/new?problem=…: the run form, built from the catalog (the schemas the API validates with):
// solvers that solve the problem's family, the preset and PolyStep config only for solvers that read
// them, termination limits, seed, attempts, and colours for colouring problems. It shows the curl equivalent.

import { ApiError, curlFor, errorText, getJson, sendJson } from '../api.js';
import { catalogProblem, familyFields, loadCatalog, presetsFor, readsConfig, solversFor } from '../catalog.js';
import { h, mount, copyButton } from '../dom.js';
import { exact } from '../format.js';
import { go, link, type Route } from '../router.js';
import { FieldError, fieldInput, fieldsOf, readFields, type FieldSpec } from '../schema-form.js';
import type { Catalog, JsonSchema, Page, ProblemView } from '../types.js';

/** Termination defaults the form starts with: a short run a person can watch. */
const START = { timeLimitMs: '5000' };

function problemPicker(problems: readonly ProblemView[], selected: string | null): HTMLSelectElement {
  const select = h('select', { id: 'run-problem', name: 'problemId', required: true }, h('option', { value: '' }, '— choose a problem —'),
    ...problems.map((p) => h('option', { value: p.id, selected: p.id === selected }, `${p.name ?? p.id} · ${p.family} · ${exact(p.variables)} vars`)));
  select.addEventListener('change', () => go(link(['runs', 'new'], { problem: select.value })));
  return select;
}

/** The POST /v1/runs body the form describes. */
export interface RunFields {
  readonly config: readonly FieldSpec[];
  readonly termination: readonly FieldSpec[];
  /** The run's other fields, from the catalog's schemas: `maxAttempts`, and those only the problem's family reads (colouring's `colors`). */
  readonly run: readonly FieldSpec[];
}

/** `maxAttempts` as the catalog's run schema gives it (blank: the API's default, one start). */
function attemptsField(catalog: Catalog): Record<string, JsonSchema> {
  const schema = catalog.runSchema.properties?.maxAttempts;
  return schema === undefined ? {} : { maxAttempts: schema };
}

export function runBody(form: HTMLFormElement, catalog: Catalog, problem: ProblemView, fields: RunFields): Record<string, unknown> {
  const data = new FormData(form);
  const solver = String(data.get('solver') ?? '');
  const def = catalog.solvers.find((s) => s.name === solver);
  const body: Record<string, unknown> = { problemId: problem.id, solver };
  const preset = String(data.get('preset') ?? '');
  if (def?.usesPreset && preset !== '') body.preset = preset;
  if (def !== undefined && readsConfig(def, problem.family)) {
    const config = readFields(form, 'config', fields.config);
    if (Object.keys(config).length > 0) body.config = config;
  }
  body.termination = readFields(form, 'termination', fields.termination);
  const seed = String(data.get('seed') ?? '').trim();
  if (seed !== '') {
    if (!/^\d+$/.test(seed)) throw new FieldError('seed: a whole number ≥ 0 is needed');
    body.seed = Number(seed);
  }
  return { ...body, ...readFields(form, 'run', fields.run) };
}

function form(view: HTMLElement, catalog: Catalog, problem: ProblemView): HTMLFormElement {
  const solvers = solversFor(catalog, problem.family);
  const fields: RunFields = {
    config: fieldsOf(catalog.configSchema),
    termination: fieldsOf(catalog.terminationSchema),
    run: fieldsOf({ properties: { ...familyFields(catalog, problem.family), ...attemptsField(catalog) } }),
  };
  const solver = h('select', { id: 'run-solver', name: 'solver' }, ...solvers.map((s) => h('option', { value: s.name, title: s.summary }, s.name)));
  const solverNote = h('small', { id: 'solver-summary' });
  const presetBox = h('fieldset', { id: 'preset-box' }, h('legend', {}, 'Preset'),
    h('select', { name: 'preset', id: 'run-preset' }, ...presetsFor(catalog, problem.family).map((p) => h('option', { value: p.name, title: p.summary, selected: p.name === 'default' }, `${p.name} — ${p.summary}`))));
  const configBox = h('details', { id: 'config-box' }, h('summary', {}, 'PolyStep config overrides (blank = preset value)'), h('div.fields', {}, ...fields.config.map((f) => fieldInput('config', f))));
  const curl = h('pre.curl', { id: 'curl' });
  const message = h('div.messages', { id: 'run-form-message' });
  const el = h('form.run-form', { id: 'run-form' },
    h('label.field', {}, h('span', {}, 'Solver'), solver, solverNote),
    presetBox, configBox,
    h('fieldset', {}, h('legend', {}, 'Termination (blank = not limited; steps default to 1000 when no time limit)'),
      h('div.fields', {}, ...fields.termination.map((f) => fieldInput('termination', f, (START as Record<string, string>)[f.name])))),
    h('div.fields', {},
      h('label.field', {}, h('span', {}, 'Seed'), h('input', { name: 'seed', id: 'run-seed', type: 'number', min: 0, step: 1, value: 0 })),
      ...fields.run.map((f) => fieldInput('run', f))),
    h('div.toolbar', {}, h('button.primary', { type: 'submit', id: 'run-submit' }, 'Start run')),
    message,
    h('h3', {}, 'The same request with curl ', copyButton(() => curl.textContent ?? '')), curl);
  const sync = () => {
    const def = solvers.find((s) => s.name === solver.value);
    solverNote.textContent = def?.summary ?? '';
    presetBox.hidden = !def?.usesPreset;
    configBox.hidden = def === undefined || !readsConfig(def, problem.family);
    try {
      curl.textContent = curlFor('POST', '/v1/runs', runBody(el, catalog, problem, fields));
    } catch (err) {
      curl.textContent = `(${(err as Error).message})`;
    }
  };
  el.addEventListener('input', sync);
  el.addEventListener('change', sync);
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    let body: Record<string, unknown>;
    try {
      body = runBody(el, catalog, problem, fields);
    } catch (err) {
      mount(message, h('div.error', { role: 'alert' }, (err as Error).message));
      return;
    }
    try {
      const made = await sendJson<{ id: string }>('POST', '/v1/runs', body);
      if (made !== null) go(link(['runs', made.id]));
    } catch (err) {
      mount(message, h('div.error', { role: 'alert' }, errorText(err)));
    }
  });
  if (solvers.length === 0) mount(message, h('div.error', {}, `the catalog lists no solver for ${problem.family} problems`));
  sync();
  return el;
}

export async function newRunView(view: HTMLElement, route: Route): Promise<void> {
  const problemId = route.query.get('problem');
  const problems = await getJson<Page<ProblemView>>('/v1/problems?limit=500');
  const problem = problems.items.find((p) => p.id === problemId) ?? null;
  const head = [h('h1', {}, 'New run'), h('label.field', {}, h('span', {}, 'Problem'), problemPicker(problems.items, problemId))];
  if (problem === null) {
    mount(view, ...head, h('p', {}, problems.items.length === 0 ? h('a', { href: link(['problems']) }, 'Upload a problem first.') : 'Choose a problem.'));
    return;
  }
  let catalog: Catalog;
  try {
    catalog = await loadCatalog();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw err;
    mount(view, ...head, h('div.error', { id: 'catalog-unavailable', role: 'alert' }, catalogProblem(err)));
    return;
  }
  mount(view, ...head, h('p.problem-line', {}, `${problem.family} (${problem.sense}imise) · ${exact(problem.variables)} variables · ${exact(problem.terms)} terms`), form(view, catalog, problem));
}
