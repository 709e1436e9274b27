// `npm run fuzz:http`: property-based requests (fast-check) against a real `polystep serve` on
// loopback: no crash, no 5xx, and every refusal a coded problem JSON. Prints what it saw.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { hasEnded, startServeChild, stopServeChild } from './serve-child.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const REQUESTS = Number(values.requests);
const UF20 = readFileSync(join(INSTANCES_DIR, 'satlib/uf20-91/uf20-01.cnf'), 'utf8');

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | null;
  readonly body: Uint8Array | null;
}

/** Ids: real ones found so far, plausible fakes, and hostile strings (long, encoded, traversal). */
const idArb = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...(known.length > 0 ? known : ['prb_0'])),
    fc.constantFrom('prb_0000', 'run_ffff', 'bmk_1', '..%2F..%2Fetc%2Fpasswd', '%00', '%E2%82', 'x'.repeat(8192)),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
  );

const pathArb = (known: string[]) =>
  fc.oneof(
    fc.constantFrom('/healthz', '/readyz', '/openapi.yaml', '/v1/problems', '/v1/runs', '/v1/benchmarks', '/', '/v1', '/v2/x'),
    idArb(known).chain((id) =>
      fc.constantFrom(`/v1/problems/${id}`, `/v1/problems/${id}/evaluate`, `/v1/runs/${id}`, `/v1/runs/${id}/trace`, `/v1/runs/${id}/solution`, `/v1/runs/${id}/events`, `/v1/benchmarks/${id}`, `/v1/benchmarks/${id}/report`),
    ),
  );

const queryArb = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.constantFrom('limit', 'offset', 'status', 'format', 'mode', 'name', 'cascade', 'problemId', 'access_token', 'x'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constant('-1'), fc.constant('1e999'))).map((q) => `?${new URLSearchParams(q)}`),
);

const jsonBodyArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ problemId: fc.string({ maxLength: 30 }), solver: fc.constantFrom('polystep', 'walksat', 'nope'), termination: fc.record({ maxSteps: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }), config: fc.dictionary(fc.constantFrom('particleDim', 'numProbe', 'epsilon', 'scaleCost', 'zzz'), fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }),
  fc.record({ format: fc.constantFrom('cnf', 'wcnf', 'auto', 'bad'), content: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(UF20)) }, { requiredKeys: [] }),
  fc.record({ suite: fc.string({ maxLength: 30 }), solvers: fc.oneof(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 10 }))), seeds: fc.integer(), timeLimitMs: fc.integer() }, { requiredKeys: [] }),
  fc.record({ assignment: fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[01]{18,22}$/)) }, { requiredKeys: [] }),
);

const dimacsArb = fc.oneof(
  fc.constant(UF20),
  fc.string({ maxLength: 300 }),
  fc
    .tuple(fc.array(fc.oneof(fc.constant('p cnf 3 2'), fc.constant('p wcnf 3 2 9'), fc.constant('h 1 -2 0'), fc.constant('5 3 0'), fc.integer().map(String), fc.constant('c x'), fc.constant('%')), { maxLength: 30 }), fc.constantFrom('\n', '\r\n', ' ', '\t'))
    .map(([lines, sep]) => lines.join(sep)),
);

const bodyArb: fc.Arbitrary<{ contentType: string | null; body: Uint8Array | null }> = fc.oneof(
  fc.constant({ contentType: null, body: null }),
  jsonBodyArb.map((j) => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(j)) })),
  fc.string({ maxLength: 200 }).map((s) => ({ contentType: 'application/json', body: Buffer.from(s) })),
  dimacsArb.map((d) => ({ contentType: 'text/plain', body: Buffer.from(d) })),
  dimacsArb.map((d) => ({ contentType: 'application/gzip', body: gzipSync(d) })),
  fc
    .tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/gzip', 'application/octet-stream', 'application/xml', 'text/plain; charset=latin1', 'application/json; charset=utf-16'))
    .map(([b, contentType]) => ({ contentType, body: b })),
  fc
    .tuple(dimacsArb, fc.constantFrom('\r\n--XX--\r\n', '', '\r\n--X'))
    .map(([d, end]) => ({ contentType: 'multipart/form-data; boundary=XX', body: Buffer.from(`--XX\r\nContent-Disposition: form-data; name="file"; filename="a.cnf"\r\n\r\n${d}${end}`) })),
);

const requestArb = (known: string[]): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({ method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'), path: pathArb(known), query: queryArb, payload: bodyArb })
    .map(({ method, path, query, payload }) => ({ method, path: `${path}${query}`, contentType: payload.contentType, body: method === 'GET' || method === 'HEAD' ? null : payload.body }));

/** Limits that would refuse the fuzzer's own traffic are off; a small queue keeps runs few. */
const start = (db: string) => startServeChild(db, { env: { POLYSTEP_RATE_LIMIT: '0', POLYSTEP_MAX_ACTIVE_RUNS: '0', POLYSTEP_MAX_QUEUED: '5' } });

interface Tally {
  requests: number;
  raw: number;
  byStatus: Map<number, number>;
  byCode: Map<string, number>;
  violations: string[];
  timeouts: number;
}

const count = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

async function send(url: string, r: FuzzRequest, tally: Tally, known: string[]): Promise<void> {
  tally.requests++;
  let res: Response;
  try {
    res = await fetch(`${url}${r.path}`, { method: r.method, headers: r.contentType === null ? {} : { 'Content-Type': r.contentType }, body: r.body ?? undefined, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') tally.timeouts++;
    else tally.violations.push(`${r.method} ${r.path.slice(0, 80)}: no answer (${(err as Error).message})`);
    return;
  }
  count(tally.byStatus, res.status);
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return;
  }
  const text = r.method === 'HEAD' ? '' : await res.text();
  if (res.status >= 500) tally.violations.push(`${r.method} ${r.path.slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`);
  if (res.status >= 400 && r.method !== 'HEAD') {
    const code = type.startsWith('application/problem+json') ? (JSON.parse(text) as { code?: unknown }).code : undefined;
    if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) tally.violations.push(`${r.method} ${r.path.slice(0, 80)} → ${res.status} without a coded problem (${type})`);
    else count(tally.byCode, code);
  }
  if (res.status === 201 || res.status === 202) {
    const id = (JSON.parse(text) as { id?: string }).id;
    if (id !== undefined && known.length < 50) known.push(id);
  }
}

/** Bytes that are not valid HTTP, or headers past the limit, straight on a socket. */
async function sendRaw(url: string, bytes: Buffer, tally: Tally): Promise<void> {
  tally.raw++;
  const { hostname, port } = new URL(url);
  const answer = await new Promise<string>((done) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('close', () => done(data));
    socket.on('error', () => done(data));
    socket.end(bytes);
  });
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  if (status === 0) return; // closed without an answer: allowed for garbage
  count(tally.byStatus, status);
  if (status >= 500) tally.violations.push(`raw ${JSON.stringify(bytes.subarray(0, 40).toString('latin1'))} → ${status}`);
  else if (status >= 400 && !/"code":"[A-Z_]+"/.test(answer)) tally.violations.push(`raw → ${status} without a coded problem`);
}

const rawArb = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 100 }).map((s) => Buffer.from(`${s}\r\n\r\n`)),
  fc.integer({ min: 8_000, max: 40_000 }).map((n) => Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(n)}\r\n\r\n`)),
  fc.constantFrom('GET / HTTP/9.9\r\n\r\n', 'POST /v1/problems HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\nshort', 'POST /v1/problems HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n').map((s) => Buffer.from(s)),
);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'polystep-fuzz-http-'));
  const service = await start(join(dir, 'fuzz.db'));
  const tally: Tally = { requests: 0, raw: 0, byStatus: new Map(), byCode: new Map(), violations: [], timeouts: 0 };
  const known: string[] = [];
  const started = performance.now();
  const seed = Number(values.seed);
  const rawShare = Math.floor(REQUESTS / 20);
  for (const r of fc.sample(requestArb(known), { numRuns: REQUESTS - rawShare, seed })) await send(service.url, r, tally, known);
  for (const bytes of fc.sample(rawArb, { numRuns: rawShare, seed })) await sendRaw(service.url, bytes, tally);
  const alive = service.child.exitCode === null && (await fetch(`${service.url}/healthz`).then((r) => r.ok, () => false));
  const crashed = hasEnded(service.child);
  await stopServeChild(service.child);
  rmSync(dir, { recursive: true, force: true });
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz:http: ${tally.requests} requests + ${tally.raw} raw socket writes in ${seconds.toFixed(1)} s (seed ${seed}); service alive at the end: ${alive}${crashed ? ' (it crashed)' : ''}`);
  console.log(`statuses: ${[...tally.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`refusal codes: ${[...tally.byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}×${n}`).join(' ')}`);
  console.log(`timeouts (10 s): ${tally.timeouts}; violations (5xx, uncoded refusals, no answer): ${tally.violations.length}`);
  for (const v of tally.violations.slice(0, 10)) console.log(`  ${v}`);
  process.exitCode = alive && tally.violations.length === 0 ? 0 : 1;
}

await main();
