// What a family compiles an instance to for the solvers: an engine kind and its data.

import type { MaxSatInstance } from './maxsat/instance.js';
import type { QuadraticModel } from './quadratic/model.js';

/**
 * Figures that describe a point in its family's own terms, for traces and views (MAX-SAT: satRatio,
 * falsifiedClauses; Max-Cut: cutWeight; …). Informative only: floats never decide a best.
 */
export type Metrics = Readonly<Record<string, number>>;

/** Weighted clauses (MAX-SAT): hard constraints, exact soft cost, sat ratio. */
export interface ClauseEngine {
  readonly kind: 'clauses';
  readonly inst: MaxSatInstance;
}

/** A binary quadratic model (Max-Cut, QUBO): unconstrained; metrics come from the family. */
export interface QuadraticEngine {
  readonly kind: 'quadratic';
  readonly model: QuadraticModel;
  /** The family's figures for a point of this exact engine cost (e.g. Max-Cut: the cut weight). */
  readonly metricsOf: (cost: bigint) => Metrics;
}

export type EngineProblem = ClauseEngine | QuadraticEngine;
export type EngineKind = EngineProblem['kind'];

export function engineVariables(p: EngineProblem): number {
  return p.kind === 'clauses' ? p.inst.numVars : p.model.n;
}

/** An assignment's exact standing: engine cost (minimised), feasibility, and the family's metrics. */
export interface Scored {
  readonly cost: bigint;
  /** Every hard constraint holds (always, for unconstrained families). */
  readonly feasible: boolean;
  /** Violated hard constraints (0 exactly when feasible). */
  readonly hardFalsified: number;
  readonly metrics: Metrics;
}
