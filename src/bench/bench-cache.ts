// Generated benchmark inputs, cached on disk (gitignored) so repeated runs skip generation.

import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { writeDimacsFile } from '../problems/maxsat/dimacs-writer.js';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';

export const BENCH_CACHE_DIR = resolve(INSTANCES_DIR, '../.bench-cache');

/** Path of the paper's random 3-SAT instance with `numVars` variables, written on first use. */
export async function paperInstanceFile(numVars: number, seed: number): Promise<string> {
  mkdirSync(BENCH_CACHE_DIR, { recursive: true });
  const path = resolve(BENCH_CACHE_DIR, `random-3sat-n${numVars}-s${seed}.cnf`);
  if (!existsSync(path)) {
    const inst = generateRandomKSat({ numVars, seed });
    await writeDimacsFile(inst, 'cnf', `${path}.partial`);
    const { rename } = await import('node:fs/promises');
    await rename(`${path}.partial`, path);
  }
  return path;
}
