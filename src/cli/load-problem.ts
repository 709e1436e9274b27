// Loads a problem of any family for a command: MAX-SAT streams from the file, the others are read whole.

import { open, readFile, stat } from 'node:fs/promises';
import { addAbortSignal } from 'node:stream';
import { constants, gunzipSync } from 'node:zlib';
import { AppError } from '../common/app-error.js';
import { formatIssue } from '../common/parse-result.js';
import { headText, SNIFF_BYTES } from '../problems/head-text.js';
import { parseProblem, type LoadedProblem } from '../problems/load-problem.js';
import { maxSatFamily } from '../problems/maxsat/family.js';
import { isGzip } from '../problems/maxsat/parse-dimacs.js';
import { ALL_FORMATS, detectFamily, FAMILY_NAMES, type DetectHints } from '../problems/registry.js';
import { intFlag } from './args.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { loadInstance } from './load-instance.js';

export interface LoadFlags {
  readonly family?: string;
  readonly format?: string;
  readonly select?: string;
  readonly relaxed?: boolean;
}

export const LOAD_OPTIONS = {
  family: { type: 'string' },
  format: { type: 'string' },
  select: { type: 'string' },
  relaxed: { type: 'boolean' },
} as const;

export const LOAD_FLAGS_USAGE = `[--family ${FAMILY_NAMES.join('|')}] [--format auto|${ALL_FORMATS.join('|')}] [--select K] [--relaxed]`;

/** Enough compressed bytes to inflate the first SNIFF_BYTES of text of any sane gzip file. */
const HEAD_READ = 64 * 1024;

async function readHead(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_READ);
    const { bytesRead } = await file.read(buffer, 0, HEAD_READ, 0);
    const head = buffer.subarray(0, bytesRead);
    if (!isGzip(head)) return headText(head);
    try {
      // A cut stream inflates as far as it goes with a sync flush, instead of failing.
      return headText(gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 16 * SNIFF_BYTES }));
    } catch {
      return ''; // damaged: the parser says how
    }
  } finally {
    await file.close();
  }
}

/** All of stdin; null once `stop` aborts (the stream is destroyed, so a pipe that never ends cannot hold the process). */
async function readStdin(stop: AbortSignal | undefined): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stop === undefined ? process.stdin : addAbortSignal(stop, process.stdin)) chunks.push(chunk as Buffer);
  } catch (err) {
    if (stop?.aborted) return null;
    throw err;
  }
  return Buffer.concat(chunks);
}

function detected(head: string, hints: DetectHints) {
  try {
    return detectFamily(head, hints);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message, EXIT_USAGE);
    throw err;
  }
}

/** `file#k` names instance k of a multi-instance file (OR-Library), unless a file of that very name exists. */
const SELECT_SUFFIX = /^(.+)#([0-9]+)$/;

async function splitSelect(given: string, flag: number | undefined): Promise<{ path: string; select: number | undefined }> {
  const match = SELECT_SUFFIX.exec(given);
  if (given === '-' || match === null || (await isFile(given)) || !(await isFile(match[1]))) return { path: given, select: flag };
  const select = intFlag(match[2], 'select', 1, 1);
  if (flag !== undefined && flag !== select) throw new CliError(`${given} names instance ${select} but --select says ${flag}`, EXIT_USAGE);
  return { path: match[1], select };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() === true;
}

/**
 * Reads the problem at `given` ('-' for stdin, `file#k` for instance k of a file) as the flags and
 * its content say. MAX-SAT files stream through the DIMACS parser (they reach gigabytes); stdin
 * without a named family is read whole. With `stop`, a cancelled read gives null.
 */
export async function loadProblem(given: string, flags: LoadFlags, io: CliIo, stop?: AbortSignal): Promise<LoadedProblem | null> {
  const { path, select } = await splitSelect(given, flags.select === undefined ? undefined : intFlag(flags.select, 'select', 1, 1));
  const hints: DetectHints = { family: flags.family, format: flags.format, fileName: path === '-' ? undefined : path };
  const named = flags.family !== undefined || (flags.format !== undefined && flags.format !== 'auto');
  if (path !== '-') {
    const info = await stat(path).catch(() => null);
    if (info === null) throw new CliError(`${path}: no such file`);
    if (!info.isFile()) throw new CliError(`${path}: not a regular file`);
  }
  const head = path === '-' ? (named ? '' : null) : await readHead(path);
  if (head !== null && detected(head, hints).family === maxSatFamily) {
    const format = flags.format === undefined || flags.format === 'auto' ? undefined : flags.format;
    const inst = await loadInstance(path, { format, relaxed: flags.relaxed }, io, stop);
    return inst === null ? null : { family: maxSatFamily, inst, format: inst.format, sense: 'min' };
  }
  const bytes = path === '-' ? await readStdin(stop) : await readFile(path);
  if (bytes === null || stop?.aborted) return null;
  let result;
  try {
    result = parseProblem(bytes, { ...hints, select, mode: flags.relaxed ? 'relaxed' : 'strict' });
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message, EXIT_USAGE);
    throw err;
  }
  const source = path === '-' ? '<stdin>' : path;
  if (!result.ok) throw new CliError(result.issues.map((i) => formatIssue(i, source)).join('\n'));
  for (const w of result.warnings) io.stderr(`${formatIssue(w, source)}\n`);
  return result.value;
}
