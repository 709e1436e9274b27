// Runs a benchmark's remaining cells as RunJobs on idle workers of a (possibly shared) pool, storing each once.

import { randomBytes } from 'node:crypto';
import type { BackendRequest } from '../backends/select-backend.js';
import { atLeastAsGood, referenceOf } from '../bench/reference-gap.js';
import type { SolverSpec } from '../bench/solver-spec.js';
import type { BenchInstance } from '../bench/suites.js';
import { costOfObjective, objectiveOf, type Sense } from '../problems/family.js';
import { SOLVER_NAMES } from '../solvers/registry.js';
import type { BenchmarkRecord, BenchmarkStatus, CellBudget, CellKey, CellResult, CurvePoint } from '../store/benchmark-records.js';
import { cellKey, type BenchmarkRepository } from '../store/benchmark-repository.js';
import type { RunJob, WorkerEvent } from './run-job.js';
import type { JobPool, TerminalEvent } from './job-pool.js';

export interface BenchProgress {
  /** Cells stored, including those of earlier runs of this benchmark. */
  readonly done: number;
  readonly total: number;
  readonly errors: number;
  readonly running: readonly CellKey[];
  /** The cell just stored, when that is what changed. */
  readonly stored?: CellResult;
}

export interface BenchmarkRunnerOptions {
  readonly repository: BenchmarkRepository;
  readonly pool: JobPool;
  readonly benchmark: BenchmarkRecord;
  readonly instances: readonly BenchInstance[];
  readonly solvers: readonly SolverSpec[];
  /** Batch evaluation backend of population solvers. */
  readonly backend?: BackendRequest;
  readonly onProgress?: (progress: BenchProgress) => void;
  /** Called before idle workers are taken, so the pool's other users (queued runs) are served first. */
  readonly beforeFill?: () => void;
  /** How often to look for an idle worker while other users hold them all. */
  readonly pollMs?: number;
  /** Solver names the workers can build; others become error cells without using a worker. */
  readonly availableSolvers?: readonly string[];
  /** A service's cap on each cell's search time, also for budgets without a time limit; absent or 0: none. */
  readonly maxCellTimeMs?: number;
}

interface Cell extends CellKey {
  readonly inst: BenchInstance;
  readonly spec: SolverSpec;
}

type StopStatus = Extract<BenchmarkStatus, 'cancelled' | 'interrupted'>;
type EndStatus = StopStatus | 'failed';

const POOL_CLOSED = /worker pool (is )?closed/;

/** A cell whose worker vanished (a remote pool's `lost`) runs again this many times before it is an error cell. */
const LOST_CELL_RETRIES = 1;

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The termination of every cell: the budget, and the proven optimum (nothing can beat it, so
 * waiting longer measures nothing) as the engine's target cost (the optimum is in the problem's sense).
 */
export function cellTermination(budget: CellBudget, inst: { readonly optimum: bigint | null; readonly sense: Sense }): RunJob['termination'] {
  return {
    ...(budget.timeLimitMs === undefined ? {} : { timeLimitMs: budget.timeLimitMs }),
    ...(budget.maxEvaluations === undefined ? {} : { maxEvaluations: budget.maxEvaluations }),
    ...(inst.optimum === null ? {} : { targetCost: costOfObjective(inst.sense, inst.optimum).toString() }),
  };
}

export class BenchmarkRunner {
  private readonly inFlight = new Map<string, { cell: Cell; done: Promise<void> }>();
  /** Cells to run again (their worker was lost), before the remaining ones. */
  private readonly retry: Cell[] = [];
  private readonly lostCount = new Map<string, number>();
  private readonly available: ReadonlySet<string>;
  /** Set once the benchmark ends early (stop, cancel, or a store failure); its status is written at once. */
  private ending: EndStatus | null = null;
  private wake: (() => void) | null = null;
  private running: Promise<BenchmarkStatus> | null = null;
  private done = 0;
  private errors = 0;
  /** The instance whose cells are being dispatched; cells come instance by instance, so one suffices. */
  private content: { id: string; gzip: Promise<Uint8Array> } | null = null;

  constructor(private readonly o: BenchmarkRunnerOptions) {
    this.available = new Set(o.availableSolvers ?? SOLVER_NAMES);
  }

  get benchmarkId(): string {
    return this.o.benchmark.id;
  }

  /** Runs the cells not stored yet; resolves with the benchmark's final status once no cell is in flight. */
  run(): Promise<BenchmarkStatus> {
    this.running ??= this.execute();
    return this.running;
  }

  /** Stops: cells in flight are aborted and not stored; the benchmark is marked `status` at once. */
  stop(status: StopStatus): void {
    this.end(status, null);
  }

  cancel(): void {
    this.stop('cancelled');
  }

  progress(stored?: CellResult): BenchProgress {
    const running = [...this.inFlight.values()].map(({ cell: { instance, solverKey, seed } }) => ({ instance, solverKey, seed }));
    return { done: this.done, total: this.o.benchmark.totalCells, errors: this.errors, running, ...(stored === undefined ? {} : { stored }) };
  }

  private end(status: EndStatus, error: string | null): void {
    if (this.ending !== null) return;
    this.ending = status;
    for (const runId of this.inFlight.keys()) this.o.pool.cancel(runId);
    this.wake?.();
    this.o.repository.setStatus(this.benchmarkId, status, error);
  }

  private async execute(): Promise<BenchmarkStatus> {
    const { repository, benchmark } = this.o;
    if (this.ending !== null) return this.ending;
    repository.setStatus(benchmark.id, 'running');
    const stored = repository.doneKeys(benchmark.id);
    this.done = stored.size;
    this.errors = repository.solverProgress(benchmark.id).reduce((sum, s) => sum + s.errors, 0);
    try {
      await this.dispatchAll(this.remaining(stored));
    } catch (err) {
      // Cells turn their own failures into rows; what gets here is the store or a shared-pool hook failing.
      this.end('failed', errorMessage(err));
      await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    }
    if (this.ending !== null) return this.ending;
    // Another process (the service, for a CLI run) may have cancelled it meanwhile: that status stays.
    if (repository.setStatus(benchmark.id, 'completed', null, 'running')) return 'completed';
    return repository.get(benchmark.id)?.status ?? 'completed';
  }

  /** Cells in their fixed order (instance, solver, seed 1..N), skipping stored ones; generated as needed. */
  private *remaining(stored: ReadonlySet<string>): Generator<Cell> {
    for (const inst of this.o.instances) {
      for (const spec of this.o.solvers) {
        for (let seed = 1; seed <= this.o.benchmark.seeds; seed++) {
          const cell = { inst, spec, instance: inst.id, solverKey: spec.key, seed };
          if (!stored.has(cellKey(cell))) yield cell;
        }
      }
    }
  }

  private async dispatchAll(cells: Generator<Cell>): Promise<void> {
    let next = cells.next();
    while (this.ending === null) {
      this.o.beforeFill?.();
      while (this.ending === null && (this.retry.length > 0 || !next.done) && this.o.pool.idle > 0) {
        const retried = this.retry.length > 0;
        const cell = retried ? (this.retry[0] as Cell) : (next.value as Cell);
        const content = await this.prepare(cell);
        // Awaiting the content let other users of the pool run: check again before taking a worker.
        if (this.ending !== null || (content !== null && this.o.pool.idle === 0)) break;
        if (content !== null) this.dispatch(cell, content);
        if (retried) this.retry.shift();
        else next = cells.next();
      }
      const waiting = this.retry.length > 0 || !next.done;
      if (!waiting && this.inFlight.size === 0) break;
      if (waiting && this.o.pool.closed) this.abandon();
      await this.changed(waiting ? (this.o.pollMs ?? 100) : null);
    }
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
  }

  /** Waits for a cell to finish, a stop, or (when waiting for a worker others hold) `pollMs`. */
  private changed(pollMs: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = pollMs === null ? null : setTimeout(() => done(), pollMs);
      const done = () => {
        if (timer !== null) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
    });
  }

  /** The cell's instance content; null when the cell cannot run, after storing it as an error cell. */
  private async prepare(cell: Cell): Promise<Uint8Array | null> {
    if (!this.available.has(cell.spec.solver)) {
      this.store(errorCell(cell, `solver ${cell.spec.solver} is not available in this build (available: ${[...this.available].join(', ')})`, 0));
      return null;
    }
    if (this.content?.id !== cell.inst.id) this.content = { id: cell.inst.id, gzip: cell.inst.contentGzip() };
    const started = performance.now();
    try {
      return await this.content.gzip;
    } catch (err) {
      this.store(errorCell(cell, `cannot read instance ${cell.instance}: ${errorMessage(err)}`, performance.now() - started));
      return null;
    }
  }

  /** Starts the cell on an idle worker, synchronously (so the idle count just checked still holds). */
  private dispatch(cell: Cell, content: Uint8Array): void {
    const runId = `cell_${randomBytes(8).toString('hex')}`;
    const curve: CurvePoint[] = [];
    const job: RunJob = {
      runId,
      // The pool transfers (detaches) the bytes, and the next cell reuses `content`: a real copy each
      // time (new Uint8Array copies; Buffer#slice, what readFile returns, would only be a view).
      contentGzip: new Uint8Array(content),
      family: cell.inst.problem,
      format: cell.inst.format,
      options: cell.inst.select === null ? {} : { select: cell.inst.select },
      solver: cell.spec.solver as RunJob['solver'],
      backend: this.o.backend ?? 'auto',
      preset: cell.spec.preset,
      config: {},
      termination: cellTermination(this.o.benchmark.budget, cell.inst),
      seed: cell.seed,
      ...(this.o.maxCellTimeMs ? { maxRunMs: this.o.maxCellTimeMs } : {}),
      // Progress events are not used: the curve is made of improvements, which are always sent.
      progressEveryMs: 60_000,
    };
    const started = performance.now();
    const done = this.o.pool
      .run(job, (event) => record(curve, event, cell.inst.sense), { lane: 'batch' })
      .then(
        (final) => this.settle(cell, final, curve, performance.now() - started),
        (err: unknown) => this.settle(cell, { type: 'failed', runId, error: errorMessage(err) }, curve, performance.now() - started),
      )
      .catch((err: unknown) => this.end('failed', `storing a cell failed: ${errorMessage(err)}`))
      .finally(() => {
        this.inFlight.delete(runId);
        this.wake?.();
      });
    this.inFlight.set(runId, { cell, done });
    this.o.onProgress?.(this.progress());
  }

  /** Stores a cell's outcome, unless the benchmark stopped meanwhile (an abandoned cell is not stored). */
  private settle(cell: Cell, final: TerminalEvent, curve: CurvePoint[], wallMs: number): void {
    if (this.ending !== null) return;
    if (final.type === 'lost') {
      const key = cellKey(cell);
      const lost = (this.lostCount.get(key) ?? 0) + 1;
      this.lostCount.set(key, lost);
      if (lost <= LOST_CELL_RETRIES) this.retry.push(cell);
      else this.store(errorCell(cell, `${final.error} (${lost} times)`, wallMs));
      return;
    }
    if (final.type === 'failed') {
      if (POOL_CLOSED.test(final.error)) this.abandon();
      else this.store(errorCell(cell, final.error, wallMs));
      return;
    }
    this.store(finishedCell(cell, final, curve, wallMs));
  }

  private store(result: CellResult): void {
    if (this.ending !== null) return;
    if (!this.o.repository.insertCell(this.benchmarkId, result)) return;
    this.done++;
    if (result.error !== null) this.errors++;
    this.o.onProgress?.(this.progress(result));
  }

  /** The pool closed under the benchmark (a shutdown that did not stop it first): interrupted, not failed cells. */
  private abandon(): void {
    this.stop('interrupted');
  }
}

/** Feasible improvements only, each strictly better than the last point; stored as objectives in the problem's sense. */
function record(curve: CurvePoint[], message: WorkerEvent, sense: Sense): void {
  if (message.type !== 'trace') return;
  const event = message.event;
  if (event.type !== 'improvement' || !event.feasible) return;
  const last = curve[curve.length - 1];
  if (last !== undefined && event.bestCost >= costOfObjective(sense, BigInt(last[1]))) return;
  curve.push([event.elapsedMs, objectiveOf(sense, event.bestCost).toString()]);
}

function known(cell: Cell) {
  const { inst } = cell;
  return { instance: cell.instance, family: inst.family, sense: inst.sense, solverKey: cell.solverKey, seed: cell.seed, bestKnown: inst.bestKnown, optimum: inst.optimum };
}

function errorCell(cell: Cell, error: string, wallMs: number): CellResult {
  return { ...known(cell), objective: null, feasible: null, metrics: null, reachedBest: null, timeToBestMs: null, evaluations: 0, steps: 0, wallMs, error, curve: [] };
}

function finishedCell(cell: Cell, final: Extract<TerminalEvent, { type: 'finished' }>, curve: CurvePoint[], wallMs: number): CellResult {
  const { best } = final;
  const { sense } = cell.inst;
  const objective = best.feasible ? objectiveOf(sense, BigInt(best.cost)) : null;
  // The same reference and comparison the report uses.
  const reference = referenceOf(cell.inst);
  const last = curve[curve.length - 1];
  return {
    ...known(cell),
    objective,
    feasible: best.feasible,
    metrics: best.metrics,
    reachedBest: reference === null ? null : objective !== null && atLeastAsGood(sense, objective, reference),
    // The last feasible improvement is when the best was found.
    timeToBestMs: objective === null || last === undefined ? null : last[0],
    evaluations: final.evaluations,
    steps: final.steps,
    wallMs,
    error: null,
    curve,
  };
}
