// `npm run bench:maxsat -- --vars N --steps S --seed K --preset P [--repeat R] [--same-seed]`: one JSON line per run
// (seeds K, K+1, …, or K every time with --same-seed, which leaves only timing noise), then a summary line with the
// median and spread (IQR, min, max; see repetitions.ts) of the quality and speed figures.

import { parseArgs } from 'node:util';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { PolyStepBinary } from '../solvers/binary/polystep-binary.js';
import { PRESETS, type PresetName } from '../solvers/binary/presets.js';
import { runSolver } from '../solvers/run-loop.js';
import { repetitionCount, roundSummary, summarize } from './repetitions.js';

const { values } = parseArgs({
  options: {
    vars: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    'instance-seed': { type: 'string', default: '42' },
    preset: { type: 'string', default: 'paper' },
    'time-limit': { type: 'string' },
    /** Runs on the same instance (default 5). */
    repeat: { type: 'string' },
    /** Every run with --seed: the runs differ only in timing. */
    'same-seed': { type: 'boolean', default: false },
  },
});
const preset = values.preset as PresetName;
if (!PRESETS.includes(preset)) throw new Error(`--preset takes ${PRESETS.join(', ')}`);
const repeat = repetitionCount(values.repeat);
const firstSeed = Number(values.seed);
const sameSeed = values['same-seed'];
const inst = generateRandomKSat({ numVars: Number(values.vars), seed: Number(values['instance-seed']) });
const timeLimit = values['time-limit'];

/** What the summary reads of a run, unrounded. */
interface RunFigures {
  readonly seed: number;
  readonly wallSeconds: number;
  readonly stepsPerSecond: number;
  readonly bestSatRatio: number;
  readonly bestUnsat: number;
}
const runs: RunFigures[] = [];
for (let r = 0; r < repeat; r++) {
  const seed = sameSeed ? firstSeed : firstSeed + r;
  const session = new PolyStepBinary({ kind: 'clauses', inst }, { preset, seed });
  const result = await runSolver(session, {
    maxSteps: Number(values.steps),
    timeLimitMs: timeLimit === undefined ? undefined : Number(timeLimit) * 1000,
  }, { progressEvery: 0 });
  const wall = result.elapsedMs / 1000;
  const line = {
    bench: 'maxsat',
    preset,
    vars: inst.numVars,
    clauses: inst.numClauses,
    seed,
    run: r + 1,
    steps: result.step,
    evaluations: result.evaluations,
    wallSeconds: Number(wall.toFixed(2)),
    stepsPerSecond: Number((result.step / wall).toFixed(1)),
    bestSatRatio: Number(result.best.metrics.satRatio.toFixed(5)),
    bestUnsat: result.best.metrics.falsifiedClauses,
    /** The process's peak so far: it can only grow from run to run. */
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  const { satRatio, falsifiedClauses } = result.best.metrics;
  runs.push({ seed, wallSeconds: wall, stepsPerSecond: result.step / wall, bestSatRatio: satRatio, bestUnsat: falsifiedClauses });
  console.log(JSON.stringify(line));
}

const stat = (pick: (r: RunFigures) => number, digits: number) => roundSummary(summarize(runs.map(pick)), digits);
console.log(
  JSON.stringify({
    bench: 'maxsat-summary',
    preset,
    vars: inst.numVars,
    clauses: inst.numClauses,
    runs: runs.length,
    seeds: runs.map((r) => r.seed),
    sameSeed,
    spread: 'iqr',
    bestSatRatio: stat((r) => r.bestSatRatio, 5),
    bestUnsat: stat((r) => r.bestUnsat, 1),
    stepsPerSecond: stat((r) => r.stepsPerSecond, 1),
    wallSeconds: stat((r) => r.wallSeconds, 3),
  }),
);
