// A deliberately tiny DIMACS .col reader for the colouring tests (the real parser lives elsewhere).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildColoringGraph, type ColoringGraph } from '../../src/problems/coloring/graph.js';
import { sharedInstancesDir } from './paths.js';

/** The shared colouring instances (absent off the team's machines: tests skip then). */
export const coloringDir = join(sharedInstancesDir, 'coloring');

/**
 * Reads `p edge n m` and `e u v` lines (1-based vertices); comments and blank lines are skipped.
 * Anything else, or an edge-line count unlike the header's, throws: these are trusted fixtures, not user input.
 */
export function readCol(text: string): ColoringGraph {
  let n = -1;
  let declared = 0;
  const u: number[] = [];
  const v: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].trim().split(/\s+/);
    const kind = fields[0];
    if (kind === '' || kind === 'c') continue;
    if (kind === 'p' && n < 0 && fields.length >= 4) {
      n = integer(fields[2], i);
      declared = integer(fields[3], i);
    } else if (kind === 'e' && n >= 0 && fields.length >= 3) {
      u.push(integer(fields[1], i) - 1);
      v.push(integer(fields[2], i) - 1);
    } else {
      throw new Error(`line ${i + 1}: cannot read "${lines[i]}"`);
    }
  }
  if (n < 0) throw new Error('no "p edge" line');
  // the header counts edge lines (queen and book graphs list each edge in both directions)
  if (u.length !== declared) throw new Error(`${u.length} edge lines where the header declares ${declared}`);
  return buildColoringGraph(n, Int32Array.from(u), Int32Array.from(v)).graph;
}

export function readColFile(name: string): ColoringGraph {
  return readCol(readFileSync(join(coloringDir, name), 'utf8'));
}

function integer(field: string, line: number): number {
  const value = Number(field);
  if (!Number.isSafeInteger(value)) throw new Error(`line ${line + 1}: "${field}" is not an integer`);
  return value;
}
