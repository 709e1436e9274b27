// A quadratic model's search point: local fields steer, the exact cost decides bests.

import type { QuadraticEngine } from '../../problems/engine-problem.js';
import { QuadraticEvaluator } from '../../problems/quadratic/evaluator.js';
import { quadraticNormalizer } from '../../problems/quadratic/steering.js';
import type { PointOptions, SearchPoint } from '../binary/search-point.js';
import type { BestSolution } from '../solver.js';

export interface QuadraticPoint extends SearchPoint {
  readonly evaluator: QuadraticEvaluator;
}

/**
 * When the model's floats are exact (every Gset and OR-Library instance), the float cost is the
 * exact cost and marking is one comparison. Otherwise a point whose float cost looks better is
 * recounted exactly (O(n + pairs)) and marked only when the exact count says so.
 */
export function openQuadraticPoint(problem: QuadraticEngine, initial: Uint8Array, options: PointOptions): QuadraticPoint {
  const evaluator = new QuadraticEvaluator(problem.model, initial);
  let bestFloat = evaluator.cost;
  let bestExact = evaluator.exactCost();
  return {
    evaluator,
    normalizer: quadraticNormalizer(problem.model, options.costScale),
    lowerBound: problem.model.lowerBound,
    markIfBetter() {
      if (!(evaluator.cost < bestFloat)) return false;
      const exact = evaluator.exactCost();
      if (exact >= bestExact) return false;
      bestFloat = evaluator.cost;
      bestExact = exact;
      return true;
    },
    snapshot(step): BestSolution {
      const cost = evaluator.exactCost();
      return { cost, feasible: true, hardFalsified: 0, metrics: problem.metricsOf(cost), assignment: evaluator.assignment.slice(), step };
    },
    metrics: () => problem.metricsOf(BigInt(Math.round(evaluator.cost))),
  };
}
