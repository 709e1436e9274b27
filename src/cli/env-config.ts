// The service's environment settings (POLYSTEP_DB, POLYSTEP_BACKEND, …) for every command, as usage errors when malformed.

import { configFromEnv, type ServiceConfig } from '../service/service-config.js';
import { CliError, EXIT_USAGE } from './cli-error.js';

export function envConfig(): ServiceConfig {
  try {
    return configFromEnv();
  } catch (err) {
    throw new CliError((err as Error).message, EXIT_USAGE);
  }
}
