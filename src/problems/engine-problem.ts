// What a family compiles an instance to for the solvers: an engine kind and its data.

import type { ColoringGraph } from './coloring/graph.js';
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

/**
 * A graph to colour (one categorical variable per vertex): cost = colours used, each conflicting
 * edge a violated hard constraint. Assignments are 4 bytes per vertex (coloring/colour-bytes.ts).
 */
export interface ColoringEngine {
  readonly kind: 'coloring';
  readonly graph: ColoringGraph;
  /** No proper colouring uses fewer colours (a clique's size). */
  readonly colorsLowerBound: number;
}

export type EngineProblem = ClauseEngine | QuadraticEngine | ColoringEngine;
/** The engines whose points are 0/1 vectors: what PolyStep's binary relaxation and the batch backends take. */
export type BinaryEngine = ClauseEngine | QuadraticEngine;
export type EngineKind = EngineProblem['kind'];

export function engineVariables(p: EngineProblem): number {
  if (p.kind === 'coloring') return p.graph.numVertices;
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
