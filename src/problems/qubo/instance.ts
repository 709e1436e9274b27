// A QUBO instance: a binary quadratic model in engine form (minimised) and the sense its file states.

import type { Sense } from '../family.js';
import type { QuadraticModel } from '../quadratic/model.js';

export const QUBO_FORMATS = ['orlib', 'biqmac', 'qubo-json'] as const;
export type QuboFormat = (typeof QUBO_FORMATS)[number];

export interface QuboInstance {
  /**
   * The engine cost, minimised: the objective itself when `sense` is 'min', its negation when
   * 'max' (objectiveOf(sense, cost) gives the objective back).
   */
  readonly model: QuadraticModel;
  readonly sense: Sense;
  /** The concrete format it was read as. */
  readonly format: QuboFormat;
  readonly name?: string;
  /** OR-Library files hold several instances: which one this is (1-based) of how many. */
  readonly instance?: { readonly index: number; readonly count: number };
}

/** The engine's sign for a sense: objective coefficients are multiplied by it. */
export function engineSign(sense: Sense): 1 | -1 {
  return sense === 'max' ? -1 : 1;
}
