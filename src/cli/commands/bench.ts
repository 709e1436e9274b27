// `polystep bench`: a suite × solvers × seeds benchmark stored in SQLite, resumable, summarised per solver.

import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { BACKEND_REQUESTS, type BackendRequest } from '../../backends/select-backend.js';
import { solverTotals } from '../../bench/aggregate.js';
import { metricMeanText, metricNames, metricOf, senseText } from '../../bench/report-metrics.js';
import { AppError } from '../../common/app-error.js';
import { BenchmarkConflictError, BenchmarkDefinitionError, defaultBenchmarkName, openBenchmark } from '../../bench/bench-definition.js';
import { BenchmarkRunner } from '../../jobs/benchmark-runner.js';
import { renderReport, type ReportFormat } from '../../bench/report.js';
import { parseSolverList, SolverSpecError } from '../../bench/solver-spec.js';
import { SuiteError } from '../../bench/suites.js';
import { defaultPoolSize } from '../../jobs/default-pool-size.js';
import { WorkerPool } from '../../jobs/worker-pool.js';
import type { BenchmarkStatus, CellBudget, CellRecord } from '../../store/benchmark-records.js';
import { BenchmarkRepository } from '../../store/benchmark-repository.js';
import { closeDatabase, openDatabase, type Database } from '../../store/db.js';
import { applyMigrations } from '../../store/migrate.js';
import { intFlag, parseCommandArgs } from '../args.js';
import { BenchProgressPrinter } from '../bench-progress.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { durationFlag } from '../duration.js';
import { envConfig } from '../env-config.js';
import { onStop } from '../stop.js';
import { BENCH_USAGE } from '../usage.js';
import { tableLines } from '../../bench/text-table.js';

const BENCH_OPTIONS = {
  suite: { type: 'string' },
  solvers: { type: 'string' },
  seeds: { type: 'string' },
  'time-limit': { type: 'string' },
  /** Short for --time-limit. */
  time: { type: 'string' },
  'max-evaluations': { type: 'string' },
  name: { type: 'string' },
  db: { type: 'string' },
  workers: { type: 'string' },
  backend: { type: 'string' },
  report: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

const EXIT_INTERRUPTED = 130;
const DEFAULT_TIME_LIMIT_MS = 10_000;
const REPORT_EXTENSIONS: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.csv': 'csv', '.json': 'json', '.md': 'markdown' };

type Values = ReturnType<typeof parseCommandArgs<typeof BENCH_OPTIONS>>['values'];

function budgetOf(values: Values): CellBudget {
  const maxEvaluations = values['max-evaluations'] === undefined ? undefined : intFlag(values['max-evaluations'], 'max-evaluations', 0, 1);
  if (values.time !== undefined && values['time-limit'] !== undefined) throw new CliError('give --time-limit or --time (its short form), not both', EXIT_USAGE);
  const [flag, given] = values.time !== undefined ? ['time', values.time] : ['time-limit', values['time-limit']];
  const timeLimit = given === undefined ? undefined : durationFlag(given, flag);
  return { timeLimitMs: timeLimit ?? (maxEvaluations === undefined ? DEFAULT_TIME_LIMIT_MS : undefined), maxEvaluations };
}

function reportFormat(path: string | undefined): ReportFormat | undefined {
  if (path === undefined) return undefined;
  const format = REPORT_EXTENSIONS[extname(path).toLowerCase()];
  if (format === undefined) throw new CliError(`--report takes a .html, .csv, .json or .md file, got "${path}"`, EXIT_USAGE);
  return format;
}

function openStore(path: string): Database {
  let db: Database | null = null;
  try {
    db = openDatabase(path);
    applyMigrations(db);
    return db;
  } catch (err) {
    if (db !== null) closeDatabase(db);
    throw new CliError(`cannot open the database ${path}: ${(err as Error).message}`);
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** One row per solver: sense, cells, errors, metric means, mean gap, how often the optimum / best known was reached. */
export function summaryTable(cells: readonly CellRecord[], solvers: readonly string[]): string {
  const totals = solverTotals(cells, solvers);
  const metrics = metricNames(totals);
  const header = ['solver', 'sense', 'cells', 'errors', ...metrics.map((m) => `mean ${m}`), 'mean gap', 'reached best', 'median ttb'];
  const rows = totals.map((t) => [
    t.solverKey,
    senseText(t) ?? '-',
    String(t.cells),
    String(t.errors),
    ...metrics.map((m) => metricMeanText(m, metricOf(t, m)) ?? '-'),
    t.gap.mean === null ? '-' : Number(t.gap.mean.toPrecision(3)).toString(),
    t.reachedRate === null ? '-' : `${t.reached}/${t.withReference} (${pct(t.reachedRate)})`,
    t.medianTimeToTargetMs === null ? '-' : `${t.medianTimeToTargetMs.toFixed(0)} ms`,
  ]);
  return tableLines(header, rows, [0, 1]).map((l) => `${l}\n`).join('');
}

/** What openBenchmark refuses for a reason the user can fix, as a CLI error; solver mismatches are usage errors. */
function cliRefusal(err: unknown): unknown {
  if (err instanceof SuiteError || err instanceof BenchmarkConflictError || err instanceof BenchmarkDefinitionError) return new CliError(err.message);
  if (err instanceof AppError && SOLVER_REFUSALS.has(err.code)) return new CliError(`--solvers: ${err.message}`, EXIT_USAGE);
  if (err instanceof AppError && err.code === 'UNKNOWN_FAMILY') return new CliError(err.message);
  return err;
}

const SOLVER_REFUSALS: ReadonlySet<string> = new Set(['UNSUPPORTED_FAMILY', 'INVALID_PRESET']);

function exitCode(status: BenchmarkStatus): number {
  if (status === 'completed') return 0;
  return status === 'interrupted' || status === 'cancelled' ? EXIT_INTERRUPTED : 1;
}

export async function benchCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, BENCH_OPTIONS, BENCH_USAGE);
  if (positionals.length > 0 || values.suite === undefined) throw new CliError(BENCH_USAGE, EXIT_USAGE);
  const suite = values.suite;
  let solvers;
  try {
    solvers = parseSolverList(values.solvers ?? 'polystep:default');
  } catch (err) {
    if (err instanceof SolverSpecError) throw new CliError(`--solvers: ${err.message}`, EXIT_USAGE);
    throw err;
  }
  const seeds = intFlag(values.seeds, 'seeds', 5, 1, 1000);
  const budget = budgetOf(values);
  const workers = intFlag(values.workers, 'workers', defaultPoolSize(), 1, 256);
  const env = envConfig();
  const backend = values.backend ?? env.backend;
  if (!(BACKEND_REQUESTS as readonly string[]).includes(backend)) throw new CliError(`--backend takes ${BACKEND_REQUESTS.join(', ')}; got "${backend}"`, EXIT_USAGE);
  const format = reportFormat(values.report);
  const name = values.name ?? defaultBenchmarkName(suite, solvers, seeds, budget);

  const db = openStore(values.db ?? env.databasePath);
  try {
    const repo = new BenchmarkRepository(db);
    const opened = await openBenchmark(repo, { name, suite, solvers: solvers.map((s) => s.key), seeds, budget }).catch((err: unknown) => {
      throw cliRefusal(err);
    });
    const { record, instances } = opened;
    const left = record.totalCells - record.doneCells;
    io.stdout(
      `c benchmark "${record.name}" (${record.id}): ${instances.length} instances × ${solvers.length} solvers × ${seeds} seeds = ${record.totalCells} cells` +
        `${opened.resumed ? `, resuming with ${left} left` : ''}\n`,
    );
    const pool = new WorkerPool({ size: workers });
    const progress = new BenchProgressPrinter(io);
    const runner = new BenchmarkRunner({
      repository: repo,
      pool,
      benchmark: record,
      instances,
      solvers,
      backend: backend as BackendRequest,
      onProgress: values.quiet ? undefined : (p) => progress.update(p),
    });
    // A stop that came while the modules or the database were opening still ends it (interrupted, no cell run).
    const unhook = onStop(io.stop, () => runner.stop('interrupted'));
    let status: BenchmarkStatus;
    try {
      status = await runner.run();
    } finally {
      unhook();
      await pool.close();
      if (!values.quiet) progress.finish();
    }
    const final = repo.get(record.id) ?? record;
    const cells = repo.cells(record.id);
    io.stdout(`c ${final.status}: ${final.doneCells}/${final.totalCells} cells stored${final.error === null ? '' : ` (${final.error})`}\n`);
    io.stdout(summaryTable(cells, final.solvers));
    if (values.report !== undefined && format !== undefined) {
      writeFileSync(values.report, renderReport(final, cells, format));
      io.stdout(`c report written to ${values.report}\n`);
    }
    return exitCode(status);
  } finally {
    closeDatabase(db);
  }
}
