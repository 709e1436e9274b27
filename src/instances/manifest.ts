// The bundled instance library: one manifest entry per instance, with known values and their sources.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FamilyName, Sense } from '../problems/family.js';

export interface ManifestEntry {
  /** Path below `instances/`; with `select`, several entries share it. */
  readonly path: string;
  /** For a file that holds several instances (OR-Library): which one, 1-based; absent otherwise. */
  readonly select?: number;
  /** The problem family that reads it (maxsat, maxcut, qubo, coloring). */
  readonly problem: FamilyName;
  /** The instance's group in reports (satlib-uf20-91, gset-random, qubo-orlib-bqp50, …). */
  readonly family: string;
  /** Suites the instance belongs to (`satlib-small`, `maxsat-regression`, `paper-random`, `gset-small`, `qubo-orlib`, …). */
  readonly tags: readonly string[];
  /** The concrete format: cnf, wcnf-old, wcnf, rudy, orlib, biqmac, … */
  readonly format: string;
  /** The sense of the objective and of the known values below. */
  readonly sense: Sense;
  /** MAX-SAT: variables; Max-Cut: nodes; QUBO: binary variables. */
  readonly variables: number;
  /** The family's size measure: clauses, edges, nonzero terms. */
  readonly terms: number;
  /** MAX-SAT only. */
  readonly hardClauses?: number;
  readonly softClauses?: number;
  /**
   * Objectives in the entry's sense, as decimal strings: MAX-SAT least costs (falsified soft weight),
   * Max-Cut largest cuts, QUBO the file's own sense (OR-Library maximises, Biq Mac minimises).
   */
  readonly optimum: string | null;
  readonly bestKnown: string | null;
  /** MAX-SAT: a cost no assignment can beat; null elsewhere. */
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

/** An instance's id, which benchmark cells are keyed by: the path, with `#select` for one of a file's several instances. */
export function entryId(entry: Pick<ManifestEntry, 'path' | 'select'>): string {
  return entry.select === undefined ? entry.path : `${entry.path}#${entry.select}`;
}
