// Finds a usable TensorFlow.js at run time: the CUDA build, the native CPU build, or pure-JS tfjs-core.

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
// Types only: erased from the output, so nothing here needs tfjs installed until a load is asked for.
import type * as TfCore from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '../eval-backend.js';

/** The tfjs API; every flavour re-exports tfjs-core's namespace, so its types describe them all. */
export type Tf = typeof TfCore;
export type TfjsFlavour = 'tfjs-node-gpu' | 'tfjs-node' | 'tfjs-core-cpu';
export type TfjsPreference = 'gpu' | 'any';

export interface LoadedTfjs {
  readonly tf: Tf;
  readonly flavour: TfjsFlavour;
  /** What tfjs reports as its active backend: 'tensorflow' for the native builds, 'cpu' for tfjs-core. */
  readonly backendName: string;
}

/**
 * Comma-separated module specifiers replacing the default candidate list, in order. An entry may
 * name its flavour explicitly (`tfjs-core-cpu=@tensorflow/tfjs-core`); otherwise the flavour is
 * read from the package name, and anything unrecognised stands in for the GPU package (that is
 * what the override is for: simulating a missing or broken tfjs-node-gpu).
 */
export const TFJS_MODULES_ENV = 'POLYSTEP_TFJS_MODULES';

export const GPU_INSTALL_HINT =
  'install it with `npm install @tensorflow/tfjs-node-gpu` (Linux x64 with CUDA 11.2 and cuDNN 8.1)';

const CPU_BACKEND_MODULE = '@tensorflow/tfjs-backend-cpu';
const FLAVOURS: readonly TfjsFlavour[] = ['tfjs-node-gpu', 'tfjs-node', 'tfjs-core-cpu'];

interface Candidate {
  readonly flavour: TfjsFlavour;
  readonly specifier: string;
}

const DEFAULT_CANDIDATES: readonly Candidate[] = [
  { flavour: 'tfjs-node-gpu', specifier: '@tensorflow/tfjs-node-gpu' },
  { flavour: 'tfjs-node', specifier: '@tensorflow/tfjs-node' },
  { flavour: 'tfjs-core-cpu', specifier: '@tensorflow/tfjs-core' },
];

type Attempt = { readonly loaded: LoadedTfjs } | { readonly error: unknown };

// Keyed by flavour and specifier: a failed import stays failed for the life of the process
// (Node caches it too), and a successful one must not run its backend set-up twice.
const attempts = new Map<string, Promise<Attempt>>();
const loads = new Map<string, Promise<LoadedTfjs>>();

export function loadTfjs(preference: TfjsPreference): Promise<LoadedTfjs> {
  const override = process.env[TFJS_MODULES_ENV] ?? '';
  const key = `${preference}\n${override}`;
  let load = loads.get(key);
  if (load === undefined) {
    load = firstLoadable(preference, candidatesFrom(override));
    loads.set(key, load);
  }
  return load;
}

function candidatesFrom(override: string): readonly Candidate[] {
  const entries = override.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) return DEFAULT_CANDIDATES;
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    const named = eq > 0 ? entry.slice(0, eq) : '';
    if ((FLAVOURS as readonly string[]).includes(named)) {
      return { flavour: named as TfjsFlavour, specifier: entry.slice(eq + 1) };
    }
    return { flavour: flavourOf(entry), specifier: entry };
  });
}

function flavourOf(specifier: string): TfjsFlavour {
  if (specifier.includes('tfjs-node-gpu')) return 'tfjs-node-gpu';
  if (specifier.includes('tfjs-node')) return 'tfjs-node';
  if (specifier.includes('tfjs-core')) return 'tfjs-core-cpu';
  return 'tfjs-node-gpu';
}

async function firstLoadable(preference: TfjsPreference, all: readonly Candidate[]): Promise<LoadedTfjs> {
  const candidates = preference === 'gpu' ? all.filter((c) => c.flavour === 'tfjs-node-gpu') : all;
  const failures: { candidate: Candidate; error: unknown }[] = [];
  for (const candidate of candidates) {
    const key = `${candidate.flavour}=${candidate.specifier}`;
    let attempt = attempts.get(key);
    if (attempt === undefined) {
      attempt = tryLoad(candidate);
      attempts.set(key, attempt);
    }
    const outcome = await attempt;
    if ('loaded' in outcome) return outcome.loaded;
    failures.push({ candidate, error: outcome.error });
  }
  const tried =
    failures.length === 0
      ? 'no candidate modules'
      : failures.map(({ candidate, error }) => `${candidate.specifier} (${reason(error)})`).join('; ');
  const cause = new AggregateError(failures.map((f) => f.error), 'tfjs load failures');
  if (preference === 'gpu') {
    throw new BackendUnavailableError(`tfjs GPU backend unavailable: tried ${tried}; ${GPU_INSTALL_HINT}`, { cause });
  }
  throw new BackendUnavailableError(
    `tfjs backend unavailable: tried ${tried}; for the GPU ${GPU_INSTALL_HINT}, ` +
      `or for the pure-JS CPU flavour \`npm install @tensorflow/tfjs-core @tensorflow/tfjs-backend-cpu\``,
    { cause },
  );
}

// Catches everything: a missing package rejects with ERR_MODULE_NOT_FOUND, but a half-installed
// native binding throws a plain Error from its top level, and either must mean "try the next one".
async function tryLoad(candidate: Candidate): Promise<Attempt> {
  try {
    const tf = namespaceOf(await import(toImportable(candidate.specifier)), candidate.specifier);
    if (candidate.flavour === 'tfjs-core-cpu') {
      await import(CPU_BACKEND_MODULE); // registers the 'cpu' backend as a side effect
      // Prod mode only silences tfjs warnings; here the one it would print tells every process to
      // install tfjs-node, which we decided against (it downloads libtensorflow when installed).
      tf.enableProdMode();
      await activate(tf, 'cpu', candidate.specifier);
    } else {
      await activate(tf, 'tensorflow', candidate.specifier);
    }
    return { loaded: { tf, flavour: candidate.flavour, backendName: tf.getBackend() } };
  } catch (error) {
    return { error };
  }
}

async function activate(tf: Tf, backend: string, specifier: string): Promise<void> {
  // setBackend resolves false (rather than rejecting) when the backend fails to initialise.
  if (!(await tf.setBackend(backend))) {
    throw new Error(`${specifier} loaded but its '${backend}' backend did not initialise`);
  }
  await tf.ready();
}

/** The tfjs packages are CommonJS: their API may arrive as named exports or under `default`. */
function namespaceOf(mod: unknown, specifier: string): Tf {
  for (const candidate of [mod, (mod as { default?: unknown } | null)?.default]) {
    const api = candidate as Partial<Tf> | null | undefined;
    if (typeof api?.tidy === 'function' && typeof api.setBackend === 'function') return api as Tf;
  }
  throw new Error(`${specifier} does not export the TensorFlow.js API`);
}

function toImportable(specifier: string): string {
  return isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0].slice(0, 200);
  return typeof code === 'string' ? `${code}: ${line}` : line;
}
