// Refuses, before anything is stored or run, a benchmark whose solvers cannot solve some of its instances.

import { familyNamed } from '../problems/registry.js';
import { checkSolverRequest, solverDefinition } from '../solvers/registry.js';
import type { SolverSpec } from './solver-spec.js';

/**
 * Every solver must solve every problem family the suite holds, with the preset it names: a
 * mismatch (walksat on QUBO, polystep:paper on Max-Cut) would otherwise only show as a column of
 * failed cells. Throws the solver registry's AppError (UNSUPPORTED_FAMILY, INVALID_PRESET), whose
 * message names the solver and the family; an unknown family throws UNKNOWN_FAMILY.
 */
export function checkSolversFit(solvers: readonly SolverSpec[], instances: readonly { readonly problem: string }[]): void {
  const problems = [...new Set(instances.map((i) => i.problem))].sort();
  for (const problem of problems) {
    const family = familyNamed(problem);
    for (const spec of solvers) {
      // Solvers without presets carry 'default' in their spec; only those that read one pass it on.
      const preset = solverDefinition(spec.solver).usesPreset ? spec.preset : undefined;
      checkSolverRequest({ solver: spec.solver, preset }, { name: family.name, engine: family.engineKind });
    }
  }
}
