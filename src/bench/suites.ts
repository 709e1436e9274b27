// Benchmark suites: a manifest tag, a folder below instances/, or instance files and globs, as instances loaded on demand.

import { AppError, echo } from '../common/app-error.js';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { entriesWithTag, entryId, INSTANCES_DIR, loadManifest, type Manifest, type ManifestEntry } from '../instances/manifest.js';
import type { Sense } from '../problems/family.js';
import { parseProblem } from '../problems/load-problem.js';
import { isGzip } from '../problems/maxsat/parse-dimacs.js';
import { paperClauseCount } from '../problems/maxsat/random-ksat.js';
import { paperInstanceFile } from './bench-cache.js';

const gzipAsync = promisify(gzip);

export interface BenchInstance {
  /** Stable across runs: cells are keyed by it (manifest id, `paper-random/n…-s…`, or the file path). */
  readonly id: string;
  /** The instance's group in reports. */
  readonly family: string;
  /** The problem family that reads it (maxsat, maxcut, qubo, coloring). */
  readonly problem: string;
  /** The concrete format of its content. */
  readonly format: string;
  /** Which instance of a file that holds several (OR-Library), 1-based; null otherwise. */
  readonly select: number | null;
  /** The sense of its objective, optimum and best known. */
  readonly sense: Sense;
  readonly variables: number;
  /** The family's size measure: clauses, edges, nonzero terms. */
  readonly terms: number;
  readonly optimum: bigint | null;
  readonly bestKnown: bigint | null;
  /** The file's text, gzip-compressed; read (or generated) on each call, so callers cache it. */
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

/** Files a folder or glob contributes when the manifest does not list them (a named file is always read). */
const INSTANCE_FILE = /\.(w?cnf|sparse|rudy|col)(\.gz)?$/i;

/** Resolves `spec` to its instances, sorted by id; throws a SuiteError saying what was expected. */
export async function resolveSuite(spec: string, options: SuiteOptions = {}): Promise<BenchInstance[]> {
  const manifest = options.manifest ?? loadManifest();
  const instancesDir = options.instancesDir ?? INSTANCES_DIR;
  const trimmed = spec.trim();
  if (trimmed === '') throw new SuiteError(`the suite is empty; ${expected(manifest)}`);
  const tags = manifestTags(manifest);
  if (tags.includes(trimmed)) return fromTag(trimmed, manifest, instancesDir);
  // One instance of a multi-instance file, by its id (`qubo/orlib/bqp50.txt#3`).
  const one = manifest.entries.find((e) => e.select !== undefined && entryId(e) === trimmed);
  if (one !== undefined) return [fromEntry(one, instancesDir)];
  const outside = options.allowOutsideInstances ?? true;
  const files = matchFiles(trimmed, instancesDir, options.cwd ?? process.cwd(), outside);
  if (files === null) throw new SuiteError(`unknown suite ${echo(trimmed)}: ${expected(manifest, outside)}`);
  const instances = await fromFiles(files.paths, files.explicit, manifest, instancesDir, options.cwd ?? process.cwd());
  if (instances.length === 0) throw new SuiteError(`suite ${echo(trimmed)} holds no instance files (.cnf, .wcnf, .sparse, .rudy, .col, optionally .gz, or files the manifest lists)`);
  return instances;
}

export function manifestTags(manifest: Manifest): string[] {
  return [...new Set(manifest.entries.flatMap((e) => e.tags))].sort();
}

function expected(manifest: Manifest, outside = true): string {
  const files = outside ? ', or an instance file or glob (e.g. data/*.wcnf)' : ' (or a file or glob there)';
  return `give a manifest tag (${manifestTags(manifest).join(', ')}), a folder below instances/ (e.g. satlib/uf50-218)${files}`;
}

async function fromTag(tag: string, manifest: Manifest, instancesDir: string): Promise<BenchInstance[]> {
  if (tag === 'paper-random') return paperRandom(manifest, instancesDir);
  return sortById(entriesWithTag(manifest, tag).map((e) => fromEntry(e, instancesDir)));
}

/** By id, except that the instances of one file keep their order (`#2` before `#10`). */
function sortById(instances: BenchInstance[]): BenchInstance[] {
  const path = (i: BenchInstance) => (i.select === null ? i.id : i.id.slice(0, i.id.lastIndexOf('#')));
  return instances.sort((a, b) => {
    const [pa, pb] = [path(a), path(b)];
    return pa < pb ? -1 : pa > pb ? 1 : (a.select ?? 0) - (b.select ?? 0);
  });
}

const known = (value: string | null): bigint | null => (value === null ? null : BigInt(value));

function fromEntry(entry: ManifestEntry, instancesDir: string): BenchInstance {
  return {
    id: entryId(entry),
    family: entry.family,
    problem: entry.problem,
    format: entry.format,
    select: entry.select ?? null,
    sense: entry.sense,
    variables: entry.variables,
    terms: entry.terms,
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
      problem: 'maxsat',
      format: 'cnf',
      select: null,
      sense: 'min',
      variables: n,
      terms: paperClauseCount(n),
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

/** Manifest files keep their known values (every instance of a multi-instance file); other files are parsed once for their counts. */
async function fromFiles(files: readonly string[], explicit: boolean, manifest: Manifest, instancesDir: string, cwd: string): Promise<BenchInstance[]> {
  const byPath = new Map<string, ManifestEntry[]>();
  for (const e of manifest.entries) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  const instances: BenchInstance[] = [];
  for (const file of [...new Set(files)]) {
    const entries = byPath.get(insideInstances(file, instancesDir) ?? '');
    if (entries !== undefined) instances.push(...entries.map((e) => fromEntry(e, instancesDir)));
    else if (explicit || INSTANCE_FILE.test(file)) instances.push(await fromUnknownFile(file, instancesDir, cwd));
  }
  return sortById(instances);
}

/** The manifest id of a file below instances/ (always with `/`), or null outside it. */
function insideInstances(file: string, instancesDir: string): string | null {
  const rel = relative(instancesDir, file);
  return rel.startsWith('..') || isAbsolute(rel) ? null : rel.split(sep).join('/');
}

/** A file the manifest does not list: its family and format detected from the content, as the worker will read it. */
async function fromUnknownFile(file: string, instancesDir: string, cwd: string): Promise<BenchInstance> {
  const bytes = await readFile(file);
  // Relaxed, as the worker reads it: a headerless file without hard clauses is then 2022 WCNF.
  const parsed = parseProblem(bytes, { fileName: basename(file), mode: 'relaxed' });
  if (!parsed.ok) {
    const issue = parsed.issues[0];
    const where = issue.line > 0 ? `:${issue.line}:${issue.column}` : '';
    throw new SuiteError(`${shownPath(file, instancesDir, cwd)}${where}: ${issue.code}: ${issue.message}`);
  }
  const { family, inst, format, sense } = parsed.value;
  const description = family.describe(inst);
  const rel = relative(cwd, file);
  return {
    id: rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/'),
    family: basename(dirname(file)),
    problem: family.name,
    format,
    select: null,
    sense,
    variables: description.variables,
    terms: description.terms,
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
