// What solvers need of an engine problem beyond its data: exact scoring from scratch and a lower bound.

import type { EngineProblem } from '../problems/engine-problem.js';
import { trivialLowerBound } from '../problems/maxsat/verifier.js';
import { decodeColours } from '../problems/coloring/colour-bytes.js';
import { scoreColoring } from '../problems/coloring/score.js';
import { quadraticCost } from '../problems/quadratic/quadratic-cost.js';
import { bestOfAssignment } from './maxsat/exact-best.js';
import type { BestSolution } from './solver.js';

export { engineVariables, type BinaryEngine, type ClauseEngine, type ColoringEngine, type EngineKind, type EngineProblem, type QuadraticEngine } from '../problems/engine-problem.js';

/** Scores any assignment exactly, from scratch: what population solvers verify their best rows with. */
export type ExactScorer = (assignment: Uint8Array, step: number) => BestSolution;

/** The exact scorer of an engine's assignments. */
export function exactScorer(p: EngineProblem): ExactScorer {
  if (p.kind === 'clauses') return (a, step) => bestOfAssignment(p.inst, a, step);
  if (p.kind === 'coloring') return (a, step) => ({ ...scoreColoring(p.graph, decodeColours(a, p.graph.numVertices)), assignment: a, step });
  return (a, step) => {
    const cost = quadraticCost(p.model, a);
    return { cost, feasible: true, hardFalsified: 0, metrics: p.metricsOf(cost), assignment: a, step };
  };
}

/** No assignment costs less than this. */
export function lowerBoundOf(p: EngineProblem): bigint {
  if (p.kind === 'coloring') return BigInt(p.colorsLowerBound);
  return p.kind === 'clauses' ? trivialLowerBound(p.inst) : p.model.lowerBound;
}
