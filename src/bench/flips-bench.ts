// `npm run bench:flips`: flips per second of WalkSAT and probSAT on the paper's random 3-SAT
// instances, and the best unsat count they reach at equal time. JSON lines, then a short table.

import { parseArgs } from 'node:util';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import type { LocalSearchSession } from '../solvers/maxsat/local-search.js';
import { ProbSat } from '../solvers/maxsat/probsat.js';
import { WalkSat } from '../solvers/maxsat/walksat.js';
import { numberList, summarize } from './repetitions.js';

const { values } = parseArgs({
  options: {
    /** Comma list of variable counts for the speed runs. */
    sizes: { type: 'string', default: '1000,10000,100000' },
    solvers: { type: 'string', default: 'walksat,probsat' },
    /** Flips per speed run (construction not timed). */
    flips: { type: 'string', default: '2000000' },
    reps: { type: 'string', default: '5' },
    /** Equal-time quality runs: variables, seconds and seeds; 0 seconds skips them. */
    'quality-vars': { type: 'string', default: '100000' },
    'quality-seconds': { type: 'string', default: '10' },
    'quality-seeds': { type: 'string', default: '3' },
    'instance-seed': { type: 'string', default: '42' },
  },
});

type Make = (inst: MaxSatInstance, seed: number) => LocalSearchSession;
const MAKERS: Record<string, Make> = {
  walksat: (inst, seed) => new WalkSat(inst, { seed }),
  probsat: (inst, seed) => new ProbSat(inst, { seed }),
};

const median = (xs: number[]): number => summarize(xs).median;

const sizes = numberList(values.sizes, 'sizes');
const solvers = values.solvers.split(',').map((s) => s.trim());
for (const s of solvers) if (!(s in MAKERS)) throw new Error(`--solvers takes ${Object.keys(MAKERS).join(', ')}, got "${s}"`);
const [flipBudget] = numberList(values.flips, 'flips');
const [reps] = numberList(values.reps, 'reps');
const [qualityVars] = numberList(values['quality-vars'], 'quality-vars');
const [qualitySeconds] = numberList(values['quality-seconds'], 'quality-seconds');
const [qualitySeeds] = numberList(values['quality-seeds'], 'quality-seeds');
const instanceSeed = Number(values['instance-seed']);

interface Row {
  readonly solver: string;
  readonly vars: number;
  readonly what: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}
const rows: Row[] = [];

/** Flips per second of one run of `budget` flips (fewer if every clause gets satisfied). */
function speedRun(make: Make, inst: MaxSatInstance, seed: number, budget: number): { flips: number; seconds: number } {
  const session = make(inst, seed);
  const start = process.hrtime.bigint();
  let before = -1;
  while (session.evaluations < budget && session.evaluations !== before) {
    before = session.evaluations;
    session.step();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { flips: session.evaluations, seconds };
}

/** Best unsat count after `seconds` of flips (construction not counted). */
function qualityRun(make: Make, inst: MaxSatInstance, seed: number, seconds: number): { unsat: number; flips: number } {
  const session = make(inst, seed);
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline && session.best().metrics.falsifiedClauses > 0) session.step();
  return { unsat: session.best().metrics.falsifiedClauses, flips: session.evaluations };
}

for (const vars of sizes) {
  const inst = generateRandomKSat({ numVars: vars, seed: instanceSeed });
  for (const solver of solvers) {
    const rates: number[] = [];
    for (let rep = 1; rep <= reps; rep++) {
      const { flips, seconds } = speedRun(MAKERS[solver], inst, rep, flipBudget);
      const rate = flips / seconds;
      rates.push(rate);
      console.log(JSON.stringify({ bench: 'flips', solver, vars, clauses: inst.numClauses, seed: rep, flips, seconds: Number(seconds.toFixed(3)), flipsPerSecond: Math.round(rate) }));
    }
    rows.push({ solver, vars, what: 'M flips/s', median: median(rates) / 1e6, min: Math.min(...rates) / 1e6, max: Math.max(...rates) / 1e6 });
  }
}

if (qualitySeconds > 0 && qualitySeeds > 0) {
  const inst = generateRandomKSat({ numVars: qualityVars, seed: instanceSeed });
  for (const solver of solvers) {
    const unsat: number[] = [];
    for (let seed = 1; seed <= qualitySeeds; seed++) {
      const run = qualityRun(MAKERS[solver], inst, seed, qualitySeconds);
      unsat.push(run.unsat);
      console.log(JSON.stringify({ bench: 'flips-quality', solver, vars: qualityVars, seconds: qualitySeconds, seed, bestUnsat: run.unsat, flips: run.flips }));
    }
    rows.push({ solver, vars: qualityVars, what: `unsat @ ${qualitySeconds} s`, median: median(unsat), min: Math.min(...unsat), max: Math.max(...unsat) });
  }
}

console.log('');
console.log(`${'solver'.padEnd(8)} ${'vars'.padStart(8)} ${'measure'.padEnd(12)} ${'median'.padStart(9)} ${'min–max'.padStart(19)}`);
for (const r of rows) {
  const fmt = (x: number) => (r.what === 'M flips/s' ? x.toFixed(3) : String(x));
  console.log(`${r.solver.padEnd(8)} ${String(r.vars).padStart(8)} ${r.what.padEnd(12)} ${fmt(r.median).padStart(9)} ${`${fmt(r.min)}–${fmt(r.max)}`.padStart(19)}`);
}
