import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startService } from '../src/service/server.js';
import { configFromEnv, DEFAULT_SERVICE_CONFIG } from '../src/service/service-config.js';
import { repoRoot } from './support/paths.js';

test('by default the service listens on loopback only, is rate-limited and bounded, and asks for no token', () => {
  const config = configFromEnv({});
  assert.equal(config.host, '127.0.0.1');
  assert.deepEqual(
    [config.apiToken, config.allowedOrigins, config.rateLimitPerMinute, config.maxActiveRunsPerClient, config.maxRunTimeMs, config.maxCellTimeMs, config.maxBenchmarkCells, config.maxVariables, config.maxClauses],
    [null, [], 600, 20, 3_600_000, 300_000, 5_000, 10_000_000, 20_000_000],
  );
  assert.equal(configFromEnv({ HOST: '' }).host, '127.0.0.1', 'an empty HOST is no override');
});

test('every setting is read from its environment variable', () => {
  const config = configFromEnv({
    HOST: '0.0.0.0',
    POLYSTEP_API_TOKEN: 'abcdefghijklmnop-_.~+/0123456789=',
    POLYSTEP_ALLOWED_ORIGINS: 'https://dash.example.org, http://localhost:3000/',
    POLYSTEP_RATE_LIMIT: '0',
    POLYSTEP_MAX_ACTIVE_RUNS: '3',
    POLYSTEP_MAX_RUN_TIME_MS: '60000',
    POLYSTEP_MAX_CELL_TIME_MS: '1000',
    POLYSTEP_MAX_BENCHMARK_CELLS: '10',
    POLYSTEP_MAX_VARIABLES: '1000',
    POLYSTEP_MAX_CLAUSES: '0',
  });
  assert.deepEqual(
    [config.host, config.apiToken, config.allowedOrigins, config.rateLimitPerMinute, config.maxActiveRunsPerClient, config.maxRunTimeMs, config.maxCellTimeMs, config.maxBenchmarkCells, config.maxVariables, config.maxClauses],
    ['0.0.0.0', 'abcdefghijklmnop-_.~+/0123456789=', ['https://dash.example.org', 'http://localhost:3000'], 0, 3, 60_000, 1000, 10, 1000, 0],
  );
});

test('a malformed setting is refused with a message naming its variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ POLYSTEP_API_TOKEN: 'short' }, /^POLYSTEP_API_TOKEN must be at least 16 characters/],
    [{ POLYSTEP_API_TOKEN: 'a token with spaces in it' }, /^POLYSTEP_API_TOKEN /],
    [{ POLYSTEP_ALLOWED_ORIGINS: 'dash.example.org' }, /^POLYSTEP_ALLOWED_ORIGINS must list origins/],
    [{ POLYSTEP_ALLOWED_ORIGINS: 'https://dash.example.org/app' }, /^POLYSTEP_ALLOWED_ORIGINS /],
    [{ POLYSTEP_ALLOWED_ORIGINS: 'ftp://files.example.org' }, /^POLYSTEP_ALLOWED_ORIGINS /],
    [{ POLYSTEP_RATE_LIMIT: 'lots' }, /^POLYSTEP_RATE_LIMIT must be a non-negative integer/],
    [{ POLYSTEP_MAX_ACTIVE_RUNS: '-1' }, /^POLYSTEP_MAX_ACTIVE_RUNS /],
    [{ POLYSTEP_MAX_RUN_TIME_MS: '1.5' }, /^POLYSTEP_MAX_RUN_TIME_MS /],
    [{ POLYSTEP_MAX_CELL_TIME_MS: '1e99' }, /^POLYSTEP_MAX_CELL_TIME_MS /],
    [{ POLYSTEP_MAX_BENCHMARK_CELLS: 'x' }, /^POLYSTEP_MAX_BENCHMARK_CELLS /],
    [{ POLYSTEP_MAX_VARIABLES: '10M' }, /^POLYSTEP_MAX_VARIABLES /],
    [{ POLYSTEP_MAX_CLAUSES: '-5' }, /^POLYSTEP_MAX_CLAUSES /],
  ];
  for (const [env, message] of cases) assert.throws(() => configFromEnv(env), { message }, JSON.stringify(env));
});

test('the service binds to 127.0.0.1 unless told otherwise', async () => {
  const service = await startService({ ...DEFAULT_SERVICE_CONFIG, port: 0, databasePath: ':memory:', workers: 1, logRequests: false }, () => {});
  try {
    assert.equal((service.server.address() as AddressInfo).address, '127.0.0.1');
    assert.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await service.stop();
  }
});

test('the container image listens on every interface, since it is reached through its published port', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^ENV [^\n]*\bHOST=0\.0\.0\.0\b/m);
});
