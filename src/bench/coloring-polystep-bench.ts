// PolyStep alone on graph colouring: for each instance at k = best known, seeds 1..N, a wall-clock budget per run;
// prints the best conflicts reached, steps/s and the time to the first proper colouring.
//
// node dist/src/bench/coloring-polystep-bench.js [--budget 10] [--seeds 3] [--instances a.col,b.col,grid20x20,cycle100]
//   [--steps S] [--evals E] [--k name=k,...] [--mode focused|full] [--focus JSON] [--config JSON] [--json]
//
// --steps / --evals also stop a run after S steps / E probe evaluations (whichever comes first): on a shared
// machine a step budget compares settings independently of the load.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { readTable } from '../instances/quadratic-entries.js';
import { parseCol } from '../problems/coloring/col-parser.js';
import { buildColoringGraph, conflicts, type ColoringGraph } from '../problems/coloring/graph.js';
import { PolyStepColoring, type PolyStepColoringOptions } from '../solvers/coloring/polystep-coloring.js';

const DIR = process.env.COLORING_DIR ?? join(INSTANCES_DIR, 'coloring');
const DEFAULT_INSTANCES = ['myciel5.col', 'queen6_6.col', 'DSJC125.5.col', 'le450_15a.col', 'school1.col', 'DSJC250.5.col', 'grid20x20', 'cycle100'];

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function bestKnown(): Map<string, number> {
  return new Map(readTable(join(relative(INSTANCES_DIR, DIR), 'best-known.csv')).map((row) => [row.file, Number(row.best_known_colors)]));
}

/** A w×h grid (bipartite) or an even cycle, built here; otherwise a .col file of DIR. */
function load(name: string): { graph: ColoringGraph; k?: number } {
  const grid = /^grid(\d+)x(\d+)$/.exec(name);
  if (grid !== null) {
    const w = Number(grid[1]);
    const h = Number(grid[2]);
    const u: number[] = [];
    const v: number[] = [];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        if (x + 1 < w) (u.push(y * w + x), v.push(y * w + x + 1));
        if (y + 1 < h) (u.push(y * w + x), v.push((y + 1) * w + x));
      }
    return { graph: buildColoringGraph(w * h, Int32Array.from(u), Int32Array.from(v)).graph, k: 2 };
  }
  const cyc = /^cycle(\d+)$/.exec(name);
  if (cyc !== null) {
    const n = Number(cyc[1]);
    const u = Int32Array.from({ length: n }, (_, i) => i);
    const v = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    return { graph: buildColoringGraph(n, u, v).graph, k: n % 2 === 0 ? 2 : 3 };
  }
  const parsed = parseCol(readFileSync(join(DIR, name)));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return { graph: parsed.value.graph };
}

interface Run {
  instance: string;
  k: number;
  seed: number;
  best: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  timeToProper: number | null;
  evaluations: number;
}

function runOne(name: string, graph: ColoringGraph, k: number, seed: number, budget: number, maxSteps: number, maxEvals: number, options: PolyStepColoringOptions): Run {
  const search = new PolyStepColoring(graph, k, { ...options, seed });
  const start = performance.now();
  let elapsed = 0;
  while (!search.solved) {
    for (let i = 0; i < 16 && !search.solved; i++) search.step();
    elapsed = (performance.now() - start) / 1000;
    if (elapsed >= budget || search.steps >= maxSteps || search.evaluations >= maxEvals) break;
  }
  elapsed = (performance.now() - start) / 1000;
  const best = search.bestConflicts;
  if (best !== conflicts(graph, search.bestColoring())) throw new Error(`${name}: reported ${best} conflicts, recount differs`);
  return { instance: name, k, seed, best, steps: search.steps, seconds: elapsed, stepsPerSecond: search.steps / elapsed, timeToProper: best === 0 ? elapsed : null, evaluations: search.evaluations };
}

function main(): void {
  const budget = Number(arg('budget') ?? 10);
  const seeds = Number(arg('seeds') ?? 3);
  const maxSteps = Number(arg('steps') ?? Number.POSITIVE_INFINITY);
  const maxEvals = Number(arg('evals') ?? Number.POSITIVE_INFINITY);
  const names = (arg('instances') ?? DEFAULT_INSTANCES.join(',')).split(',');
  const kOverride = new Map((arg('k') ?? '').split(',').filter(Boolean).map((s) => s.split('=')).map(([n, k]) => [n, Number(k)]));
  const mode = arg('mode');
  // --focus '{"blocks":2}' and --config '{"epsilon":...}' pass overrides through (experiments)
  const focus = arg('focus');
  const config = arg('config');
  const options = {
    ...(mode === undefined ? {} : { mode }),
    ...(focus === undefined ? {} : { focus: JSON.parse(focus) }),
    ...(config === undefined ? {} : { config: JSON.parse(config) }),
  } as PolyStepColoringOptions;
  const known = bestKnown();
  const runs: Run[] = [];
  console.log(`budget ${budget} s${Number.isFinite(maxSteps) ? ` or ${maxSteps} steps` : ''}${Number.isFinite(maxEvals) ? ` or ${maxEvals} evaluations` : ''}, seeds 1..${seeds}${mode ? `, mode ${mode}` : ''}${focus ? `, focus ${focus}` : ''}${config ? `, config ${config}` : ''}`);
  console.log('instance        k  seeds  solved  best conflicts (per seed)      mean   steps/s   evals/s   time to proper (s)');
  for (const name of names) {
    const { graph, k: builtK } = load(name);
    const k = kOverride.get(name) ?? builtK ?? known.get(name);
    if (k === undefined || !(k >= 2)) throw new Error(`${name}: no best-known k`);
    const rows: Run[] = [];
    for (let seed = 1; seed <= seeds; seed++) rows.push(runOne(name, graph, k, seed, budget, maxSteps, maxEvals, options));
    runs.push(...rows);
    const solved = rows.filter((r) => r.best === 0);
    const mean = rows.reduce((s, r) => s + r.best, 0) / rows.length;
    const sps = rows.reduce((s, r) => s + r.stepsPerSecond, 0) / rows.length;
    const eps = rows.reduce((s, r) => s + r.evaluations / r.seconds, 0) / rows.length;
    const ttp = solved.length === 0 ? '-' : solved.map((r) => (r.timeToProper as number).toFixed(2)).join(' ');
    console.log(
      `${name.padEnd(15)} ${String(k).padStart(2)}  ${String(seeds).padStart(5)}  ${String(solved.length).padStart(6)}  ${rows.map((r) => r.best).join(' ').padEnd(28)}  ${mean.toFixed(1).padStart(5)}  ${sps.toFixed(0).padStart(8)}  ${eps.toExponential(2).padStart(8)}   ${ttp}`,
    );
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(runs));
}

main();
