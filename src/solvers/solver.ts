// What every solver run exposes to the run loop: steps, counters, the current point and the best one.

import type { Metrics, Scored } from '../problems/engine-problem.js';

export type { Metrics, Scored } from '../problems/engine-problem.js';

/** The best point of a run: its exact score (engine cost, minimised; a maximised objective is its negation). */
export interface BestSolution extends Scored {
  readonly assignment: Uint8Array;
  /** Step after which it was found (0 = the starting point). */
  readonly step: number;
}

export interface SolverSession {
  /** Runs one optimizer step (asynchronous when it waits for a batch evaluation backend). */
  step(): void | Promise<void>;
  readonly steps: number;
  readonly evaluations: number;
  /** Cost the search steers by (normalised, hard constraints penalised) and the metrics of the current point. */
  current(): { readonly cost: number; readonly metrics: Metrics };
  best(): BestSolution;
  /** A cost no assignment can beat (MAX-SAT: the empty soft clauses); reaching it ends the run. */
  readonly lowerBound: bigint;
  /** True once further steps cannot change anything (DSATUR built its colouring; a k-colouring was found). Absent: never. */
  readonly finished?: boolean;
  /** The phase a solver that works in phases is in (the hybrid: polystep, then polish); absent otherwise. */
  readonly phase?: string;
}

/**
 * The one order bests are kept by, decided exactly: fewer falsified hard clauses (so feasible
 * first), then the lower cost. Floats may steer a search, but only this decides what is reported.
 */
export function isBetter(a: BestSolution, b: BestSolution): boolean {
  if (a.hardFalsified !== b.hardFalsified) return a.hardFalsified < b.hardFalsified;
  return a.cost < b.cost;
}
