// The dashboard's only way to the service: the public REST API, with the bearer token when one is
// set, and problem+json errors turned into ApiError (code, detail, issues with line and column).

const TOKEN_KEY = 'polystep.apiToken';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token === null || token === '') sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

export interface ParseIssue {
  readonly code?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message?: string;
  readonly path?: string;
}

/** An RFC 9457 problem the API answered with, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly issues: readonly ParseIssue[] = [],
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

/** An error in words for the page: an API problem as `CODE: detail`, anything else as it prints. */
export function errorText(err: unknown): string {
  return err instanceof ApiError ? `${err.code}: ${err.detail}` : String(err);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = getToken();
  return token === null ? extra : { ...extra, Authorization: `Bearer ${token}` };
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { code?: string; detail?: string; title?: string; issues?: ParseIssue[] };
    return new ApiError(res.status, body.code ?? 'ERROR', body.detail ?? body.title ?? res.statusText, body.issues ?? []);
  } catch {
    return new ApiError(res.status, 'HTTP_ERROR', text.slice(0, 300) || res.statusText);
  }
}

/** Listeners told of a 401 (the app asks for the token). */
const unauthorized = new Set<(e: ApiError) => void>();
export function onUnauthorized(listener: (e: ApiError) => void): void {
  unauthorized.add(listener);
}

export async function request(method: string, path: string, init: { body?: BodyInit; type?: string; accept?: string } = {}): Promise<Response> {
  const extra: Record<string, string> = { Accept: init.accept ?? 'application/json' };
  if (init.type !== undefined) extra['Content-Type'] = init.type;
  let res: Response;
  try {
    res = await fetch(path, { method, headers: headers(extra), body: init.body });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', `the service did not answer (${(err as Error).message})`);
  }
  if (!res.ok) {
    const error = await failure(res);
    if (res.status === 401) for (const listener of unauthorized) listener(error);
    throw error;
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request('GET', path)).json() as Promise<T>;
}

export async function sendJson<T>(method: 'POST' | 'DELETE' | 'PUT', path: string, body?: unknown): Promise<T | null> {
  const res = await request(method, path, body === undefined ? {} : { body: JSON.stringify(body), type: 'application/json' });
  if (res.status === 204) return null;
  const text = await res.text();
  return text === '' ? null : (JSON.parse(text) as T);
}

/** Uploads a file as multipart/form-data (field `file`); the browser sets the boundary. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return (await request('POST', path, { body: form })).json() as Promise<T>;
}

/**
 * Saves a response as a file: fetch (so the token goes in a header) into a Blob, then a link with
 * `download` clicked, since a plain link cannot carry Authorization.
 */
export async function download(path: string, fileName: string, accept: string): Promise<void> {
  const blob = await (await request('GET', path, { accept })).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The event stream's URL: EventSource cannot set headers, so the token rides in ?access_token=. */
export function eventsUrl(runId: string): string {
  const token = getToken();
  const path = `/v1/runs/${encodeURIComponent(runId)}/events`;
  return token === null ? path : `${path}?access_token=${encodeURIComponent(token)}`;
}

/** A curl command equivalent to a JSON request the page sends (the token as a variable, never its value). */
export function curlFor(method: string, path: string, body?: unknown): string {
  const lines = [`curl -X ${method} "${location.origin}${path}"`];
  if (getToken() !== null) lines.push(`  -H "Authorization: Bearer $POLYSTEP_API_TOKEN"`);
  if (body !== undefined) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(body).replace(/'/g, "'\\''")}'`);
  return lines.join(' \\\n');
}
