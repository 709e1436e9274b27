// MAX-SAT's search point: IncrementalCost steers, BestMark decides bests exactly.

import { IncrementalCost } from '../../problems/maxsat/incremental-cost.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { steering } from '../../problems/maxsat/steering.js';
import { trivialLowerBound } from '../../problems/maxsat/verifier.js';
import type { PointOptions, SearchPoint } from '../binary/search-point.js';
import { clauseMetrics } from '../../problems/maxsat/clause-metrics.js';
import { BestMark, bestOfCurrent } from './exact-best.js';

export interface ClausePoint extends SearchPoint {
  readonly evaluator: IncrementalCost;
}

export function openClausePoint(inst: MaxSatInstance, initial: Uint8Array, options: PointOptions): ClausePoint {
  const { weight, normalizer } = steering(inst, options.costScale);
  const ic = new IncrementalCost(inst, weight, initial, options.maxBlock, undefined, { trackFalsified: options.trackFalsified ?? false });
  const mark = new BestMark(ic);
  return {
    evaluator: ic,
    normalizer,
    lowerBound: trivialLowerBound(inst),
    markIfBetter: () => mark.markIfBetter(ic),
    snapshot: (step) => bestOfCurrent(inst, ic, step),
    metrics: () => clauseMetrics(inst, ic.clausesFalsified),
  };
}
