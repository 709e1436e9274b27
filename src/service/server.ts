// Starts the HTTP service and stops it gracefully: no new requests, runs stopped with their best, DB closed.

import { createServer, type Server } from 'node:http';
import { probeGpu } from '../backends/gpu-probe.js';
import { createApp, type Logger } from './app.js';
import { answerClientError, MAX_HEADER_BYTES } from './client-error.js';
import { buildContainer, disposeDeps, resolveDeps } from './container.js';
import type { ServiceConfig } from './service-config.js';
import type { ServiceDeps } from './service-deps.js';

export interface RunningService {
  readonly server: Server;
  readonly deps: ServiceDeps;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startService(config: ServiceConfig, log: Logger): Promise<RunningService> {
  const deps = resolveDeps(buildContainer(config));
  const recovered = deps.service.recover();
  const app = createApp(deps, log);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
    s.on('clientError', answerClientError);
    s.once('error', reject);
    s.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const auth = config.apiToken === null ? 'none' : 'bearer token';
  log({ at: new Date().toISOString(), msg: 'listening', url, host: config.host, auth, database: config.databasePath, workers: config.workers, ...recovered });
  // Benchmarks a crash left running continue (their stored cells are kept); resolving suites can take a moment.
  void deps.benchmarkService.recover().then(
    (benchmarks) => (benchmarks.resumed.length + benchmarks.failed.length > 0 ? log({ at: new Date().toISOString(), msg: 'benchmarks recovered', ...benchmarks }) : undefined),
    (err: Error) => log({ at: new Date().toISOString(), level: 'error', msg: 'benchmark recovery failed', error: err.message }),
  );
  void probeGpu();
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await disposeDeps(deps);
      server.closeAllConnections();
      await closed;
    })();
    return stopping;
  };
  return { server, deps, url, stop };
}
