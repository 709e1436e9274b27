// Max-Cut as a problem family: rudy/Gset graphs, the cut weight maximised, compiled to a quadratic model.

import type { QuadraticEngine } from '../engine-problem.js';
import type { ProblemFamily } from '../family.js';
import { binaryAssignmentText } from '../maxsat/assignment.js';
import { singleInstanceIssue } from '../quadratic/instance-select.js';
import { failed } from '../quadratic/line-reader.js';
import { sniffMaxCut } from '../quadratic/sniff.js';
import { quadraticSolutionLines } from '../quadratic/solution-lines.js';
import { maxCutModel } from './compile.js';
import { cutValue, type WeightedGraph } from './graph.js';
import { summarizeGraph } from './graph-summary.js';
import { parseRudy } from './rudy-parser.js';

/** One engine per graph: compiling is linear but not free, and every run, view and score reuses it. */
const engines = new WeakMap<WeightedGraph, QuadraticEngine>();

/** The engine cost is −cut, so the cut weight of a point is its negated cost. */
function cutMetrics(cost: bigint): { cutWeight: number } {
  return { cutWeight: Number(-cost) };
}

function engineOf(g: WeightedGraph): QuadraticEngine {
  let engine = engines.get(g);
  if (engine === undefined) {
    engine = { kind: 'quadratic', model: maxCutModel(g), metricsOf: cutMetrics };
    engines.set(g, engine);
  }
  return engine;
}

export const maxCutFamily: ProblemFamily<WeightedGraph> = {
  name: 'maxcut',
  title: 'Max-Cut',
  senseOf: () => 'max',
  sense: 'max',
  engineKind: 'quadratic',
  formats: ['rudy'],
  sniff: (head, fileName, claimed = false) => sniffMaxCut(head, fileName, claimed),
  parse(bytes, options) {
    const wrongSelect = singleInstanceIssue(options.select, 'rudy');
    if (wrongSelect !== null) return failed([wrongSelect]);
    // relaxed keeps a self loop with a warning: it is never cut, so no cut value changes
    return parseRudy(bytes, { selfLoops: options.mode === 'relaxed' ? 'warning' : 'error', limits: options.limits });
  },
  describe(g) {
    return { format: 'rudy', variables: g.numNodes, terms: g.numEdges, summary: { ...summarizeGraph(g) } };
  },
  variables: (g) => g.numNodes,
  ...binaryAssignmentText<WeightedGraph>((g) => g.numNodes),
  engine: engineOf,
  score(g, assignment) {
    if (assignment.length !== g.numNodes) throw new RangeError(`assignment has ${assignment.length} values for ${g.numNodes} nodes`);
    const cost = -cutValue(g, assignment);
    return { cost, feasible: true, hardFalsified: 0, metrics: cutMetrics(cost) };
  },
  solutionLines: (g, outcome) => quadraticSolutionLines('cut weight', 'max', outcome),
};
