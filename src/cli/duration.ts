// Durations on the command line: `500ms`, `10s`, `2m`, `1h`, or a plain number of seconds.

import { CliError, EXIT_USAGE } from './cli-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Whole milliseconds (at least 1), or a usage error naming the flag. */
export function durationFlag(value: string, flag: string): number {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(ms|s|m|h)?\s*$/.exec(value);
  const ms = match === null ? NaN : Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
  if (!Number.isSafeInteger(ms) || ms < 1) throw new CliError(`--${flag} takes a duration such as 500ms, 10s, 2m or plain seconds, got "${value}"`, EXIT_USAGE);
  return ms;
}
