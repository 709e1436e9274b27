// `npm run bench:eval`: batch clause-evaluation throughput of each backend, set against measured memory bandwidth
// (`-- --quadratic`: candidates per second on quadratic models, see quadratic-eval-bench.ts). Every figure is the
// median over `--repeat` repetitions after a warm-up, with its spread (IQR, min–max; see repetitions.ts); after the
// table, each multi-thread CPU figure beside the 1-thread one at the same n and P, as a per-thread efficiency.

import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CpuBackend, DEFAULT_PARALLEL_THRESHOLD } from '../backends/cpu/cpu-backend.js';
import type { EvalBackend } from '../backends/eval-backend.js';
import { Rng } from '../common/rng.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { timeRepetitions } from './batch-timing.js';
import { runQuadraticBench } from './quadratic-eval-bench.js';
import { formatSummary, numberList, repetitionCount, roundSummary, summarize, type Summary } from './repetitions.js';
import { printTable } from './text-table.js';

const { values } = parseArgs({
  options: {
    vars: { type: 'string', default: '10000,100000,1000000' },
    /** Default 16,64 (clauses) or 64,256,1024 (--quadratic). */
    batch: { type: 'string' },
    /** Timed repetitions after a warm-up (default 5); the median and spread are printed. */
    repeat: { type: 'string' },
    seed: { type: 'string', default: '42' },
    /** Seconds one measurement may take; slow backends get fewer repetitions (never fewer than one). */
    budget: { type: 'string', default: '10' },
    /** Labels to run, e.g. cpu-1,cpu-2,tfjs; default all that load. */
    backends: { type: 'string' },
    /** Quadratic models instead of random 3-SAT: G1, a bqp250-like QUBO, a sparse 10k-variable model. */
    quadratic: { type: 'boolean', default: false },
    /** With --quadratic: model names to run, e.g. g1,bqp250 (default all). */
    models: { type: 'string' },
  },
});
const varCounts = numberList(values.vars, 'vars');
const batchSizes = numberList(values.batch ?? (values.quadratic ? '64,256,1024' : '16,64'), 'batch');
const repeat = repetitionCount(values.repeat);
const seed = Number(values.seed);
const budgetMs = Number(values.budget) * 1000;

/** Copy bandwidth in GB/s, counting bytes read plus bytes written, of a 256 MB Float64Array.set: one per repetition, after a warm-up copy. */
function copyBandwidth(): Summary {
  const n = 32 * 1024 * 1024;
  const src = new Float64Array(n).fill(1);
  const dst = new Float64Array(n);
  dst.set(src);
  const rates: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    dst.set(src);
    rates.push((2 * n * 8) / ((performance.now() - t0) / 1000) / 1e9);
  }
  return summarize(rates);
}

/** P random candidates (bytes 0/1), from a fast seeded generator. */
function randomBatch(count: number, numVars: number): Uint8Array {
  const rng = new Rng(seed);
  const words = new Uint32Array(Math.ceil((count * numVars) / 4));
  for (let i = 0; i < words.length; i++) words[i] = rng.nextU32() & 0x01010101;
  return new Uint8Array(words.buffer, 0, count * numVars);
}

interface Contender {
  readonly label: string;
  readonly make: () => Promise<EvalBackend>;
  /** Only run when named in --backends (variants for tuning). */
  readonly onRequest?: boolean;
}

/** Billions, two decimals: the tables' G evals/s. */
const G = (x: number): string => (x / 1e9).toFixed(2);

/** Kernel threads behind a contender label (cpu-N), 0 for other backends. */
const threadsOf = (label: string): number => (/^cpu-(\d+)$/.exec(label) === null ? 0 : Number(label.slice(4)));

async function contenders(): Promise<Contender[]> {
  const threads = availableParallelism();
  const out: Contender[] = [{ label: 'cpu-1', make: async () => new CpuBackend({ threads: 1 }) }];
  if (threads > 1) out.push({ label: `cpu-${threads}`, make: async () => new CpuBackend({ threads }) });
  // tfjs is optional: a path in a variable keeps this module compiling when it is absent.
  const tfjsModule = '../backends/tfjs/tfjs-backend.js';
  try {
    const { TfjsBackend } = (await import(tfjsModule)) as { TfjsBackend: { create(o: object): Promise<EvalBackend> } };
    const probe = await TfjsBackend.create({ require: 'any' });
    await probe.dispose();
    out.push({ label: 'tfjs', make: () => TfjsBackend.create({ require: 'any' }) });
    // Quadratic models: the dense (all-pairs matmul) and gather programs, forced.
    out.push({ label: 'tfjs-dense', make: () => TfjsBackend.create({ require: 'any', quadraticLayout: 'dense' }), onRequest: true });
    out.push({ label: 'tfjs-sparse', make: () => TfjsBackend.create({ require: 'any', quadraticLayout: 'sparse' }), onRequest: true });
  } catch (err) {
    console.log(`tfjs: skipped (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  return out;
}

/**
 * One JSON line of the clause bench. evalsPerSecond, touchedGBps and ratioToBandwidth are medians over the
 * repetitions (they were the best run before repetitions were summarised); bestMs is still the fastest call.
 */
interface Row {
  readonly backend: string;
  readonly description: string;
  readonly threads: number;
  readonly vars: number;
  readonly clauses: number;
  readonly batch: number;
  readonly repetitions: number;
  readonly callsPerRepetition: number;
  readonly warmupMs: number;
  readonly prepareMs: number;
  readonly bestMs: number;
  readonly medianMs: number;
  readonly evalsPerSecond: number;
  readonly evalsPerSecondStats: Summary;
  readonly touchedGBps: number;
  readonly ratioToBandwidth: number;
  /** 1-minute load average when the measurement ended: other jobs on the machine. */
  readonly loadAverage: number;
}

const wanted = values.backends === undefined ? null : new Set(values.backends.split(','));
const all = (await contenders()).filter((c) => (wanted === null ? c.onRequest !== true : wanted.has(c.label)));
if (values.quadratic) {
  const models = values.models === undefined ? null : values.models.split(',');
  await runQuadraticBench({ contenders: all, batchSizes, repeat, budgetMs, seed, models });
} else {
  await runClauseBench();
}

async function runClauseBench(): Promise<void> {
  const bandwidthStats = copyBandwidth();
  const bandwidth = bandwidthStats.median;
  /** Per backend, the median time of the smallest batch at the last size: projects the next size's cost. */
  const smallest = new Map<string, { ms: number; clauses: number }>();
  const rows: Row[] = [];
  const instances = new Map<number, MaxSatInstance>();
  console.log(`memory bandwidth: ${formatSummary(bandwidthStats, (x) => x.toFixed(1))} GB/s (256 MB Float64Array.set, bytes read + written; median [IQR, min–max] of ${repeat})`);
  console.log(`repetitions: ${repeat} after a warm-up; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);

  for (const n of varCounts) {
    let inst = instances.get(n);
    if (inst === undefined) instances.set(n, (inst = generateRandomKSat({ numVars: n, seed })));
    const k = inst.literals.length / inst.numClauses;
    /** A clause evaluation, done naively, reads the clause's k int32 literals, k candidate bytes and a float64 weight. */
    const bytesPerEval = 4 * k + k + 8;
    let reference: { costs: Float64Array; from: string } | null = null;
    for (const c of all) {
      const last = smallest.get(c.label);
      const projectedMs = last === undefined ? 0 : (last.ms * inst.numClauses) / last.clauses;
      if (projectedMs > budgetMs) {
        console.log(`${c.label}: skipped n = ${n}: one batch of P = ${batchSizes[0]} would take ~${(projectedMs / 1000).toFixed(0)} s (budget ${budgetMs / 1000} s)`);
        continue;
      }
      const backend = await c.make();
      const t0 = performance.now();
      const objective = await backend.prepare({ kind: 'clauses', inst });
      const prepareMs = performance.now() - t0;
      for (const P of batchSizes) {
        const batch = randomBatch(P, n);
        const out = new Float64Array(P);
        const timed = await timeRepetitions(() => objective.evaluate(batch, P, out), { repeat, budgetMs });
        if (timed.cut) console.log(`${c.label}: n = ${n}, P = ${P}: ${timed.msPerCall.length} of ${repeat} repetitions fit the budget (${budgetMs / 1000} s)`);
        if (P === batchSizes[0]) {
          if (reference === null) reference = { costs: out.slice(), from: c.label };
          else if (out.some((x, j) => Math.abs(x - reference!.costs[j]) > 1e-9 * Math.max(1, Math.abs(reference!.costs[j])))) {
            console.log(`WARNING: ${c.label} disagrees with ${reference.from} at n = ${n}`);
          }
        }
        const ms = summarize(timed.msPerCall);
        const rates = summarize(timed.msPerCall.map((t) => (P * inst.numClauses) / (t / 1000)));
        const evalsPerSecond = rates.median;
        const row: Row = {
          backend: c.label, description: backend.description, threads: threadsOf(c.label), vars: n, clauses: inst.numClauses, batch: P,
          repetitions: timed.msPerCall.length, callsPerRepetition: timed.callsPerRepetition, warmupMs: Number(timed.warmupMs.toFixed(2)),
          prepareMs: Math.round(prepareMs), bestMs: Number(ms.min.toFixed(3)), medianMs: Number(ms.median.toFixed(3)),
          evalsPerSecond: Math.round(evalsPerSecond), evalsPerSecondStats: roundSummary(rates, 0),
          touchedGBps: Number(((evalsPerSecond * bytesPerEval) / 1e9).toFixed(2)),
          ratioToBandwidth: Number(((evalsPerSecond * bytesPerEval) / 1e9 / bandwidth).toFixed(3)),
          loadAverage: Number(loadavg()[0].toFixed(2)),
        };
        rows.push(row);
        if (P === batchSizes[0]) smallest.set(c.label, { ms: ms.median, clauses: inst.numClauses });
        console.log(JSON.stringify({ bench: 'eval', ...row, bytesPerEval, bandwidthGBps: Number(bandwidth.toFixed(2)), bandwidthGBpsStats: roundSummary(bandwidthStats, 2) }));
      }
      objective.dispose();
      await backend.dispose();
    }
  }

  console.log(`
Clause evaluations per second: one clause checked for one candidate; a batch of P candidates is P × m of them.
"GB/s touched" = evals/s × (5k + 8) bytes, i.e. what a naive evaluator reads per clause evaluation: k int32 literals
(4k B), the candidate's k variable bytes (k B) and one float64 weight (8 B); 23 B for these 3-SAT instances.
A row's figures are medians of its repetitions ("reps" = repetitions × calls timed together; the warm-up is not counted).
"× bandwidth" divides that by the measured copy bandwidth (median ${bandwidth.toFixed(1)} GB/s): above 1 means the backend reuses
data (bit-packing 32 candidates per word, one pass over the clauses for the whole batch) instead of streaming it.
`);
  printTable(
    ['backend', 'description', 'n', 'm', 'P', 'reps', 'prepare ms', 'median ms', 'G evals/s median [IQR, min–max]', 'GB/s touched', '× bandwidth'],
    rows.map((r) => [
      r.backend, r.description, String(r.vars), String(r.clauses), String(r.batch), `${r.repetitions}×${r.callsPerRepetition}`, String(r.prepareMs),
      r.medianMs.toFixed(1), formatSummary(r.evalsPerSecondStats, G), r.touchedGBps.toFixed(1), r.ratioToBandwidth.toFixed(2),
    ]),
    [0, 1],
  );
  printScaling(rows);
}

/**
 * Each multi-thread CPU row beside the 1-thread row of the same n and P: speedup = ratio of the medians,
 * per-thread efficiency = speedup / threads (1 = perfect scaling); the speedup range pairs the extremes
 * (slowest T-thread run over fastest 1-thread run, and the reverse).
 */
function printScaling(rows: readonly Row[]): void {
  const table: string[][] = [];
  for (const r of rows) {
    if (r.threads < 2) continue;
    const one = rows.find((o) => o.threads === 1 && o.vars === r.vars && o.batch === r.batch);
    if (one === undefined) continue;
    const inline = r.batch * r.clauses < DEFAULT_PARALLEL_THRESHOLD;
    const speedup = r.evalsPerSecond / one.evalsPerSecond;
    const low = r.evalsPerSecondStats.min / one.evalsPerSecondStats.max;
    const high = r.evalsPerSecondStats.max / one.evalsPerSecondStats.min;
    console.log(JSON.stringify({
      bench: 'eval-scaling', vars: r.vars, clauses: r.clauses, batch: r.batch, threads: r.threads, inline,
      evalsPerSecond1: one.evalsPerSecond, evalsPerSecondN: r.evalsPerSecond,
      speedup: Number(speedup.toFixed(3)), speedupRange: [Number(low.toFixed(3)), Number(high.toFixed(3))],
      perThreadEfficiency: Number((speedup / r.threads).toFixed(3)),
    }));
    table.push([
      String(r.vars), String(r.batch), G(one.evalsPerSecond), `${r.threads}`, G(r.evalsPerSecond), `${speedup.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`,
      (speedup / r.threads).toFixed(2), inline ? 'inline: P·m below the pool threshold, one thread computes' : '',
    ]);
  }
  if (table.length === 0) return;
  console.log(`
Thread scaling: speedup = median T-thread / median 1-thread G evals/s (range: extreme runs paired); per-thread efficiency = speedup / T.`);
  printTable(['n', 'P', '1 thread G/s', 'T', 'T threads G/s', 'speedup', 'efficiency', 'note'], table, [7]);
}
