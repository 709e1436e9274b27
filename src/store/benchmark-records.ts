// Benchmarks and their cells as stored: a cell is one (instance, solver config, seed) run.

import type { Sense } from './records.js';

export type BenchmarkStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'interrupted' | 'failed';

/** Per-cell budget; at least one of the two. */
export interface CellBudget {
  readonly timeLimitMs?: number;
  readonly maxEvaluations?: number;
}

export interface NewBenchmark {
  readonly name: string;
  /** A manifest tag, a folder under instances/, or a path/glob. */
  readonly suite: string;
  /** Solver configs as keys: `polystep:default`, `polystep:paper`, `walksat`, `probsat`, `openai-es`, `hybrid`, … */
  readonly solvers: readonly string[];
  readonly seeds: number;
  readonly budget: CellBudget;
  readonly totalCells: number;
}

export interface BenchmarkRecord extends NewBenchmark {
  readonly id: string;
  readonly status: BenchmarkStatus;
  readonly error: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Cells stored so far. */
  readonly doneCells: number;
}

export interface CellKey {
  readonly instance: string;
  readonly solverKey: string;
  readonly seed: number;
}

/** One anytime point: the best objective (exact, decimal, in the cell's sense) known after `ms` milliseconds. */
export type CurvePoint = readonly [ms: number, objective: string];

/** Figures of a point as its problem family names them (satRatio, falsifiedClauses, cutWeight, …). */
export type CellMetrics = Readonly<Record<string, number>>;

export interface CellResult extends CellKey {
  /** The instance's group in reports (satlib-uf20-91, gset-random, qubo-orlib-bqp50, …). */
  readonly family: string;
  /** The sense of `objective`, `bestKnown`, `optimum` and the curve: MAX-SAT and Biq Mac QUBO min, Max-Cut and OR-Library QUBO max. */
  readonly sense: Sense;
  /** Exact objective of the best feasible assignment, in the problem's own sense; null when none was found or the cell failed. */
  readonly objective: bigint | null;
  readonly feasible: boolean | null;
  /** The best point's metrics; null when the cell failed (or, for cells stored before metrics, none was recorded). */
  readonly metrics: CellMetrics | null;
  readonly bestKnown: bigint | null;
  readonly optimum: bigint | null;
  /** The objective is at least as good as the optimum (else the best known) in its sense; null when neither is known. */
  readonly reachedBest: boolean | null;
  readonly timeToBestMs: number | null;
  readonly evaluations: number;
  readonly steps: number;
  readonly wallMs: number;
  /** Why the cell failed; null when it ran. */
  readonly error: string | null;
  readonly curve: readonly CurvePoint[];
}

export interface CellRecord extends CellResult {
  readonly benchmarkId: string;
  readonly finishedAt: string;
}
