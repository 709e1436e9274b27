// The shapes of the public REST API the dashboard reads (see openapi.yaml): exact integers stay strings.

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ProblemView {
  readonly id: string;
  readonly family: string;
  readonly format: string;
  readonly sense: 'min' | 'max';
  readonly name: string | null;
  readonly variables: number;
  readonly terms: number;
  readonly contentBytes: number;
  readonly summary: Record<string, unknown>;
  readonly createdAt: string;
}

export type RunStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'failed' | 'timed_out' | 'interrupted';
export const TERMINAL: readonly RunStatus[] = ['completed', 'cancelled', 'failed', 'timed_out', 'interrupted'];

export interface BestView {
  readonly objective: string;
  readonly cost: string;
  readonly feasible: boolean;
  readonly step: number;
}

export interface RunView {
  readonly id: string;
  readonly problemId: string;
  readonly family: string;
  readonly sense: 'min' | 'max';
  readonly status: RunStatus;
  readonly solver: string;
  readonly preset: string | null;
  readonly config: Record<string, unknown>;
  readonly termination: Record<string, unknown>;
  readonly seed: number;
  readonly colors: number | null;
  /** This start of the run (1, then one more each time it was queued again after its process or worker was lost), and the starts it allows. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly backend: string | null;
  readonly stopReason: string | null;
  readonly error: string | null;
  readonly best: BestView | null;
  readonly steps: number;
  readonly evaluations: number;
  readonly timestamps: { queuedAt: string | null; startedAt: string | null; finishedAt: string | null };
  readonly timing: { queuedMs: number | null; parseMs: number | null; solveMs: number | null };
}

/** One trace or stream event: `progress` and `improvement` carry the best so far (`bestObjective`, exact). */
export interface TraceEvent {
  readonly seq: number;
  readonly type: 'status' | 'progress' | 'improvement';
  readonly status?: RunStatus;
  readonly step?: number;
  readonly evaluations?: number;
  readonly elapsedMs?: number;
  readonly cost?: number;
  readonly bestCost?: string;
  readonly bestObjective?: string;
  readonly feasible?: boolean;
}

export interface SolverProgress {
  readonly solverKey: string;
  readonly doneCells: number;
  readonly errors: number;
  readonly totalCells: number;
  readonly reached: number;
  readonly withReference: number;
  readonly reachedRate: number | null;
  readonly meanGap: number | null;
}

/** A benchmark cell: one instance × solver key × seed. */
export interface BenchmarkCellKey {
  readonly instance: string;
  readonly solverKey: string;
  readonly seed: number;
}

export interface BenchmarkView {
  readonly id: string;
  readonly name: string | null;
  readonly suite: string;
  readonly solvers: readonly string[];
  readonly seeds: number;
  readonly budget: { timeLimitMs?: number | null; maxEvaluations?: number | null };
  readonly status: string;
  readonly error: string | null;
  readonly progress: { doneCells: number; totalCells: number; fraction: number; bySolver: readonly SolverProgress[]; running: readonly BenchmarkCellKey[] };
  readonly timestamps: { createdAt: string; startedAt: string | null; finishedAt: string | null };
}

export interface Readiness {
  readonly status: string;
  readonly database: string;
  readonly backend: { polystep: string; batchDefault: string; gpu: string };
  readonly workers: { size: number; busy: number };
  readonly queue: { queued: number; running: number };
  /** Present when the service hands runs to remote workers (POLYSTEP_REDIS_URL). */
  readonly cluster?: ClusterReadiness;
}

export interface ClusterReadiness {
  readonly redis: 'ok' | 'unavailable';
  readonly url: string;
  readonly queue: string;
  readonly capacity: number;
  readonly inFlight: number;
  readonly workers: readonly { name: string; host: string; pid: number; concurrency: number; busy: number }[];
  readonly jobs: { waiting: number; prioritized: number; active: number; delayed: number; failed: number };
}

/** A JSON Schema node, as far as the form generator reads it. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly default?: unknown;
  readonly pattern?: string;
}

export interface CatalogFamily {
  readonly name: string;
  readonly title: string;
  readonly formats: readonly string[];
  readonly sense: 'min' | 'max' | 'either';
  /** Presets a preset-reading solver accepts on it. */
  readonly presets: readonly string[];
  /** Run request fields read on this family only (colouring: `colors`), with their JSON Schema. */
  readonly runFields: Readonly<Record<string, JsonSchema>>;
}

export interface CatalogSolver {
  readonly name: string;
  readonly summary: string;
  readonly families: readonly string[];
  readonly usesPreset: boolean;
  readonly usesConfig: boolean;
  readonly usesBackend: boolean;
  /** The families on which it reads a `config` (PolyStep reads none on colouring). */
  readonly configFamilies: readonly string[];
  /** Its keys in a benchmark's `solvers` (`name[:preset]`). */
  readonly benchmarkKeys: readonly string[];
}

export interface Catalog {
  readonly families: readonly CatalogFamily[];
  readonly solvers: readonly CatalogSolver[];
  readonly presets: readonly { name: string; summary: string; families: readonly string[] }[];
  readonly configSchema: JsonSchema;
  readonly terminationSchema: JsonSchema;
  readonly runSchema: JsonSchema;
  readonly suites: readonly { name: string; summary: string; instances: number; families: readonly string[] }[];
}
