// Graph colouring as a problem family: DIMACS .col graphs, colours used minimised, conflicting edges as hard constraints.

import type { ColoringEngine } from '../engine-problem.js';
import type { ProblemFamily } from '../family.js';
import { contentLines } from '../head-text.js';
import { singleInstanceIssue } from '../quadratic/instance-select.js';
import { failed } from '../quadratic/line-reader.js';
import { parseCol, type ColoringInstance } from './col-parser.js';
import { decodeColours } from './colour-bytes.js';
import { formatColouring, parseColouring } from './colouring-text.js';
import { cliqueBound } from './greedy-clique.js';
import { conflictingEdges, scoreColoring } from './score.js';
import { summarizeColoring } from './summary.js';

/** The DIMACS colouring header (`p edge V E`; some later files say `p col`). */
const COL_HEADER = /^p\s+(edge|col)(\s|$)/;
/** Conflicting edges /evaluate lists, at most. */
const LISTED_CONFLICTS = 20;

const engines = new WeakMap<ColoringInstance, ColoringEngine>();

/** One engine per instance: the clique bound costs a pass over the graph, and every run and view reuses it. */
function engineOf(inst: ColoringInstance): ColoringEngine {
  let engine = engines.get(inst);
  if (engine === undefined) {
    engine = { kind: 'coloring', graph: inst.graph, colorsLowerBound: cliqueBound(inst.graph) };
    engines.set(inst, engine);
  }
  return engine;
}

const scoreOf = (inst: ColoringInstance, assignment: Uint8Array) => scoreColoring(inst.graph, decodeColours(assignment, inst.graph.numVertices));

export const coloringFamily: ProblemFamily<ColoringInstance> = {
  name: 'coloring',
  title: 'Graph colouring',
  senseOf: () => 'min',
  sense: 'min',
  engineKind: 'coloring',
  formats: ['col'],
  sniff(head, fileName, claimed = false) {
    if (claimed || (fileName !== undefined && /\.col(\.gz)?$/i.test(fileName))) return 'col';
    const [line] = contentLines(head, 1, /^c(\s|$)/);
    return line !== undefined && COL_HEADER.test(line) ? 'col' : null;
  },
  parse(bytes, options) {
    const wrongSelect = singleInstanceIssue(options.select, 'DIMACS colouring');
    return wrongSelect !== null ? failed([wrongSelect]) : parseCol(bytes, { mode: options.mode, limits: options.limits });
  },
  describe(inst) {
    const summary = summarizeColoring(inst);
    return { format: 'col', variables: summary.vertices, terms: summary.edges, summary: { ...summary } };
  },
  variables: (inst) => inst.graph.numVertices,
  engine: engineOf,
  score: scoreOf,
  explain(inst, assignment) {
    const colors = decodeColours(assignment, inst.graph.numVertices);
    const score = scoreColoring(inst.graph, colors);
    return { score, details: { colors: Number(score.cost), conflicts: score.hardFalsified, conflictingEdges: conflictingEdges(inst.graph, colors, LISTED_CONFLICTS) } };
  },
  parseAssignment: (inst, text) => parseColouring(text, inst.graph.numVertices),
  formatAssignment: formatColouring,
  solutionLines(inst, outcome) {
    const lines = ['c objective: colours used (minimised; proper colourings only)'];
    const best = outcome.best;
    if (best === null) return [...lines, 's UNKNOWN'];
    lines.push(`o ${best.cost}`, `s ${outcome.optimal ? 'OPTIMUM FOUND' : 'SATISFIABLE'}`);
    if (best.assignment !== null) lines.push(`v ${formatColouring(best.assignment)}`);
    return lines;
  },
};
