// Reads and writes colourings as people and solvers write them: one colour per vertex, vertex 1 first.

import { excerpt } from '../../common/excerpt.js';
import type { ParseResult } from '../../common/parse-result.js';
import { valueTokens } from '../assignment-tokens.js';
import { errorAt } from '../quadratic/line-reader.js';
import { COLOUR_BYTES, decodeColours, encodeColours } from './colour-bytes.js';

/** Colours are labels up to this (a uint32 holds them; no graph the limits admit needs more). */
const MAX_LABEL = 2 ** 32 - 1;

/**
 * Accepts the colours as whitespace-separated non-negative integers, vertex 1 first, or, in solver
 * output (`c`/`s`/`o`/`v` lines), the values of its `v` lines. Exactly one colour per vertex, else
 * BAD_ASSIGNMENT at the token. Labels only name colours (`1 2 1 3`, `0 1 0 2` and `5 9 5 12` are
 * one colouring): each becomes its rank among the labels used, so a colouring written 1..k reads
 * back as written (formatColouring prints 1-based).
 */
export function parseColouring(text: string, numVertices: number): ParseResult<Uint8Array> {
  const tokens = valueTokens(text);
  const colors = new Uint32Array(numVertices);
  for (let i = 0; i < tokens.length; i++) {
    const { text: value, line, column } = tokens[i];
    const bad = (message: string): ParseResult<never> => ({ ok: false, issues: [errorAt('BAD_ASSIGNMENT', line, column, message)] });
    if (!/^[0-9]+$/.test(value) || Number(value) > MAX_LABEL) return bad(`${excerpt(value)} is not a colour (a non-negative integer below 2^32)`);
    if (i === numVertices) return bad(`more than ${numVertices} colours given for ${numVertices} vertices`);
    colors[i] = Number(value);
  }
  if (tokens.length !== numVertices) return { ok: false, issues: [errorAt('BAD_ASSIGNMENT', 0, 0, `${tokens.length} colours given for ${numVertices} vertices: one per vertex, vertex 1 first`)] };
  return { ok: true, value: encodeColours(ranked(colors)), warnings: [] };
}

/** Each label replaced by its rank among the distinct labels (0 for the smallest). */
function ranked(labels: Uint32Array): Uint32Array {
  const distinct = Array.from(new Set(labels)).sort((a, b) => a - b);
  const rank = new Map(distinct.map((label, i) => [label, i]));
  return labels.map((label) => rank.get(label)!);
}

/** One colour per vertex, 1-based, separated by spaces: what `v` lines and solution views carry. */
export function formatColouring(bytes: Uint8Array): string {
  return Array.from(decodeColours(bytes, bytes.length / COLOUR_BYTES), (c) => c + 1).join(' ');
}
