// `npm run bench:eval -- --quadratic`: candidates per second on binary quadratic models, the naive loop beside each backend;
// the median over `repeat` repetitions after a warm-up, with its spread (IQR, min–max).

import { readFileSync } from 'node:fs';
import { NaiveQuadraticObjective } from '../backends/cpu/quadratic-naive.js';
import type { EvalBackend } from '../backends/eval-backend.js';
import { Rng } from '../common/rng.js';
import { parseRudy } from '../problems/maxcut/rudy-parser.js';
import { maxCutModel } from '../problems/maxcut/compile.js';
import { QuadraticModelBuilder } from '../problems/quadratic/model-builder.js';
import type { QuadraticModel } from '../problems/quadratic/model.js';
import { timeRepetitions } from './batch-timing.js';
import { formatSummary, roundSummary, summarize } from './repetitions.js';
import { printTable } from './text-table.js';

export interface QuadraticBenchOptions {
  readonly contenders: readonly { readonly label: string; readonly make: () => Promise<EvalBackend> }[];
  readonly batchSizes: readonly number[];
  readonly repeat: number;
  readonly budgetMs: number;
  readonly seed: number;
  /** Model names to run (g1, bqp250, sparse10k); default all. */
  readonly models: readonly string[] | null;
}

/** G1 of the Gset (800 nodes, 19176 unit edges) as the Max-Cut family compiles it. */
function g1(): QuadraticModel {
  const parsed = parseRudy(readFileSync(new URL('../../../instances/gset/G1.txt', import.meta.url)));
  if (!parsed.ok) throw new Error(`G1.txt: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return maxCutModel(parsed.value);
}

/** Random pairs at the given density with integer coefficients in −max .. max, and linear terms on every variable. */
function randomModel(seed: number, n: number, pairs: number, max: number): QuadraticModel {
  const rng = new Rng(seed);
  const b = new QuadraticModelBuilder(n, pairs);
  const coefficient = (): number => (rng.nextU32() % (2 * max + 1)) - max;
  for (let v = 0; v < n; v++) b.addLinear(v, coefficient());
  for (let k = 0; k < pairs; k++) {
    const i = rng.nextU32() % n;
    b.addPair(i, (i + 1 + (rng.nextU32() % (n - 1))) % n, coefficient());
  }
  return b.build();
}

const MODELS: Record<string, (seed: number) => QuadraticModel> = {
  g1: () => g1(),
  // Beasley's bqp250 instances: n = 250, 10% density, coefficients in −100 .. 100.
  bqp250: (seed) => randomModel(seed, 250, Math.round((0.1 * 250 * 249) / 2), 100),
  sparse10k: (seed) => randomModel(seed, 10_000, 50_000, 100),
};

function randomBatch(seed: number, count: number, n: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: count * n }, () => rng.nextU32() & 1);
}

export async function runQuadraticBench(o: QuadraticBenchOptions): Promise<void> {
  const naive = { label: 'naive', make: async () => null };
  const rows: string[][] = [];
  for (const [name, build] of Object.entries(MODELS)) {
    if (o.models !== null && !o.models.includes(name)) continue;
    const model = build(o.seed);
    const terms = model.linear.filter((c) => c !== 0).length + model.pairQ.length;
    const reference = new Map<number, Float64Array>();
    for (const c of [naive, ...o.contenders]) {
      const backend = await c.make();
      const t0 = performance.now();
      const objective = backend === null ? new NaiveQuadraticObjective(model) : await backend.prepare({ kind: 'quadratic', model });
      const prepareMs = performance.now() - t0;
      for (const P of o.batchSizes) {
        const batch = randomBatch(o.seed + P, P, model.n);
        const out = new Float64Array(P);
        const timed = await timeRepetitions(() => objective.evaluate(batch, P, out), { repeat: o.repeat, budgetMs: o.budgetMs });
        if (timed.cut) console.log(`${c.label}: ${name}, P = ${P}: ${timed.msPerCall.length} of ${o.repeat} repetitions fit the budget (${o.budgetMs / 1000} s)`);
        const first = reference.get(P);
        if (first === undefined) reference.set(P, out.slice());
        else if (out.some((x, j) => x !== first[j])) console.log(`WARNING: ${c.label} disagrees with naive on ${name} at P = ${P}`);
        const ms = summarize(timed.msPerCall);
        const rates = summarize(timed.msPerCall.map((t) => P / (t / 1000)));
        const perSecond = rates.median;
        // candidatesPerSecond is the median (it was the best run before repetitions were summarised); bestMs the fastest call.
        const row = {
          bench: 'eval-quadratic', model: name, backend: c.label, description: backend?.description ?? 'per-candidate loop', n: model.n, terms, P,
          repetitions: timed.msPerCall.length, callsPerRepetition: timed.callsPerRepetition, prepareMs: Math.round(prepareMs),
          bestMs: Number(ms.min.toFixed(3)), medianMs: Number(ms.median.toFixed(3)),
          candidatesPerSecond: Math.round(perSecond), candidatesPerSecondStats: roundSummary(rates, 0),
        };
        console.log(JSON.stringify(row));
        rows.push([
          name, c.label, row.description, String(model.n), String(terms), String(P), `${row.repetitions}×${row.callsPerRepetition}`, String(row.prepareMs),
          ms.median.toFixed(2), formatSummary(rates, (x) => (x / 1000).toFixed(1)), ((perSecond * terms) / 1e9).toFixed(2),
        ]);
      }
      objective.dispose();
      await backend?.dispose();
    }
  }
  console.log('\nCandidates per second: P random candidates scored per wall time of a call (k/s), median [IQR, min–max] of the repetitions\n("reps" = repetitions × calls timed together, after a warm-up); G terms/s = the median × (linear + pair terms).');
  const header = ['model', 'backend', 'description', 'n', 'terms', 'P', 'reps', 'prepare ms', 'median ms', 'k cand/s median [IQR, min–max]', 'G terms/s'];
  printTable(header, rows, [0, 1, 2]);
}
