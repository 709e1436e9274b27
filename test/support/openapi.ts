// Checks HTTP responses against openapi.yaml: documented operation, status, media type, headers and JSON body.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { repoRoot } from './paths.js';

export const openApiPath = resolve(repoRoot, 'openapi.yaml');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
/** Media types whose bodies are not JSON: only the media type itself is checked. */
const OPAQUE_MEDIA_TYPES = new Set(['text/csv', 'text/plain', 'text/event-stream', 'application/yaml']);
/** Where ajv finds the document; refs into it are `${BASE}#/json/pointer`. */
const BASE = 'https://polystep.dev/openapi.yaml';

type Json = Record<string, unknown>;

export interface ResponseLike {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly text?: string;
}

export interface DocumentedOperation {
  readonly method: string;
  readonly path: string;
}

interface Spec {
  readonly doc: Json;
  readonly ajv: InstanceType<typeof Ajv2020>;
  readonly validators: Map<string, ValidateFunction>;
  readonly templates: { path: string; regex: RegExp; params: number }[];
}

let loaded: Spec | null = null;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed openapi.yaml (read once per process). */
export function loadOpenApi(): Json {
  return spec().doc;
}

function spec(): Spec {
  if (loaded !== null) return loaded;
  const doc = parse(readFileSync(openApiPath, 'utf8')) as unknown;
  assert.ok(isObject(doc) && isObject(doc.paths), 'openapi.yaml has no paths');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // Formats by hand (no ajv-formats dependency): what the document uses.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addSchema({ ...doc, $id: BASE });
  const templates = Object.keys(doc.paths).map((path) => ({
    path,
    regex: new RegExp(`^${path.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`),
    params: (path.match(/\{[^}]+\}/g) ?? []).length,
  }));
  loaded = { doc, ajv, validators: new Map(), templates };
  return loaded;
}

function escapeToken(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function pointerOf(tokens: readonly string[]): string {
  return `#/${tokens.map(escapeToken).join('/')}`;
}

/** Follows a local `$ref` (`#/components/...`), returning the target and its pointer tokens. */
function deref(value: unknown, tokens: readonly string[]): { value: Json; tokens: string[] } {
  let current: unknown = value;
  let at = [...tokens];
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    assert.ok(hops < 10, `$ref cycle at ${pointerOf(at)}`);
    const ref = current.$ref;
    assert.ok(ref.startsWith('#/'), `only local refs are supported: ${ref}`);
    at = ref.slice(2).split('/').map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
    current = at.reduce<unknown>((node, t) => (isObject(node) ? node[t] : undefined), spec().doc);
    assert.ok(current !== undefined, `unresolvable $ref ${ref}`);
  }
  assert.ok(isObject(current), `no object at ${pointerOf(at)}`);
  return { value: current, tokens: at };
}

function validatorAt(tokens: readonly string[]): ValidateFunction {
  const s = spec();
  const key = pointerOf(tokens);
  let validate = s.validators.get(key);
  if (validate === undefined) {
    validate = s.ajv.getSchema(`${BASE}${key}`);
    assert.ok(validate, `ajv cannot compile the schema at ${key}`);
    s.validators.set(key, validate);
  }
  return validate;
}

function validateAt(tokens: readonly string[], value: unknown, what: string): void {
  const validate = validatorAt(tokens);
  if (!validate(value)) {
    const errors = spec().ajv.errorsText(validate.errors, { separator: '\n  ', dataVar: 'body' });
    assert.fail(`${what} does not match ${pointerOf(tokens)}:\n  ${errors}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
  }
}

/** Every operation openapi.yaml documents, as {method: 'GET', path: '/v1/runs/{id}'}. */
export function documentedOperations(): DocumentedOperation[] {
  const paths = spec().doc.paths as Json;
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => isObject(item) && isObject(item[m])).map((m) => ({ method: m.toUpperCase(), path })),
  );
}

export interface DocumentedResponse {
  readonly method: string;
  readonly path: string;
  readonly status: string;
  /** Response media types; empty when the response has no content. */
  readonly mediaTypes: readonly string[];
}

/** Every documented response of every operation. */
export function documentedResponses(): DocumentedResponse[] {
  const paths = spec().doc.paths as Json;
  return documentedOperations().flatMap(({ method, path }) => {
    const opTokens = ['paths', path, method.toLowerCase()];
    const operation = (paths[path] as Json)[method.toLowerCase()] as Json;
    return Object.entries((operation.responses as Json | undefined) ?? {}).map(([status, raw]) => {
      const response = deref(raw, [...opTokens, 'responses', status]).value;
      return { method, path, status, mediaTypes: Object.keys(isObject(response.content) ? response.content : {}) };
    });
  });
}

/** The key coverage is recorded under: `GET /v1/runs/{id} 200 text/csv` (`-` for no content). */
export function responseKey(method: string, path: string, status: string, mediaType: string | undefined): string {
  return `${method.toUpperCase()} ${path} ${status} ${mediaType ?? '-'}`;
}

/** The templated path a concrete one (query string allowed) belongs to; literal templates win. */
export function templateOf(concretePath: string): string | undefined {
  const path = concretePath.split('?')[0];
  const matches = spec().templates.filter((t) => t.regex.test(path));
  matches.sort((a, b) => a.params - b.params);
  return matches[0]?.path;
}

const covered = new Set<string>();

/** The responses assertMatchesOpenApi has accepted in this process, as responseKey()s. */
export function coveredResponses(): ReadonlySet<string> {
  return covered;
}

function header(res: ResponseLike, name: string): string | undefined {
  const entry = Object.entries(res.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  return Array.isArray(value) ? value.join(', ') : value;
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/**
 * Asserts that `res` is a documented response of `method` on the concrete `path`: the operation
 * exists, the status is documented, the media type is documented for it, required headers are
 * present and documented headers match their schemas, and a JSON body matches its schema.
 */
export function assertMatchesOpenApi(method: string, path: string, res: ResponseLike): void {
  const template = templateOf(path);
  assert.ok(template !== undefined, `${path} matches no documented path`);
  const m = method.toLowerCase();
  const pathTokens = ['paths', template];
  const item = deref((spec().doc.paths as Json)[template], pathTokens);
  assert.ok(isObject(item.value[m]), `${method.toUpperCase()} ${template} is not documented`);
  const opTokens = [...item.tokens, m];
  const operation = item.value[m] as Json;
  const responses = (operation.responses as Json | undefined) ?? {};
  const statusKey = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => k in responses);
  const where = `${method.toUpperCase()} ${path} → ${res.status}`;
  assert.ok(statusKey !== undefined, `${where}: status ${res.status} is not documented for ${method.toUpperCase()} ${template} (documented: ${Object.keys(responses).join(', ')}); body: ${(res.text ?? JSON.stringify(res.body) ?? '').slice(0, 500)}`);
  const response = deref(responses[statusKey], [...opTokens, 'responses', statusKey]);

  for (const [name, raw] of Object.entries(isObject(response.value.headers) ? response.value.headers : {})) {
    const h = deref(raw, [...response.tokens, 'headers', name]);
    const value = header(res, name);
    if (value === undefined) {
      assert.ok(h.value.required !== true, `${where}: required header ${name} is missing`);
      continue;
    }
    if (isObject(h.value.schema)) validateAt([...h.tokens, 'schema'], value, `${where}: header ${name}`);
  }

  const contentType = header(res, 'content-type');
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  const content = isObject(response.value.content) ? response.value.content : undefined;
  if (content === undefined) {
    const empty = (res.text ?? '') === '' && (res.body === undefined || res.body === null || (isObject(res.body) && Object.keys(res.body).length === 0) || res.body === '');
    assert.ok(empty && mediaType === undefined, `${where}: no content is documented, but the response has ${mediaType ?? 'a body'}`);
  } else {
    assert.ok(mediaType !== undefined, `${where}: the response has no Content-Type (documented: ${Object.keys(content).join(', ')})`);
    assert.ok(mediaType in content, `${where}: media type ${mediaType} is not documented (documented: ${Object.keys(content).join(', ')})`);
    if (isJsonMediaType(mediaType) && !OPAQUE_MEDIA_TYPES.has(mediaType)) {
      const media = content[mediaType] as Json;
      if (isObject(media.schema)) {
        const body = typeof res.text === 'string' && res.text.length > 0 ? (JSON.parse(res.text) as unknown) : res.body;
        validateAt([...response.tokens, 'content', mediaType, 'schema'], body, `${where}: the ${mediaType} body`);
      }
    }
  }
  covered.add(responseKey(method, template, statusKey, content === undefined ? undefined : mediaType));
}

/** Asserts that `value` matches `#/components/schemas/<name>` (e.g. the data of a server-sent event). */
export function assertMatchesSchema(name: string, value: unknown): void {
  const schemas = (spec().doc.components as Json | undefined)?.schemas;
  assert.ok(isObject(schemas) && isObject(schemas[name]), `no schema ${name} in openapi.yaml`);
  validateAt(['components', 'schemas', name], value, `a ${name}`);
}

/** Resolves every `$ref` in the document; returns the ones that do not resolve. */
export function unresolvableRefs(doc: unknown = spec().doc): string[] {
  const bad: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      const target = ref.startsWith('#/')
        ? ref.slice(2).split('/').map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~')).reduce<unknown>((n, t) => (isObject(n) ? n[t] : undefined), doc)
        : undefined;
      if (target === undefined) bad.push(ref);
    }
    Object.values(node).forEach(visit);
  };
  visit(doc);
  return bad;
}

/** Compiles every schema under components/schemas and every response schema (throws on the first that fails). */
export function compileAllSchemas(): number {
  const s = spec();
  let count = 0;
  for (const name of Object.keys(((s.doc.components as Json).schemas as Json) ?? {})) {
    validatorAt(['components', 'schemas', name]);
    count++;
  }
  for (const { method, path } of documentedOperations()) {
    const opTokens = ['paths', path, method.toLowerCase()];
    const operation = deref((s.doc.paths as Json)[path], ['paths', path]).value[method.toLowerCase()] as Json;
    for (const [status, raw] of Object.entries((operation.responses as Json | undefined) ?? {})) {
      const response = deref(raw, [...opTokens, 'responses', status]);
      for (const mediaType of Object.keys(isObject(response.value.content) ? response.value.content : {})) {
        const media = (response.value.content as Json)[mediaType] as Json;
        if (isObject(media.schema)) {
          validatorAt([...response.tokens, 'content', mediaType, 'schema']);
          count++;
        }
      }
    }
  }
  return count;
}
