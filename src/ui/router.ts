// Hash routes: #/problems, #/runs/new?problem=…, #/runs/<id>, #/compare?runs=a,b, #/benchmarks,
// #/benchmarks/<id>, #/health. A view renders into the main element and may return a cleanup.

export interface Route {
  /** Path segments after '#/', e.g. ['runs', 'abc']. */
  readonly parts: readonly string[];
  readonly query: URLSearchParams;
}

export function currentRoute(hash = location.hash): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  return { parts: parts.length === 0 ? ['problems'] : parts, query: new URLSearchParams(search) };
}

export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

export function link(parts: readonly string[], query?: Record<string, string>): string {
  const q = query === undefined ? '' : `?${new URLSearchParams(query).toString()}`;
  return `#/${parts.map(encodeURIComponent).join('/')}${q}`;
}
