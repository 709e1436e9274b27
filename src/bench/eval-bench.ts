// `npm run bench:eval`: batch clause-evaluation throughput of each backend, set against measured memory bandwidth
// (`-- --quadratic`: candidates per second on quadratic models, see quadratic-eval-bench.ts).

import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { CpuBackend } from '../backends/cpu/cpu-backend.js';
import type { EvalBackend } from '../backends/eval-backend.js';
import { Rng } from '../common/rng.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { runQuadraticBench } from './quadratic-eval-bench.js';

const { values } = parseArgs({
  options: {
    vars: { type: 'string', default: '10000,100000,1000000' },
    /** Default 16,64 (clauses) or 64,256,1024 (--quadratic). */
    batch: { type: 'string' },
    /** Timed runs after a warm-up; the best counts. */
    repeat: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    /** Seconds one measurement may take; slow backends get fewer repetitions. */
    budget: { type: 'string', default: '10' },
    /** Labels to run, e.g. cpu-1,cpu-2,tfjs; default all that load. */
    backends: { type: 'string' },
    /** Quadratic models instead of random 3-SAT: G1, a bqp250-like QUBO, a sparse 10k-variable model. */
    quadratic: { type: 'boolean', default: false },
    /** With --quadratic: model names to run, e.g. g1,bqp250 (default all). */
    models: { type: 'string' },
  },
});
const list = (s: string): number[] => s.split(',').map(Number);
const varCounts = list(values.vars);
const batchSizes = list(values.batch ?? (values.quadratic ? '64,256,1024' : '16,64'));
const repeat = Number(values.repeat);
const seed = Number(values.seed);
const budgetMs = Number(values.budget) * 1000;

/** Copy bandwidth in GB/s, counting bytes read plus bytes written, of a 256 MB Float64Array.set. */
function copyBandwidth(): number {
  const n = 32 * 1024 * 1024;
  const src = new Float64Array(n).fill(1);
  const dst = new Float64Array(n);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    dst.set(src);
    best = Math.min(best, performance.now() - t0);
  }
  return (2 * n * 8) / (best / 1000) / 1e9;
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

interface Row {
  readonly backend: string;
  readonly description: string;
  readonly vars: number;
  readonly clauses: number;
  readonly batch: number;
  readonly repetitions: number;
  readonly prepareMs: number;
  readonly bestMs: number;
  readonly evalsPerSecond: number;
  readonly touchedGBps: number;
  readonly ratioToBandwidth: number;
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
  const bandwidth = copyBandwidth();
  /** Per backend, the best time of the smallest batch at the last size: projects the next size's cost. */
  const smallest = new Map<string, { ms: number; clauses: number }>();
  const rows: Row[] = [];
  const instances = new Map<number, MaxSatInstance>();
  console.log(`memory bandwidth: ${bandwidth.toFixed(1)} GB/s (256 MB Float64Array.set, bytes read + written)`);

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
        let t = performance.now();
        await objective.evaluate(batch, P, out); // warm-up: first touch of buffers, JIT
        let best = performance.now() - t;
        let reps = 1;
        // At least `repeat` timed runs, more for fast cases (≥ 0.3 s in total, ≤ 200), within the budget.
        for (let spent = best; (reps <= repeat || (spent < 300 && reps < 200)) && spent + best < budgetMs; reps++) {
          t = performance.now();
          await objective.evaluate(batch, P, out);
          const dt = performance.now() - t;
          best = Math.min(best, dt);
          spent += dt;
        }
        if (P === batchSizes[0]) {
          if (reference === null) reference = { costs: out.slice(), from: c.label };
          else if (out.some((x, j) => Math.abs(x - reference!.costs[j]) > 1e-9 * Math.max(1, Math.abs(reference!.costs[j])))) {
            console.log(`WARNING: ${c.label} disagrees with ${reference.from} at n = ${n}`);
          }
        }
        const evalsPerSecond = (P * inst.numClauses) / (best / 1000);
        const row: Row = {
          backend: c.label, description: backend.description, vars: n, clauses: inst.numClauses, batch: P, repetitions: reps,
          prepareMs: Math.round(prepareMs), bestMs: Number(best.toFixed(2)), evalsPerSecond: Math.round(evalsPerSecond),
          touchedGBps: Number(((evalsPerSecond * bytesPerEval) / 1e9).toFixed(2)),
          ratioToBandwidth: Number(((evalsPerSecond * bytesPerEval) / 1e9 / bandwidth).toFixed(3)),
        };
        rows.push(row);
        if (P === batchSizes[0]) smallest.set(c.label, { ms: best, clauses: inst.numClauses });
        console.log(JSON.stringify({ bench: 'eval', ...row, bytesPerEval, bandwidthGBps: Number(bandwidth.toFixed(2)) }));
      }
      objective.dispose();
      await backend.dispose();
    }
  }

  console.log(`
Clause evaluations per second: one clause checked for one candidate; a batch of P candidates is P × m of them.
"GB/s touched" = evals/s × (5k + 8) bytes, i.e. what a naive evaluator reads per clause evaluation: k int32 literals
(4k B), the candidate's k variable bytes (k B) and one float64 weight (8 B); 23 B for these 3-SAT instances.
"× bandwidth" divides that by the measured copy bandwidth (${bandwidth.toFixed(1)} GB/s): above 1 means the backend reuses
data (bit-packing 32 candidates per word, one pass over the clauses for the whole batch) instead of streaming it.
`);
  const header = ['backend', 'description', 'n', 'm', 'P', 'prepare ms', 'best ms', 'G evals/s', 'GB/s touched', '× bandwidth'];
  const table = rows.map((r) => [
    r.backend, r.description, String(r.vars), String(r.clauses), String(r.batch), String(r.prepareMs), r.bestMs.toFixed(1),
    (r.evalsPerSecond / 1e9).toFixed(2), r.touchedGBps.toFixed(1), r.ratioToBandwidth.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((s, i) => (i < 2 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of table) console.log(line(r));
}
