// QUBO as a problem family: OR-Library (maximised), Biq Mac (minimised) and JSON files, one quadratic model.

import type { ParseResult } from '../../common/parse-result.js';
import type { Metrics, QuadraticEngine } from '../engine-problem.js';
import type { FamilyParseOptions, ProblemFamily } from '../family.js';
import { binaryAssignmentText } from '../maxsat/assignment.js';
import { quadraticCost } from '../quadratic/quadratic-cost.js';
import { headText } from '../head-text.js';
import { sniffQubo } from '../quadratic/sniff.js';
import { quadraticSolutionLines } from '../quadratic/solution-lines.js';
import { parseBiqMac } from './biqmac-parser.js';
import { QUBO_FORMATS, type QuboFormat, type QuboInstance } from './instance.js';
import { parseQuboJson } from './json-parser.js';
import { parseOrLib } from './orlib-parser.js';
import { summarizeQubo } from './summary.js';

const PARSERS: Readonly<Record<QuboFormat, typeof parseBiqMac>> = {
  orlib: parseOrLib,
  biqmac: parseBiqMac,
  'qubo-json': parseQuboJson,
};

/** No figures beyond the objective itself (the engine cost carries it). */
const NO_METRICS: Metrics = Object.freeze({});
const noMetrics = (): Metrics => NO_METRICS;

/** One engine per instance: the model is built by the parser already, this keeps the wrapper stable. */
const engines = new WeakMap<QuboInstance, QuadraticEngine>();

function engineOf(inst: QuboInstance): QuadraticEngine {
  let engine = engines.get(inst);
  if (engine === undefined) {
    engine = { kind: 'quadratic', model: inst.model, metricsOf: noMetrics };
    engines.set(inst, engine);
  }
  return engine;
}

/** 'auto' (the user named the family but no format): the content decides, a two-number header reading as Biq Mac. */
function concreteFormat(bytes: Uint8Array, options: FamilyParseOptions): QuboFormat {
  if ((QUBO_FORMATS as readonly string[]).includes(options.format)) return options.format as QuboFormat;
  return sniffQubo(headText(bytes), options.fileName, true) ?? 'biqmac';
}

export const quboFamily: ProblemFamily<QuboInstance> = {
  name: 'qubo',
  title: 'QUBO',
  senseOf: (inst) => inst.sense,
  sense: 'either',
  engineKind: 'quadratic',
  formats: QUBO_FORMATS,
  multiInstanceFormats: ['orlib'],
  sniff: (head, fileName, claimed = false) => sniffQubo(head, fileName, claimed),
  parse(bytes, options): ParseResult<QuboInstance> {
    const parse = PARSERS[concreteFormat(bytes, options)];
    return parse(bytes, { select: options.select, mode: options.mode, limits: options.limits });
  },
  describe(inst) {
    const summary = summarizeQubo(inst);
    return { format: inst.format, variables: inst.model.n, terms: summary.nonzeros, summary: { ...summary } };
  },
  variables: (inst) => inst.model.n,
  ...binaryAssignmentText<QuboInstance>((inst) => inst.model.n),
  engine: engineOf,
  score(inst, assignment) {
    return { cost: quadraticCost(inst.model, assignment), feasible: true, hardFalsified: 0, metrics: NO_METRICS };
  },
  solutionLines: (inst, outcome) => quadraticSolutionLines(inst.format === 'qubo-json' ? 'offset + sum of q x_i x_j' : "x'Qx", inst.sense, outcome),
};
