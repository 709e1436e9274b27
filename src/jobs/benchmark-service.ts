// Benchmarks in the service: created over REST, run on the worker pool runs share, resumed after a crash, stopped at shutdown.

import type { BackendRequest } from '../backends/select-backend.js';
import { loadBenchmark, openBenchmark, type BenchmarkCaps, type BenchmarkRequest, type OpenedBenchmark } from '../bench/bench-definition.js';
import { solverStandings, type SolverStanding } from '../bench/solver-standing.js';
import type { SuiteOptions } from '../bench/suites.js';
import type { BenchmarkRecord, BenchmarkStatus, CellKey } from '../store/benchmark-records.js';
import { TERMINAL_BENCHMARK_STATUSES, type BenchmarkRepository, type SolverProgress } from '../store/benchmark-repository.js';
import { BenchmarkRunner } from './benchmark-runner.js';
import { ServiceStoppingError } from './run-service.js';
import type { JobPool } from './job-pool.js';

export interface BenchmarkServiceOptions {
  /** Batch evaluation backend of population solvers. */
  readonly backend: BackendRequest;
  /** Called before a benchmark takes idle workers: lets queued runs go first, so a long benchmark cannot starve them. */
  readonly beforeFill?: () => void;
  /** Reports benchmarks that could not be resumed or whose runner failed. */
  readonly log?: (entry: Record<string, unknown>) => void;
  /** Cells per benchmark and time per cell a request may ask for; the time cap also stops cells without a time limit. */
  readonly caps?: BenchmarkCaps;
}

/** A benchmark and how far it got: stored cells and standings per solver and, while it runs here, the cells in flight. */
export interface BenchmarkProgress {
  readonly record: BenchmarkRecord;
  readonly bySolver: readonly SolverProgress[];
  /** Per declared solver, in the declared order. */
  readonly standings: readonly SolverStanding[];
  readonly running: readonly CellKey[];
}

interface Active {
  readonly runner: BenchmarkRunner;
  readonly done: Promise<void>;
}

/** Over REST, suites are tags and paths below instances/ only: a client must not make the server read arbitrary files. */
const REST_SUITES: SuiteOptions = { allowOutsideInstances: false };

export class BenchmarkService {
  private readonly active = new Map<string, Active>();
  private accepting = true;

  constructor(
    private readonly repo: BenchmarkRepository,
    private readonly pool: JobPool,
    private readonly options: BenchmarkServiceOptions,
  ) {}

  /**
   * Creates a benchmark and starts it; the same name with the same definition resumes the stored
   * one instead (a completed one stays as it is). Suite and solver errors throw before anything is stored.
   */
  async create(request: BenchmarkRequest): Promise<{ record: BenchmarkRecord; resumed: boolean }> {
    if (!this.accepting) throw new ServiceStoppingError();
    const opened = await openBenchmark(this.repo, request, REST_SUITES, this.options.caps);
    // Resolving the suite is asynchronous: the service may have begun stopping meanwhile.
    if (!this.accepting) throw new ServiceStoppingError();
    if (opened.record.status !== 'completed') this.start(opened);
    return { record: this.repo.get(opened.record.id) ?? opened.record, resumed: opened.resumed };
  }

  progress(id: string): BenchmarkProgress | null {
    const record = this.repo.get(id);
    if (record === null) return null;
    return {
      record,
      bySolver: this.repo.solverProgress(id),
      standings: solverStandings(this.repo.outcomes(id), record.solvers),
      running: this.active.get(id)?.runner.progress().running ?? [],
    };
  }

  /** Cancels a queued or running benchmark (cells in flight are dropped); null when it had already ended. */
  cancel(id: string): BenchmarkRecord | null {
    const active = this.active.get(id);
    if (active !== undefined) active.runner.cancel();
    else {
      const record = this.repo.get(id);
      if (record === null || TERMINAL_BENCHMARK_STATUSES.includes(record.status)) return null;
      // Running according to the store but not here: another process, or one that crashed.
      this.repo.setStatus(id, 'cancelled');
    }
    return this.repo.get(id);
  }

  /**
   * Resumes what a previous process left: benchmarks still `running` (it crashed; they pass
   * through `interrupted`, which is what they stay if they cannot be resumed) and `queued` ones.
   * Their stored cells are kept and skipped. Benchmarks a graceful shutdown interrupted are
   * not resumed: POST the same name and definition again for that.
   */
  async recover(): Promise<{ resumed: string[]; failed: string[] }> {
    const ids = [...this.repo.interruptRunning(), ...this.repo.withStatus('queued').map((r) => r.id)];
    const resumed: string[] = [];
    const failed: string[] = [];
    for (const id of ids) {
      const record = this.repo.get(id);
      if (record === null || this.active.has(id) || !this.accepting) continue;
      try {
        this.start(await loadBenchmark(record, REST_SUITES));
        resumed.push(id);
      } catch (err) {
        const status: BenchmarkStatus = record.status === 'queued' ? 'failed' : 'interrupted';
        this.repo.setStatus(id, status, `cannot resume: ${(err as Error).message}`);
        failed.push(id);
      }
    }
    return { resumed, failed };
  }

  /** Stops every benchmark running here (status `interrupted`, cells in flight dropped) and waits for them. */
  async shutdown(): Promise<void> {
    this.accepting = false;
    for (const { runner } of this.active.values()) runner.stop('interrupted');
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Resolves when the benchmark running here (if any) has stopped. */
  async settled(id: string): Promise<void> {
    await this.active.get(id)?.done;
  }

  private start(opened: OpenedBenchmark): void {
    const id = opened.record.id;
    if (this.active.has(id)) return;
    const runner = new BenchmarkRunner({
      repository: this.repo,
      pool: this.pool,
      benchmark: opened.record,
      instances: opened.instances,
      solvers: opened.solvers,
      backend: this.options.backend,
      beforeFill: this.options.beforeFill,
      maxCellTimeMs: this.options.caps?.maxCellTimeMs,
    });
    const done = runner
      .run()
      .then(() => undefined)
      .catch((err: unknown) => this.options.log?.({ at: new Date().toISOString(), level: 'error', benchmark: id, error: (err as Error).message }))
      .finally(() => this.active.delete(id));
    this.active.set(id, { runner, done });
  }
}
