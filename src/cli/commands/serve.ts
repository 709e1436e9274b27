// `polystep serve`: the REST service on PORT (default 8080) with its SQLite file; SIGTERM stops it gracefully.

import { startService } from '../../service/server.js';
import { intFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { envConfig } from '../env-config.js';
import { onStop, stopName } from '../stop.js';
import { SERVE_USAGE } from '../usage.js';

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { port: { type: 'string' }, db: { type: 'string' }, workers: { type: 'string' } }, SERVE_USAGE);
  if (positionals.length > 0) throw new CliError(SERVE_USAGE, EXIT_USAGE);
  const base = envConfig();
  const config = {
    ...base,
    port: intFlag(values.port, 'port', base.port, 0, 65535),
    databasePath: values.db ?? base.databasePath,
    workers: intFlag(values.workers, 'workers', base.workers, 1, 256),
  };
  const log = (entry: Record<string, unknown>) => io.stdout(`${JSON.stringify(entry)}\n`);
  const service = await startService(config, log).catch((err: Error) => {
    throw new CliError(`cannot start: ${err.message}`);
  });
  // A stop that came while the service was starting stops it as soon as it is up.
  await new Promise<void>((resolve) =>
    onStop(io.stop, () => {
      log({ at: new Date().toISOString(), msg: 'stopping', signal: stopName(io.stop as AbortSignal) });
      service.stop().then(resolve, resolve);
    }),
  );
  log({ at: new Date().toISOString(), msg: 'stopped' });
  return 0;
}
