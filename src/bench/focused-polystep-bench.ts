// Focused PolyStep against WalkSAT at equal time on the paper's random 3-SAT instances: best unsat per run and medians.
//
// node dist/src/bench/focused-polystep-bench.js [--vars 1000,10000,100000] [--seconds 10] [--seeds 3]
//   [--solvers focused,walksat] [--moves M] [--focus JSON] [--config JSON] [--json]
//
// --moves also stops a run after M particle moves (focused) / M flips (WalkSAT) (whichever comes first): on a shared
// machine a move budget compares settings independently of the load. Each run's reported best is rescored from
// scratch, and the bench fails if the two disagree.

import { parseArgs } from 'node:util';
import type { PolyStepConfig } from '../optimizer/config.js';
import { maxSatFamily } from '../problems/maxsat/family.js';
import type { MaxSatInstance } from '../problems/maxsat/instance.js';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { FocusedPolyStep } from '../solvers/binary/focused-polystep.js';
import type { FocusSettings } from '../solvers/binary/presets.js';
import { WalkSat } from '../solvers/maxsat/walksat.js';
import { numberList, summarize } from './repetitions.js';
import type { SolverSession } from '../solvers/solver.js';

const { values } = parseArgs({
  options: {
    vars: { type: 'string', default: '1000,10000,100000' },
    seconds: { type: 'string', default: '10' },
    seeds: { type: 'string', default: '3' },
    solvers: { type: 'string', default: 'focused,walksat' },
    moves: { type: 'string' },
    focus: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const focus = (values.focus === undefined ? {} : JSON.parse(values.focus)) as Partial<FocusSettings>;
const config = (values.config === undefined ? {} : JSON.parse(values.config)) as Partial<PolyStepConfig>;
const budget = Number(values.seconds) * 1000;
const maxMoves = values.moves === undefined ? Number.POSITIVE_INFINITY : Number(values.moves);

interface Run {
  solver: string;
  vars: number;
  seed: number;
  unsat: number;
  moves: number;
  seconds: number;
}

function open(solver: string, inst: MaxSatInstance, seed: number): { session: SolverSession; moves: () => number } {
  if (solver === 'walksat') {
    const s = new WalkSat(inst, { seed });
    return { session: s, moves: () => s.evaluations };
  }
  if (solver === 'focused') {
    const s = new FocusedPolyStep({ kind: 'clauses', inst }, { seed, focus, config });
    // particle moves: each probes the 4 vertices of a rotated square once
    return { session: s, moves: () => s.evaluations / 4 };
  }
  throw new Error(`unknown solver ${solver}: focused or walksat`);
}

function runOne(solver: string, inst: MaxSatInstance, seed: number): Run {
  const { session, moves } = open(solver, inst, seed);
  const start = performance.now();
  while (performance.now() - start < budget && moves() < maxMoves && session.best().metrics.falsifiedClauses > 0 && session.finished !== true) {
    session.step();
  }
  const seconds = (performance.now() - start) / 1000;
  const best = session.best();
  const rescored = maxSatFamily.score(inst, best.assignment);
  if (rescored.cost !== best.cost || rescored.metrics.falsifiedClauses !== best.metrics.falsifiedClauses) {
    throw new Error(`${solver} seed ${seed}: reported cost ${best.cost}, rescored ${rescored.cost}`);
  }
  return { solver, vars: inst.numVars, seed, unsat: best.metrics.falsifiedClauses, moves: moves(), seconds: Number(seconds.toFixed(2)) };
}

const median = (xs: number[]): number => summarize(xs).median;

const solvers = values.solvers.split(',');
for (const n of numberList(values.vars, 'vars')) {
  const inst = generateRandomKSat({ numVars: n, seed: 42 });
  const line: string[] = [`n=${n}`];
  for (const solver of solvers) {
    const runs: Run[] = [];
    for (let seed = 1; seed <= Number(values.seeds); seed++) {
      const run = runOne(solver, inst, seed);
      runs.push(run);
      if (values.json) console.log(JSON.stringify(run));
    }
    const movesPerSecond = median(runs.map((r) => r.moves / r.seconds));
    line.push(`${solver}: median unsat ${median(runs.map((r) => r.unsat))} [${runs.map((r) => r.unsat).join(' ')}] ${(movesPerSecond / 1e6).toFixed(2)}M moves/s`);
  }
  console.log(line.join(' | '));
}
