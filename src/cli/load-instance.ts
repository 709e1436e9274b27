// Loads a DIMACS file for a command; parse issues become one positioned CLI error.

import { stat } from 'node:fs/promises';
import { addAbortSignal } from 'node:stream';
import { formatIssue, type ParseResult } from '../common/parse-result.js';
import { DIMACS_FORMATS, type DimacsFormat, type MaxSatInstance } from '../problems/maxsat/instance.js';
import type { ParseOptions } from '../problems/maxsat/parse-options.js';
import { parseDimacsFile, parseDimacsStream } from '../problems/maxsat/parse-dimacs.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import type { CliIo } from './cli-io.js';

export interface LoadFlags {
  readonly format?: string;
  readonly relaxed?: boolean;
}

export const LOAD_OPTIONS = {
  format: { type: 'string' },
  relaxed: { type: 'boolean' },
} as const;

function formatFlag(value: string | undefined): DimacsFormat | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if ((DIMACS_FORMATS as readonly string[]).includes(value)) return value as DimacsFormat;
  throw new CliError(`--format takes auto, ${DIMACS_FORMATS.join(', ')}; got "${value}"`, EXIT_USAGE);
}

async function parse(path: string, options: ParseOptions, stop: AbortSignal | undefined): Promise<ParseResult<MaxSatInstance>> {
  if (path === '-') return parseDimacsStream(stop === undefined ? process.stdin : addAbortSignal(stop, process.stdin), options);
  const info = await stat(path).catch(() => null);
  if (info === null) throw new CliError(`${path}: no such file`);
  if (!info.isFile()) throw new CliError(`${path}: not a regular file`);
  return parseDimacsFile(path, options, stop);
}

/**
 * Reads the instance. With `stop`, the read is cancelled when it aborts and the result is null
 * (also when it had aborted already, or aborts as the parse ends: the caller stops either way).
 */
export async function loadInstance(path: string, flags: LoadFlags, io: CliIo): Promise<MaxSatInstance>;
export async function loadInstance(path: string, flags: LoadFlags, io: CliIo, stop: AbortSignal | undefined): Promise<MaxSatInstance | null>;
export async function loadInstance(path: string, flags: LoadFlags, io: CliIo, stop?: AbortSignal): Promise<MaxSatInstance | null> {
  const options = { format: formatFlag(flags.format), mode: flags.relaxed ? 'relaxed' : 'strict' } as const;
  if (stop?.aborted) return null;
  let result;
  try {
    result = await parse(path, options, stop);
  } catch (err) {
    if (stop?.aborted) return null;
    throw err;
  }
  if (stop?.aborted) return null;
  if (!result.ok) {
    const hint = result.issues.some((i) => i.code === 'AMBIGUOUS_FORMAT' || i.code === 'NO_HEADER') ? '\n(use --format, or --relaxed to accept it with a warning)' : '';
    throw new CliError(result.issues.map((i) => formatIssue(i, path)).join('\n') + hint);
  }
  for (const w of result.warnings) io.stderr(`${formatIssue(w, path)}\n`);
  return result.value;
}
