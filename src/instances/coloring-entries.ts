// Manifest entries of the bundled DIMACS graph-colouring graphs, with best-known colour counts from coloring/best-known.csv.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProblem } from '../problems/load-problem.js';
import { INSTANCES_DIR, type ManifestEntry } from './manifest.js';
import { readTable } from './quadratic-entries.js';

const COLORING_SOURCE = 'DIMACS Challenge II / Trick COLOR graphs, via Cyril-Grelier/gc_instances original_graphs';

/** The graphs of the colouring figures: every listed one at 10 s per cell (`bench --suite coloring-dimacs`). */
const DIMACS_SUITE = new Set([
  'myciel3', 'myciel4', 'myciel5', 'myciel6', 'myciel7', 'queen5_5', 'queen6_6', 'queen7_7',
  'anna', 'david', 'huck', 'jean', 'games120', 'miles250', 'miles500',
  'le450_15a', 'le450_15b', 'le450_15c', 'le450_15d', 'le450_25a', 'school1', 'DSJC125.5',
]);

/** Small graphs DSATUR or a few TabuCol moves colour optimally: for tests and quick checks. */
const SMALL_SUITE = new Set(['myciel3', 'myciel4', 'myciel5', 'queen5_5', 'huck', 'jean']);

function tagsOf(name: string): string[] {
  return ['coloring', ...(DIMACS_SUITE.has(name) ? ['coloring-dimacs'] : []), ...(SMALL_SUITE.has(name) ? ['coloring-small'] : [])];
}

/** `Mycielski (Trick)` → `coloring-mycielski`, `SGB book` → `coloring-sgb-book`. */
function groupOf(family: string): string {
  const slug = family.replace(/\(.*?\)/g, '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `coloring-${slug}`;
}

/** One entry per row of coloring/best-known.csv; sizes as the colouring parser reads them (duplicate edge lines dropped). */
export function coloringEntries(): ManifestEntry[] {
  return readTable('coloring/best-known.csv').map((row) => {
    const path = `coloring/${row.file}`;
    const parsed = parseProblem(readFileSync(join(INSTANCES_DIR, path)), { family: 'coloring', format: 'col', fileName: path });
    if (!parsed.ok) throw new Error(`${path}: ${parsed.issues[0].message}`);
    const { family, inst, sense } = parsed.value;
    const { variables, terms } = family.describe(inst);
    if (variables !== Number(row.vertices) || terms !== Number(row.edges)) {
      throw new Error(`${path}: read as ${variables} vertices and ${terms} edges, the table says ${row.vertices} and ${row.edges}`);
    }
    const proven = row.proven === 'yes';
    return {
      path,
      problem: 'coloring',
      family: groupOf(row.family),
      tags: tagsOf(row.file.replace(/\.col$/, '')),
      format: 'col',
      sense,
      variables,
      terms,
      optimum: proven ? row.best_known_colors : null,
      bestKnown: row.best_known_colors,
      lowerBound: null,
      feasible: true,
      source: COLORING_SOURCE,
      valueSource: `coloring/best-known.csv: ${row.source}${proven ? ' (proven optimal)' : ' (best known, not proven)'}`,
    };
  });
}
