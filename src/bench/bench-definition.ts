// What a benchmark is (suite × solvers × seeds × budget): checked, then created, or matched to a stored one to resume.

import { AppError, echo } from '../common/app-error.js';
import { randomBytes } from 'node:crypto';
import type { BenchmarkRecord, CellBudget } from '../store/benchmark-records.js';
import type { BenchmarkRepository } from '../store/benchmark-repository.js';
import { checkSolversFit } from './solver-fit.js';
import { parseSolverList, type SolverSpec } from './solver-spec.js';
import { resolveSuite, type BenchInstance, type SuiteOptions } from './suites.js';

export interface BenchmarkRequest {
  /** Absent: a fresh unique name (see defaultBenchmarkName for the CLI's deterministic one). */
  readonly name?: string;
  readonly suite: string;
  readonly solvers: string | readonly string[];
  readonly seeds: number;
  readonly budget: CellBudget;
}

/** A benchmark ready to run: its record and what its cells are made of. */
export interface OpenedBenchmark {
  readonly record: BenchmarkRecord;
  readonly instances: readonly BenchInstance[];
  readonly solvers: readonly SolverSpec[];
  /** True when the name matched a stored benchmark with the same definition. */
  readonly resumed: boolean;
}

/** Invalid seeds or budget; the message is meant for the user as is. */
export class BenchmarkDefinitionError extends AppError {
  constructor(message: string) {
    super('invalid', 'INVALID_REQUEST', message);
    this.name = 'BenchmarkDefinitionError';
  }
}

/** The name is taken by a benchmark defined differently. */
export class BenchmarkConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 'BENCHMARK_EXISTS', message);
    this.name = 'BenchmarkConflictError';
  }
}

export const MAX_SEEDS = 1000;

/** What a service lets one benchmark ask for; 0 or absent: no cap. */
export interface BenchmarkCaps {
  /** Cells: instances × solvers × seeds. */
  readonly maxCells?: number;
  /** The time limit of one cell. */
  readonly maxCellTimeMs?: number;
}

/** Over the service's caps; the message names the cap. */
export class BenchmarkCapError extends AppError {
  constructor(code: 'TOO_MANY_CELLS' | 'TIME_LIMIT_TOO_LONG', message: string) {
    super('invalid', code, message);
    this.name = 'BenchmarkCapError';
  }
}

function checkCaps(caps: BenchmarkCaps, budget: CellBudget, totalCells: number): void {
  const { maxCells = 0, maxCellTimeMs = 0 } = caps;
  if (maxCellTimeMs > 0 && budget.timeLimitMs !== undefined && budget.timeLimitMs > maxCellTimeMs) {
    throw new BenchmarkCapError('TIME_LIMIT_TOO_LONG', `the cell time limit ${budget.timeLimitMs} ms exceeds this service's maximum of ${maxCellTimeMs} ms`);
  }
  if (maxCells > 0 && totalCells > maxCells) {
    throw new BenchmarkCapError('TOO_MANY_CELLS', `the benchmark makes ${totalCells} cells (instances × solvers × seeds); this service takes at most ${maxCells}`);
  }
}

export function checkDefinition(seeds: number, budget: CellBudget): void {
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS) throw new BenchmarkDefinitionError(`seeds must be a whole number from 1 to ${MAX_SEEDS}, got ${seeds}`);
  const { timeLimitMs, maxEvaluations } = budget;
  if (timeLimitMs === undefined && maxEvaluations === undefined) throw new BenchmarkDefinitionError('a cell needs a budget: a time limit, a number of evaluations, or both');
  if (timeLimitMs !== undefined && !(Number.isInteger(timeLimitMs) && timeLimitMs >= 1)) throw new BenchmarkDefinitionError(`the time limit must be a whole number of ms ≥ 1, got ${timeLimitMs}`);
  if (maxEvaluations !== undefined && !(Number.isSafeInteger(maxEvaluations) && maxEvaluations >= 1)) throw new BenchmarkDefinitionError(`max evaluations must be a whole number ≥ 1, got ${maxEvaluations}`);
}

/** Only the budget fields that are set, in a fixed order, so stored budgets compare as JSON. */
export function normalBudget(budget: CellBudget): CellBudget {
  return {
    ...(budget.timeLimitMs === undefined ? {} : { timeLimitMs: budget.timeLimitMs }),
    ...(budget.maxEvaluations === undefined ? {} : { maxEvaluations: budget.maxEvaluations }),
  };
}

function budgetText(budget: CellBudget): string {
  const parts = [budget.timeLimitMs === undefined ? null : `${budget.timeLimitMs}ms`, budget.maxEvaluations === undefined ? null : `${budget.maxEvaluations} evals`];
  return parts.filter((p) => p !== null).join(' ');
}

/** The CLI's name when none is given: the definition itself, so running the same command again resumes. */
export function defaultBenchmarkName(suite: string, solvers: readonly SolverSpec[], seeds: number, budget: CellBudget): string {
  return `${suite.trim()} ${solvers.map((s) => s.key).join(',')} x${seeds} ${budgetText(normalBudget(budget))}`;
}

/** Differences between a stored benchmark and a request for the same name; empty when they match. */
function differences(stored: BenchmarkRecord, suite: string, keys: readonly string[], seeds: number, budget: CellBudget, totalCells: number): string[] {
  const diffs: string[] = [];
  if (stored.suite !== suite) diffs.push(`suite ${echo(stored.suite)} ≠ ${echo(suite)}`);
  // Cells are keyed by solver, so the order solvers are listed in does not matter.
  const sorted = (list: readonly string[]) => [...list].sort().join(',');
  if (sorted(stored.solvers) !== sorted(keys)) diffs.push(`solvers ${stored.solvers.join(',')} ≠ ${keys.join(',')}`);
  if (stored.seeds !== seeds) diffs.push(`seeds ${stored.seeds} ≠ ${seeds}`);
  if (JSON.stringify(normalBudget(stored.budget)) !== JSON.stringify(budget)) diffs.push(`budget ${budgetText(stored.budget)} ≠ ${budgetText(budget)}`);
  else if (stored.totalCells !== totalCells) diffs.push(`the suite now makes ${totalCells} cells, not ${stored.totalCells}`);
  return diffs;
}

/**
 * Creates the benchmark, or returns the stored one of that name when its definition is the same
 * (a resume). Resolves the suite and parses the solvers first, so every error comes before
 * anything is stored. A benchmark already running elsewhere is returned as is: cells are stored
 * once, so two runners on one benchmark only waste work.
 */
export async function openBenchmark(repo: BenchmarkRepository, request: BenchmarkRequest, suiteOptions: SuiteOptions = {}, caps: BenchmarkCaps = {}): Promise<OpenedBenchmark> {
  const solvers = parseSolverList(request.solvers);
  const budget = normalBudget(request.budget);
  checkDefinition(request.seeds, budget);
  checkCaps(caps, budget, 0);
  const suite = request.suite.trim();
  const instances = await resolveSuite(suite, suiteOptions);
  checkSolversFit(solvers, instances);
  const totalCells = instances.length * solvers.length * request.seeds;
  checkCaps(caps, budget, totalCells);
  const keys = solvers.map((s) => s.key);
  const name = request.name?.trim() || uniqueName(repo, suite);
  const stored = repo.getByName(name);
  if (stored !== null) {
    const diffs = differences(stored, suite, keys, request.seeds, budget, totalCells);
    if (diffs.length > 0) throw new BenchmarkConflictError(`benchmark ${echo(name)} exists with a different definition: ${diffs.join('; ')}`);
    return { record: stored, instances, solvers, resumed: true };
  }
  const record = repo.create({ name, suite, solvers: keys, seeds: request.seeds, budget, totalCells });
  return { record, instances, solvers, resumed: false };
}

/** Re-reads what a stored benchmark's cells are made of (resuming by id, e.g. after a restart). */
export async function loadBenchmark(record: BenchmarkRecord, suiteOptions: SuiteOptions = {}): Promise<OpenedBenchmark> {
  const solvers = parseSolverList(record.solvers);
  const instances = await resolveSuite(record.suite, suiteOptions);
  checkSolversFit(solvers, instances);
  const totalCells = instances.length * solvers.length * record.seeds;
  if (totalCells !== record.totalCells) throw new BenchmarkConflictError(`suite ${echo(record.suite)} now makes ${totalCells} cells, not the ${record.totalCells} the benchmark was created with`);
  return { record, instances, solvers, resumed: true };
}

function uniqueName(repo: BenchmarkRepository, suite: string): string {
  for (;;) {
    const name = `${suite}-${randomBytes(4).toString('hex')}`;
    if (repo.getByName(name) === null) return name;
  }
}
