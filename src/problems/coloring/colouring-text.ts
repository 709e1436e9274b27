// Reads and writes colourings as people and solvers write them: one colour per vertex, vertex 1 first.

import { excerpt } from '../../common/excerpt.js';
import type { ParseResult } from '../../common/parse-result.js';
import { errorAt } from '../quadratic/line-reader.js';
import { COLOUR_BYTES, decodeColours, encodeColours } from './colour-bytes.js';

/** Colours are labels up to this (a uint32 holds them; no graph the limits admit needs more). */
const MAX_LABEL = 2 ** 32 - 1;

const SOLVER_LINE = /^\s*[vcso](\s|$)/;

/**
 * Accepts the colours as whitespace-separated non-negative integers, vertex 1 first (any labels:
 * `1 2 1 3` and `0 1 0 2` are the same colouring), or, in solver output (`c`/`s`/`o`/`v` lines),
 * the values of its `v` lines. Exactly one colour per vertex, else BAD_ASSIGNMENT at the token.
 */
export function parseColouring(text: string, numVertices: number): ParseResult<Uint8Array> {
  const lines = text.split(/\r?\n/);
  const solverOutput = lines.some((l) => SOLVER_LINE.test(l));
  const colors = new Uint32Array(numVertices);
  let count = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    let from = 0;
    if (solverOutput) {
      const m = /^\s*v(\s|$)/.exec(raw);
      if (m === null) continue;
      from = m[0].length;
    }
    const re = /\S+/g;
    re.lastIndex = from;
    for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
      const at = (message: string) => ({ ok: false as const, issues: [errorAt('BAD_ASSIGNMENT', index + 1, m!.index + 1, message)] });
      if (!/^[0-9]+$/.test(m[0]) || Number(m[0]) > MAX_LABEL) return at(`${excerpt(m[0])} is not a colour (a non-negative integer below 2^32)`);
      if (count === numVertices) return at(`more than ${numVertices} colours given for ${numVertices} vertices`);
      colors[count++] = Number(m[0]);
    }
  }
  if (count !== numVertices) return { ok: false, issues: [errorAt('BAD_ASSIGNMENT', 0, 0, `${count} colours given for ${numVertices} vertices: one per vertex, vertex 1 first`)] };
  return { ok: true, value: encodeColours(colors), warnings: [] };
}

/** One colour per vertex, 1-based, separated by spaces: what `v` lines and solution views carry. */
export function formatColouring(bytes: Uint8Array): string {
  return Array.from(decodeColours(bytes, bytes.length / COLOUR_BYTES), (c) => c + 1).join(' ');
}
