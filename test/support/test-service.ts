// An in-process service on an in-memory (or given) database, for supertest.

import { after } from 'node:test';
import { createApp } from '../../src/service/app.js';
import { buildContainer, disposeDeps, resolveDeps } from '../../src/service/container.js';
import { DEFAULT_SERVICE_CONFIG, type ServiceConfig } from '../../src/service/service-config.js';
import type { ServiceDeps } from '../../src/service/service-deps.js';

export interface TestService {
  readonly app: ReturnType<typeof createApp>;
  readonly deps: ServiceDeps;
  close(): Promise<void>;
}

/**
 * Every request of a test comes from one address, and tests poll: the per-client rate limit and
 * active-run cap are off unless a test turns them on (test/service-security.test.ts does).
 */
export function testService(overrides: Partial<ServiceConfig> = {}): TestService {
  const config: ServiceConfig = {
    ...DEFAULT_SERVICE_CONFIG,
    databasePath: ':memory:',
    workers: 1,
    logRequests: false,
    flushEveryMs: 20,
    progressEveryMs: 20,
    rateLimitPerMinute: 0,
    maxActiveRunsPerClient: 0,
    ...overrides,
  };
  const deps = resolveDeps(buildContainer(config));
  deps.service.recover();
  return { app: createApp(deps, () => {}), deps, close: () => disposeDeps(deps) };
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A factory of test services that are all closed after the file's tests. */
export function servicesClosedAfter(): (overrides?: Partial<ServiceConfig>) => TestService {
  const services: TestService[] = [];
  after(() => Promise.all(services.map((s) => s.close())));
  return (overrides = {}) => {
    const s = testService(overrides);
    services.push(s);
    return s;
  };
}
