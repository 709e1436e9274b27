// `polystep verify` on a graph colouring: colours used, the conflicting edges, and the status they give.

import type { ColoringInstance } from '../../problems/coloring/col-parser.js';
import { decodeColours } from '../../problems/coloring/colour-bytes.js';
import { conflictingEdges, scoreColoring } from '../../problems/coloring/score.js';
import type { LoadedProblem } from '../../problems/load-problem.js';
import { STATUS_EXIT_CODE, type SolveStatus } from '../../problems/maxsat/solution-output.js';
import { lowerBoundOf } from '../../solvers/engine.js';
import type { CliIo } from '../cli-io.js';

/**
 * A proper colouring is feasible (exit 10), optimal (30) when it uses no more colours than a clique
 * the family finds has vertices; an improper one breaks the hard constraints (0, `s UNKNOWN`, no `o`),
 * as a MAX-SAT assignment that falsifies a hard clause does. At most `listed` conflicting edges are shown.
 */
export function verifyColoring(problem: LoadedProblem, assignment: Uint8Array, listed: number, model: boolean, io: CliIo): number {
  const inst = problem.inst as ColoringInstance;
  const { family } = problem;
  const colors = decodeColours(assignment, inst.graph.numVertices);
  const score = scoreColoring(inst.graph, colors);
  const lines = [`c colours used ${score.metrics.colors}`, `c conflicting edges ${score.hardFalsified}`];
  for (const [u, v] of conflictingEdges(inst.graph, colors, listed)) lines.push(`c conflicting edge ${u} ${v} (both colour ${colors[u - 1] + 1})`);
  if (score.hardFalsified > listed) lines.push(`c … and ${score.hardFalsified - listed} more conflicting edge(s)`);
  let status: SolveStatus;
  if (score.feasible) {
    status = score.cost <= lowerBoundOf(family.engine(inst)) ? 'OPTIMUM FOUND' : 'SATISFIABLE';
    const best = { ...score, assignment };
    lines.push(...family.solutionLines(inst, { optimal: status === 'OPTIMUM FOUND', unsatisfiable: false, best }).filter((l) => model || !l.startsWith('v ')));
  } else {
    status = 'UNKNOWN';
    lines.push(`c the colouring is improper: ${score.hardFalsified} edge(s) join two vertices of one colour`, 's UNKNOWN');
  }
  io.stdout(`${lines.join('\n')}\n`);
  return STATUS_EXIT_CODE[status];
}
