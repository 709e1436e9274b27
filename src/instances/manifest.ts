// The bundled instance library: one manifest entry per file, with known values and their sources.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type InstanceProblem = 'maxsat' | 'maxcut';

export interface ManifestEntry {
  /** Path below `instances/`, also the entry's id. */
  readonly path: string;
  readonly problem: InstanceProblem;
  readonly family: string;
  /** Suites the file belongs to (`satlib-small`, `maxsat-regression`, `paper-random`, `gset-small`). */
  readonly tags: readonly string[];
  readonly format: 'cnf' | 'wcnf-old' | 'wcnf' | 'rudy';
  /** MaxSAT: variables and clauses; Max-Cut: nodes and edges. */
  readonly variables: number;
  readonly clauses: number;
  readonly hardClauses: number;
  readonly softClauses: number;
  /** MaxSAT: least cost (weight of falsified soft clauses); Max-Cut: largest cut. Decimal strings. */
  readonly optimum: string | null;
  readonly bestKnown: string | null;
  readonly lowerBound: string | null;
  /** Whether the hard clauses can all hold; null when unknown. */
  readonly feasible: boolean | null;
  readonly source: string;
  readonly valueSource: string | null;
}

export interface Manifest {
  readonly description: string;
  readonly entries: readonly ManifestEntry[];
}

export const INSTANCES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../instances');
export const MANIFEST_PATH = resolve(INSTANCES_DIR, 'manifest.json');

export function loadManifest(path = MANIFEST_PATH): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export function entriesWithTag(manifest: Manifest, tag: string): ManifestEntry[] {
  return manifest.entries.filter((e) => e.tags.includes(tag));
}
