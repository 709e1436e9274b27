// Benchmark suites: a manifest tag, a folder below instances/, or DIMACS files and globs, as instances loaded on demand.

import { AppError, echo } from '../common/app-error.js';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { entriesWithTag, INSTANCES_DIR, loadManifest, type Manifest, type ManifestEntry } from '../instances/manifest.js';
import type { DimacsFormat } from '../problems/maxsat/instance.js';
import { isGzip, parseDimacsFile } from '../problems/maxsat/parse-dimacs.js';
import { paperClauseCount } from '../problems/maxsat/random-ksat.js';
import { paperInstanceFile } from './bench-cache.js';

const gzipAsync = promisify(gzip);

export interface BenchInstance {
  /** Stable across runs: cells are keyed by it (manifest path, `paper-random/n…-s…`, or the file path). */
  readonly id: string;
  readonly family: string;
  readonly format: DimacsFormat;
  readonly variables: number;
  readonly clauses: number;
  readonly optimum: bigint | null;
  readonly bestKnown: bigint | null;
  /** The DIMACS text, gzip-compressed; read (or generated) on each call, so callers cache it. */
  contentGzip(): Promise<Uint8Array>;
}

/** A suite that cannot be resolved; the message is meant for the user as is. */
export class SuiteError extends AppError {
  constructor(message: string) {
    super('invalid', 'INVALID_SUITE', message);
    this.name = 'SuiteError';
  }
}

export interface SuiteOptions {
  readonly manifest?: Manifest;
  readonly instancesDir?: string;
  /** Where relative paths outside instances/ are looked up; the process's cwd by default. */
  readonly cwd?: string;
  /** False: only tags and paths below instances/ (the REST API must not read arbitrary server files). */
  readonly allowOutsideInstances?: boolean;
}

/** The paper's random 3-SAT sizes (spec §12.1); 1K is bundled, the others are generated. */
export const PAPER_RANDOM_SIZES: readonly number[] = [1000, 10_000, 100_000];
export const PAPER_RANDOM_SEED = 42;

const DIMACS_FILE = /\.w?cnf(\.gz)?$/i;
const MAX_CUT_MESSAGE = 'Max-Cut graphs are not solvable yet: benchmarks run MaxSAT solvers only';

/** Resolves `spec` to its instances, sorted by id; throws a SuiteError saying what was expected. */
export async function resolveSuite(spec: string, options: SuiteOptions = {}): Promise<BenchInstance[]> {
  const manifest = options.manifest ?? loadManifest();
  const instancesDir = options.instancesDir ?? INSTANCES_DIR;
  const trimmed = spec.trim();
  if (trimmed === '') throw new SuiteError(`the suite is empty; ${expected(manifest)}`);
  const tags = manifestTags(manifest);
  if (tags.includes(trimmed)) return fromTag(trimmed, manifest, instancesDir);
  const outside = options.allowOutsideInstances ?? true;
  const files = matchFiles(trimmed, instancesDir, options.cwd ?? process.cwd(), outside);
  if (files === null) throw new SuiteError(`unknown suite ${echo(trimmed)}: ${expected(manifest, outside)}`);
  const instances = await fromFiles(files.paths, files.explicit, manifest, instancesDir, options.cwd ?? process.cwd());
  if (instances.length === 0) throw new SuiteError(`suite ${echo(trimmed)} holds no DIMACS files (.cnf, .wcnf, optionally .gz)`);
  return instances;
}

export function manifestTags(manifest: Manifest): string[] {
  return [...new Set(manifest.entries.flatMap((e) => e.tags))].sort();
}

function expected(manifest: Manifest, outside = true): string {
  const files = outside ? ', or a DIMACS file or glob (e.g. data/*.wcnf)' : ' (or a file or glob there)';
  return `give a manifest tag (${manifestTags(manifest).join(', ')}), a folder below instances/ (e.g. satlib/uf50-218)${files}`;
}

async function fromTag(tag: string, manifest: Manifest, instancesDir: string): Promise<BenchInstance[]> {
  if (tag === 'paper-random') return paperRandom(manifest, instancesDir);
  const entries = entriesWithTag(manifest, tag);
  const maxSat = entries.filter((e) => e.problem === 'maxsat');
  if (maxSat.length === 0) throw new SuiteError(`suite "${tag}": ${MAX_CUT_MESSAGE}`);
  return sortById(maxSat.map((e) => fromEntry(e, instancesDir)));
}

function sortById(instances: BenchInstance[]): BenchInstance[] {
  return instances.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const known = (value: string | null): bigint | null => (value === null ? null : BigInt(value));

function fromEntry(entry: ManifestEntry, instancesDir: string): BenchInstance {
  return {
    id: entry.path,
    family: entry.family,
    format: entry.format as DimacsFormat,
    variables: entry.variables,
    clauses: entry.clauses,
    optimum: known(entry.optimum),
    bestKnown: known(entry.bestKnown),
    contentGzip: () => gzippedFile(resolve(instancesDir, entry.path)),
  };
}

async function gzippedFile(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  return isGzip(bytes) ? bytes : gzipAsync(bytes);
}

/** The bundled 1K instance is read from its file; larger ones come from the bench cache (generated once). */
function paperRandom(manifest: Manifest, instancesDir: string): BenchInstance[] {
  return PAPER_RANDOM_SIZES.map((n) => {
    const bundled = manifest.entries.find((e) => e.tags.includes('paper-random') && e.variables === n);
    return {
      id: `paper-random/n${n}-s${PAPER_RANDOM_SEED}`,
      family: 'paper-random',
      format: 'cnf',
      variables: n,
      clauses: paperClauseCount(n),
      optimum: null,
      bestKnown: null,
      contentGzip: async () => gzippedFile(bundled !== undefined ? resolve(instancesDir, bundled.path) : await paperInstanceFile(n, PAPER_RANDOM_SEED)),
    };
  });
}

/** The files a path or glob names (explicit: one file named as such), or null when it names nothing that exists. */
function matchFiles(spec: string, instancesDir: string, cwd: string, outside: boolean): { paths: string[]; explicit: boolean } | null {
  const candidates = isAbsolute(spec) ? [spec] : [resolve(instancesDir, spec), resolve(cwd, spec)];
  const bases = outside ? candidates : candidates.filter((path) => insideInstances(path, instancesDir) !== null);
  for (const path of bases) {
    const name = basename(path);
    if (/[*?]/.test(name)) {
      const dir = dirname(path);
      if (!isDirectory(dir)) continue;
      const pattern = globRegex(name);
      const paths = readdirSync(dir)
        .filter((f) => pattern.test(f))
        .map((f) => resolve(dir, f))
        .filter((f) => isFile(f));
      return { paths, explicit: false };
    }
    if (isDirectory(path)) return { paths: listFiles(path), explicit: false };
    if (isFile(path)) return { paths: [path], explicit: true };
  }
  return null;
}

/** `*` any run of characters, `?` one character, within one path segment. */
function globRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => resolve(dir, f))
    .filter((f) => isFile(f));
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}

function isFile(path: string): boolean {
  return statOf(path)?.isFile() ?? false;
}

/** Undefined for anything that cannot be looked at (absent, a name too long, no permission): a suite that names nothing. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Manifest files keep their known values; other DIMACS files are parsed once for their counts. */
async function fromFiles(files: readonly string[], explicit: boolean, manifest: Manifest, instancesDir: string, cwd: string): Promise<BenchInstance[]> {
  const byPath = new Map(manifest.entries.map((e) => [e.path, e]));
  const instances: BenchInstance[] = [];
  let maxCut = 0;
  for (const file of [...new Set(files)]) {
    const entry = byPath.get(insideInstances(file, instancesDir) ?? '');
    if (entry?.problem === 'maxcut') maxCut++;
    else if (entry !== undefined) instances.push(fromEntry(entry, instancesDir));
    else if (explicit || DIMACS_FILE.test(file)) instances.push(await fromUnknownFile(file, instancesDir, cwd));
  }
  if (instances.length === 0 && maxCut > 0) throw new SuiteError(`${MAX_CUT_MESSAGE} (${maxCut} graph${maxCut === 1 ? '' : 's'} matched)`);
  return sortById(instances);
}

/** The manifest id of a file below instances/ (always with `/`), or null outside it. */
function insideInstances(file: string, instancesDir: string): string | null {
  const rel = relative(instancesDir, file);
  return rel.startsWith('..') || isAbsolute(rel) ? null : rel.split(sep).join('/');
}

async function fromUnknownFile(file: string, instancesDir: string, cwd: string): Promise<BenchInstance> {
  // Relaxed, as the worker reads it: a headerless file without hard clauses is then 2022 WCNF.
  const parsed = await parseDimacsFile(file, { mode: 'relaxed' });
  if (!parsed.ok) {
    const issue = parsed.issues[0];
    const where = issue.line > 0 ? `:${issue.line}:${issue.column}` : '';
    throw new SuiteError(`${shownPath(file, instancesDir, cwd)}${where}: ${issue.code}: ${issue.message}`);
  }
  const rel = relative(cwd, file);
  return {
    id: rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/'),
    family: basename(dirname(file)),
    format: parsed.value.format,
    variables: parsed.value.numVars,
    clauses: parsed.value.numClauses,
    optimum: null,
    bestKnown: null,
    contentGzip: () => gzippedFile(file),
  };
}


/** A file as a message names it: below instances/ as a suite names it, else relative to `cwd`; absolute only outside both. */
function shownPath(file: string, instancesDir: string, cwd: string): string {
  const inside = insideInstances(file, instancesDir);
  if (inside !== null) return inside;
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}
