// Colouring instances read with the real .col parser (strict: they are clean files).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCol } from '../../src/problems/coloring/col-parser.js';
import type { ColoringGraph } from '../../src/problems/coloring/graph.js';
import { fixturesDir, instancesDir } from './paths.js';

/** The bundled colouring graphs and their best-known colours (instances/coloring/, copied from the shared library). */
export const coloringDir = join(instancesDir, 'coloring');

/** Three small graphs of the shared library (myciel3, myciel4, queen5_5), copied so their tests run everywhere. */
export const coloringFixturesDir = join(fixturesDir, 'coloring');

/** A graph of test/fixtures/coloring/. */
export function readColFile(name: string): ColoringGraph {
  const parsed = parseCol(readFileSync(join(coloringFixturesDir, name)));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.value.graph;
}
