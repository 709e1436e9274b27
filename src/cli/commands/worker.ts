// `polystep worker`: a cluster worker taking runs and benchmark cells from Redis until SIGTERM.

import { RemoteWorker } from '../../cluster/remote-worker.js';
import { defaultPoolSize } from '../../jobs/default-pool-size.js';
import { DEFAULT_SERVICE_CONFIG, queueName } from '../../service/service-config.js';
import { intFlag, numberFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { onStop, stopName } from '../stop.js';
import { WORKER_USAGE } from '../usage.js';

export async function workerCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { redis: { type: 'string' }, concurrency: { type: 'string' }, queue: { type: 'string' }, name: { type: 'string' }, grace: { type: 'string' } },
    WORKER_USAGE,
  );
  if (positionals.length > 0) throw new CliError(WORKER_USAGE, EXIT_USAGE);
  const url = values.redis ?? process.env.POLYSTEP_REDIS_URL ?? '';
  if (!/^rediss?:\/\//.test(url)) throw new CliError(`--redis takes a redis:// or rediss:// URL${url === '' ? ' (or set POLYSTEP_REDIS_URL)' : `, got "${url}"`}\n\n${WORKER_USAGE}`, EXIT_USAGE);
  let queue: string;
  try {
    queue = queueName(values.queue ?? (process.env.POLYSTEP_REDIS_QUEUE || DEFAULT_SERVICE_CONFIG.redisQueue));
  } catch (err) {
    throw new CliError((err as Error).message, EXIT_USAGE);
  }
  const concurrency = intFlag(values.concurrency ?? (process.env.POLYSTEP_WORKER_CONCURRENCY || undefined), 'concurrency', defaultPoolSize(), 1, 256);
  const graceMs = numberFlag(values.grace, 'grace', 10) * 1000;
  const log = (entry: Record<string, unknown>) => io.stdout(`${JSON.stringify(entry)}\n`);
  const worker = new RemoteWorker({ url, queue, concurrency, name: values.name, log });
  try {
    await worker.start();
  } catch (err) {
    await worker.stop(0).catch(() => {});
    throw new CliError(`cannot start: ${(err as Error).message}`);
  }
  // onStop reacts once, and only when there is a stop to watch.
  await new Promise<void>((resolve) => onStop(io.stop, resolve));
  log({ at: new Date().toISOString(), worker: worker.name, msg: 'stopping', signal: stopName(io.stop as AbortSignal), running: worker.busy });
  await worker.stop(graceMs).catch(() => {});
  log({ at: new Date().toISOString(), worker: worker.name, msg: 'stopped' });
  return 0;
}
