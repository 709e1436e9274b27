// Parses Max-Cut graphs in rudy format (`n m`, then one `i j w` line per edge) straight from bytes.

import type { ParseIssue, ParseResult } from '../../common/parse-result.js';
import type { ParseLimits } from '../maxsat/parse-options.js';
import { resolveQuadraticLimits, sizeLimitIssue } from '../quadratic/limits.js';
import { errorAt, failed, isBlank, LineReader, warningAt } from '../quadratic/line-reader.js';
import { MIN_TRIPLET_BYTES, readCounts, readTriplets, type TripletSpec } from '../quadratic/triplet-section.js';
import type { WeightedGraph } from './graph.js';

export interface RudyOptions {
  /**
   * An edge `i i`: 'error' (the default) rejects the graph; 'warning' keeps it in the edge list
   * with a warning (a self loop is never cut, so it changes no cut value).
   */
  readonly selfLoops?: 'error' | 'warning';
  /** Caps on nodes (`maxVariables`) and edges (`maxClauses`); the quadratic defaults otherwise. */
  readonly limits?: Partial<ParseLimits>;
}

/** Weights must stay exact as doubles (|w| ≤ 2^53 − 1), so cut values computed from them are exact too. */
export function parseRudy(bytes: Uint8Array, options: RudyOptions = {}): ParseResult<WeightedGraph> {
  if (isBlank(bytes)) return failed([errorAt('EMPTY_INPUT', 0, 0, 'input is empty or only whitespace')]);
  const reader = new LineReader(bytes);
  const header = readCounts(reader, ['node count', 'edge count']);
  if (header === false) return failed([errorAt('NO_HEADER', 0, 0, 'no header line `n m` (input holds only comments)')]);
  if ('code' in header) return failed([header]);
  const [n, m] = header.values;
  const at = (k: number) => ({ line: header.line, column: header.columns[k] });
  const tooLarge = sizeLimitIssue(resolveQuadraticLimits(options.limits), n, at(0), m, at(1), { variable: 'node', term: 'edge' });
  if (tooLarge !== null) return failed([tooLarge]);
  const capacity = Math.min(m, Math.floor(bytes.length / MIN_TRIPLET_BYTES) + 1);
  const from = new Int32Array(capacity);
  const to = new Int32Array(capacity);
  const weight = new Float64Array(capacity);
  const loopSeverity = options.selfLoops ?? 'error';
  const spec: TripletSpec = {
    noun: 'edge',
    indexNoun: 'vertex',
    pattern: '`i j w`',
    lineCode: 'BAD_EDGE',
    countCode: 'EDGE_COUNT_MISMATCH',
    endsAtPair: false,
    accept(index, i, j, r): ParseIssue | null {
      if (!Number.isFinite(r.values[2])) return errorAt('INT_OVERFLOW', r.line, r.columns[2], 'weight magnitude exceeds 2^53-1');
      let problem: ParseIssue | null = null;
      if (i === j) {
        const at = loopSeverity === 'error' ? errorAt : warningAt;
        problem = at('BAD_EDGE', r.line, r.columns[1], `self loop on vertex ${i + 1}`);
        if (loopSeverity === 'error') return problem;
      }
      if (index < capacity) {
        from[index] = i;
        to[index] = j;
        weight[index] = r.values[2];
      }
      return problem;
    },
  };
  const section = readTriplets(reader, n, header, spec);
  if (section.errors.length > 0) return failed(section.errors);
  const graph: WeightedGraph = { numNodes: n, numEdges: section.lines, from, to, weight };
  return { ok: true, value: graph, warnings: section.warnings };
}
