// #/problems: upload by drag-and-drop or file picker (gzip too), parse errors shown at their line
// and column in the file's own text, the list with sizes, family and summary, and delete.

import { ApiError, errorText, request, getJson, upload, type ParseIssue } from '../api.js';
import { h, mount, copyButton } from '../dom.js';
import { bytes, exact, shortId, summaryText, when } from '../format.js';
import { link } from '../router.js';
import type { Page, ProblemView } from '../types.js';

/** Lines shown around a parse error. */
const CONTEXT_LINES = 2;

/** The file's lines around `issue`, with a caret under its column (text files only; gzip is not unpacked here). */
export async function excerpt(file: File, issue: ParseIssue): Promise<HTMLElement | null> {
  const line = issue.line ?? 0;
  if (line < 1 || file.size > 32 * 1024 * 1024) return null;
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] === 0x1f && head[1] === 0x8b) return null;
  const lines = (await file.text()).split(/\r?\n/);
  const from = Math.max(1, line - CONTEXT_LINES);
  const to = Math.min(lines.length, line + CONTEXT_LINES);
  const rows: HTMLElement[] = [];
  for (let n = from; n <= to; n++) {
    const text = lines[n - 1] ?? '';
    rows.push(h('div.src-line', { class: n === line ? 'src-line at' : 'src-line' }, h('span.ln', {}, String(n)), h('span.code', {}, text)));
    if (n === line) {
      const column = Math.max(1, issue.column ?? 1);
      rows.push(h('div.src-line.caret', {}, h('span.ln', {}, ''), h('span.code', {}, `${' '.repeat(column - 1)}^ ${issue.message ?? ''}`)));
    }
  }
  return h('pre.excerpt', {}, ...rows);
}

async function showUploadError(box: HTMLElement, file: File, err: unknown): Promise<void> {
  if (!(err instanceof ApiError)) {
    mount(box, h('div.error', {}, String(err)));
    return;
  }
  const positioned = err.issues.filter((i) => typeof i.line === 'number' && i.line > 0);
  const items = err.issues.slice(0, 10).map((i) =>
    h('li.issue', { 'data-line': i.line ?? 0, 'data-column': i.column ?? 0 }, i.line ? h('strong', {}, `line ${i.line}, column ${i.column ?? 0}`) : null, i.line ? ': ' : '', h('code', {}, i.code ?? ''), ' ', i.message ?? ''),
  );
  mount(
    box,
    h('div.error.parse-error', { role: 'alert' }, h('strong', {}, `${file.name}: ${err.code}`), h('p', {}, err.detail), items.length > 0 ? h('ul', {}, items) : null, positioned.length > 0 ? await excerpt(file, positioned[0]) : null),
  );
}

async function uploadFiles(files: readonly File[], box: HTMLElement, refresh: () => Promise<void>): Promise<void> {
  for (const file of files) {
    mount(box, h('div.info', {}, `Uploading ${file.name} (${bytes(file.size)})…`));
    try {
      const problem = await upload<ProblemView>('/v1/problems', file);
      mount(box, h('div.ok', { role: 'status' }, `Uploaded ${problem.name ?? file.name}: ${problem.family}, ${exact(problem.variables)} variables. `, h('a', { href: link(['runs', 'new'], { problem: problem.id }) }, 'New run →')));
    } catch (err) {
      // A 401 also brings up the token prompt (api.ts tells the app).
      await showUploadError(box, file, err);
    }
  }
  await refresh();
}

function dropZone(box: HTMLElement, refresh: () => Promise<void>): HTMLElement {
  const picker = h('input', { type: 'file', id: 'file-input', multiple: true, hidden: true });
  picker.addEventListener('change', () => {
    const files = [...(picker.files ?? [])];
    picker.value = '';
    void uploadFiles(files, box, refresh);
  });
  const zone = h('div.drop', { id: 'drop-zone', tabindex: 0, role: 'button', 'aria-label': 'Upload a problem file' },
    h('strong', {}, 'Drop problem files here'), ' or ', h('button', { type: 'button', onclick: () => picker.click() }, 'choose files…'),
    h('div.hint', {}, 'DIMACS CNF/WCNF, Max-Cut, QUBO, DIMACS .col …; gzip (.gz) accepted'), picker);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void uploadFiles([...(e.dataTransfer?.files ?? [])], box, refresh);
  });
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') picker.click();
  });
  return zone;
}

async function remove(p: ProblemView, box: HTMLElement, refresh: () => Promise<void>): Promise<void> {
  const label = p.name ?? p.id;
  if (!confirm(`Delete problem ${label}?`)) return;
  try {
    await request('DELETE', `/v1/problems/${p.id}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'PROBLEM_HAS_RUNS') {
      mount(box, h('div.error', { role: 'alert' }, errorText(err)));
      return;
    }
    if (!confirm(`${label} has runs. Delete it together with its runs, traces and solutions?`)) return;
    await request('DELETE', `/v1/problems/${p.id}?cascade=true`);
  }
  mount(box, h('div.ok', { role: 'status' }, `Deleted ${label}.`));
  await refresh();
}

export async function problemsView(view: HTMLElement): Promise<void> {
  const box = h('div.messages', { id: 'upload-result' });
  const list = h('div', { id: 'problem-list' });
  const refresh = async (): Promise<void> => {
    const page = await getJson<Page<ProblemView>>('/v1/problems?limit=500');
    if (page.items.length === 0) {
      mount(list, h('p.empty', {}, 'No problems yet: upload one above.'));
      return;
    }
    mount(
      list,
      h('table.grid', {},
        h('thead', {}, h('tr', {}, ...['Name', 'Id', 'Family', 'Format', 'Sense', 'Variables', 'Terms', 'Size', 'Summary', 'Uploaded', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, ...page.items.map((p) =>
          h('tr', { 'data-problem': p.id },
            h('td', {}, p.name ?? '(unnamed)'),
            h('td', {}, shortId(p.id), copyButton(() => p.id)),
            h('td', {}, p.family), h('td', {}, p.format), h('td', {}, p.sense),
            h('td.num', {}, exact(p.variables)), h('td.num', {}, exact(p.terms)), h('td.num', {}, bytes(p.contentBytes)),
            h('td.summary', {}, summaryText(p.summary)), h('td', {}, when(p.createdAt)),
            h('td.actions', {},
              h('a.button', { href: link(['runs', 'new'], { problem: p.id }) }, 'New run'),
              h('a.button', { href: link(['runs'], { problem: p.id }) }, 'Runs'),
              h('button.danger', { type: 'button', onclick: () => void remove(p, box, refresh) }, 'Delete'))))),
      ),
    );
  };
  mount(view, h('h1', {}, 'Problems'), dropZone(box, refresh), box, list);
  await refresh();
}
