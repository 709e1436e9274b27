// `polystep serve`: the REST service on PORT (default 8080) with its SQLite file; SIGTERM stops it gracefully.

import { startService } from '../../service/server.js';
import { intFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { envConfig } from '../env-config.js';
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
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log({ at: new Date().toISOString(), msg: 'stopping', signal });
      service.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  log({ at: new Date().toISOString(), msg: 'stopped' });
  return 0;
}
