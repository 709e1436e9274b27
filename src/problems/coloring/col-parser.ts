// Parses DIMACS graph-colouring files (`.col`: `p edge V E`, then `e u v` lines, 1-based) straight from bytes.

import type { ParseIssue, ParseResult } from '../../common/parse-result.js';
import type { ParseLimits, ParseMode } from '../maxsat/parse-options.js';
import { resolveQuadraticLimits } from '../quadratic/limits.js';
import { errorAt, failed, isBlank, LineReader, warningAt } from '../quadratic/line-reader.js';
import { MAX_ISSUES } from '../quadratic/triplet-section.js';
import { EdgeBuffer, firstRepeat, firstSelfLoop } from './edge-buffer.js';
import { buildColoringGraph, type ColoringGraph } from './graph.js';

export interface ColoringInstance {
  /** Distinct edges, no self loops. */
  readonly graph: ColoringGraph;
  /** The header's format word: `p edge V E` (DIMACS) or `p col V E` (some later files). */
  readonly headerKind: 'edge' | 'col';
  /** E as the header states it: the SGB graphs count both directions of every edge. */
  readonly declaredEdges: number;
  /** `e` lines read. */
  readonly edgeLines: number;
  /** Edge lines dropped because they repeat an earlier edge in either direction. */
  readonly duplicates: number;
  /** Edge lines `e v v` dropped. */
  readonly selfLoops: number;
}

export interface ColOptions {
  /**
   * strict (the default) rejects an edge-line count that differs from the header's E and lines of
   * an unknown type (e.g. `n v w` node weights); relaxed reads both with a warning.
   */
  readonly mode?: ParseMode;
  /** Caps on V (`maxVariables`) and on E and the edge lines read (`maxClauses`); 2^22 and 2^24 by default. */
  readonly limits?: Partial<Pick<ParseLimits, 'maxVariables' | 'maxClauses'>>;
}

interface Header {
  readonly kind: 'edge' | 'col';
  readonly vertices: number;
  readonly edges: number;
  readonly line: number;
  readonly edgesColumn: number;
}

const TAG_P = 0x70;
const TAG_E = 0x65;
const MAX_INT32 = 2 ** 31 - 1;
/** "e 1 2\n": no edge line is shorter, so the input's size bounds what a header may reserve. */
const MIN_EDGE_LINE_BYTES = 6;

/**
 * Accepted besides `c`, `p` and `e` lines: blank lines, `#` comments, CR before LF, tabs, leading and
 * trailing blanks, no final newline. Other line types (`n`, `x`, …) are UNEXPECTED_CHAR: an error in
 * strict mode, skipped with one warning in relaxed mode. A stray byte inside a header is BAD_HEADER,
 * inside an edge line UNEXPECTED_CHAR. A vertex outside 1..V is BAD_EDGE (as in rudy files); repeated
 * edges (either direction) and self loops are dropped with one BAD_EDGE warning each, at the first,
 * and counted. E is judged only when no other error was found.
 */
export function parseCol(bytes: Uint8Array, options: ColOptions = {}): ParseResult<ColoringInstance> {
  if (isBlank(bytes)) return failed([errorAt('EMPTY_INPUT', 0, 0, 'input is empty or only whitespace')]);
  const strict = (options.mode ?? 'strict') === 'strict';
  const limits = resolveQuadraticLimits(options.limits);
  const r = new LineReader(bytes, { tagged: true });
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [];
  let header: Header | null = null;
  let edges = new EdgeBuffer(0);
  let edgeLines = 0;
  let surplus: { line: number; column: number } | null = null;
  let unknown: { count: number; first: ParseIssue } | null = null;
  for (let got = r.next(); got !== false && errors.length < MAX_ISSUES; got = r.next()) {
    if (got !== true) {
      if (r.tag === TAG_P && header === null) return failed([...errors, { ...got, code: 'BAD_HEADER' }]);
      errors.push(got);
    } else if (r.tag === TAG_P) {
      if (header !== null) {
        errors.push(errorAt('DUPLICATE_HEADER', r.line, r.tagColumn, `a second header (the first is on line ${header.line})`));
        continue;
      }
      const read = readHeader(r, limits.maxVariables, limits.maxClauses);
      if ('code' in read) return failed([...errors, read]);
      header = read;
      edges = new EdgeBuffer(Math.min(read.edges, Math.floor(bytes.length / MIN_EDGE_LINE_BYTES) + 1));
    } else if (r.tag === TAG_E) {
      if (header === null) return failed([...errors, errorAt('NO_HEADER', r.line, r.tagColumn, 'an edge line comes before the `p edge V E` header')]);
      if (++edgeLines > limits.maxClauses) return failed([...errors, errorAt('LIMIT_EXCEEDED', r.line, r.tagColumn, `more than ${limits.maxClauses} edge lines`)]);
      if (edgeLines === header.edges + 1) surplus = { line: r.line, column: r.tagColumn };
      const problem = readEdge(r, header.vertices, edges);
      if (problem !== null) errors.push(problem);
    } else if (r.tag === 0) {
      errors.push(errorAt('UNEXPECTED_CHAR', r.line, r.columns[0], 'a line of numbers needs a type letter (`e u v`)'));
    } else {
      const message = `unknown line type '${String.fromCharCode(r.tag)}' (expected c, p or e)`;
      if (strict) errors.push(errorAt('UNEXPECTED_CHAR', r.line, r.tagColumn, message));
      else if (unknown === null) unknown = { count: 1, first: warningAt('UNEXPECTED_CHAR', r.line, r.tagColumn, message) };
      else unknown.count++;
    }
  }
  // a truncated scan has not seen every line, so it judges neither the header's presence nor E
  if (errors.length >= MAX_ISSUES) return failed(errors);
  if (header === null) return failed([...errors, errorAt('NO_HEADER', 0, 0, 'no `p edge V E` header (input holds only comments)')]);
  // E is judged only on otherwise sound input: next to a broken line a count mismatch is noise
  if (errors.length > 0) return failed(errors);
  if (edgeLines !== header.edges) {
    // too many lines: at the first surplus one; too few: at the declared count
    const at = surplus ?? { line: header.line, column: header.edgesColumn };
    const message = `header declares ${header.edges} edges but ${edgeLines} edge lines follow`;
    (strict ? errors : warnings).push((strict ? errorAt : warningAt)('EDGE_COUNT_MISMATCH', at.line, at.column, message));
  }
  if (errors.length > 0) return failed(errors);
  if (unknown !== null) warnings.push({ ...unknown.first, message: `${unknown.first.message}: ${unknown.count} such lines skipped, the first here` });
  return { ok: true, value: instanceOf(header, edges, edgeLines, warnings), warnings: sortedIssues(warnings) };
}

function readHeader(r: LineReader, maxVertices: number, maxEdges: number): Header | ParseIssue {
  const word = r.word();
  if (word !== 'edge' && word !== 'col') {
    const column = r.wordColumn > 0 ? r.wordColumn : r.count > 0 ? r.columns[0] : r.endColumn;
    return errorAt('BAD_HEADER', r.line, column, 'the header must read `p edge V E` (or `p col V E`)');
  }
  if (r.count !== 2) {
    const column = r.count > 2 ? r.columns[2] : r.endColumn;
    return errorAt('BAD_HEADER', r.line, column, `the header needs exactly two numbers (V and E), found ${r.count}`);
  }
  const names = ['vertex count', 'edge count'];
  for (let k = 0; k < 2; k++) {
    if (Math.abs(r.values[k]) > MAX_INT32) return errorAt('INT_OVERFLOW', r.line, r.columns[k], `${names[k]} exceeds 2^31-1`);
    if (r.values[k] < 0) return errorAt('BAD_HEADER', r.line, r.columns[k], `${names[k]} is negative`);
  }
  const [vertices, edges] = [r.values[0], r.values[1]];
  if (vertices > maxVertices) return errorAt('LIMIT_EXCEEDED', r.line, r.columns[0], `${vertices} vertices exceed the limit of ${maxVertices}`);
  if (edges > maxEdges) return errorAt('LIMIT_EXCEEDED', r.line, r.columns[1], `${edges} edges exceed the limit of ${maxEdges}`);
  return { kind: word, vertices, edges, line: r.line, edgesColumn: r.columns[1] };
}

/** Stores the edge on the reader's current `e` line, or says what is wrong with it. */
function readEdge(r: LineReader, n: number, edges: EdgeBuffer): ParseIssue | null {
  if (r.wordColumn > 0) return errorAt('BAD_EDGE', r.line, r.wordColumn, 'an edge line needs two vertex numbers `e u v`');
  if (r.count !== 2) {
    const column = r.count > 2 ? r.columns[2] : r.endColumn;
    return errorAt('BAD_EDGE', r.line, column, `an edge line needs exactly two vertices \`e u v\`, found ${r.count}`);
  }
  for (let k = 0; k < 2; k++) {
    const v = r.values[k];
    if (Math.abs(v) > MAX_INT32) return errorAt('INT_OVERFLOW', r.line, r.columns[k], 'vertex exceeds 2^31-1');
    if (v < 1 || v > n) return errorAt('BAD_EDGE', r.line, r.columns[k], `vertex ${v} is outside 1..${n}`);
  }
  edges.push(r.values[0] - 1, r.values[1] - 1, r.line, r.tagColumn);
  return null;
}

/** Builds the graph and adds a warning at the first repeated edge and at the first self loop. */
function instanceOf(header: Header, edges: EdgeBuffer, edgeLines: number, warnings: ParseIssue[]): ColoringInstance {
  const { graph, duplicates, selfLoops } = buildColoringGraph(header.vertices, edges.u, edges.v, edges.count);
  if (duplicates > 0) {
    const k = firstRepeat(graph, edges);
    const message = `${duplicates} edge lines repeat an earlier edge (either direction) and are dropped, the first here`;
    warnings.push(warningAt('BAD_EDGE', edges.line[k], edges.column[k], message));
  }
  if (selfLoops > 0) {
    const k = firstSelfLoop(edges);
    warnings.push(warningAt('BAD_EDGE', edges.line[k], edges.column[k], `${selfLoops} self loops \`e v v\` are dropped, the first here`));
  }
  return { graph, headerKind: header.kind, declaredEdges: header.edges, edgeLines, duplicates, selfLoops };
}

function sortedIssues(issues: ParseIssue[]): ParseIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
