// What every solver run exposes to the run loop: steps, counters, the current point and the best one.

export interface BestSolution {
  /** Exact cost of the best assignment: the weight of its falsified soft clauses. */
  readonly cost: bigint;
  /** Every hard clause holds; an infeasible best is only a fallback. */
  readonly feasible: boolean;
  /** Falsified hard clauses (0 exactly when feasible). */
  readonly hardFalsified: number;
  /** Satisfied clauses over all clauses. */
  readonly satRatio: number;
  readonly falsifiedClauses: number;
  readonly assignment: Uint8Array;
  /** Step after which it was found (0 = the starting point). */
  readonly step: number;
}

export interface SolverSession {
  /** Runs one optimizer step (asynchronous when it waits for a batch evaluation backend). */
  step(): void | Promise<void>;
  readonly steps: number;
  readonly evaluations: number;
  /** Cost the search steers by (normalised, hard clauses penalised) and sat ratio of the current point. */
  current(): { readonly cost: number; readonly satRatio: number };
  best(): BestSolution;
  /** A cost no assignment can beat (the empty soft clauses); reaching it ends the run. */
  readonly lowerBound: bigint;
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
