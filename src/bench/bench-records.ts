// Benchmarks and their cells as stored: a cell is one (instance, solver config, seed) run.

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

/** One anytime point: the best cost (exact, decimal) known after `ms` milliseconds. */
export type CurvePoint = readonly [ms: number, cost: string];

export interface CellResult extends CellKey {
  readonly family: string;
  /** Exact cost of the best feasible assignment; null when none was found or the cell failed. */
  readonly bestCost: bigint | null;
  readonly feasible: boolean | null;
  readonly satRatio: number | null;
  readonly bestKnown: bigint | null;
  readonly optimum: bigint | null;
  /** bestCost ≤ best known (or optimum); null when neither is known. */
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
