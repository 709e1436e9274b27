// `npm run bench:maxsat -- --vars N --steps S --seed K --preset P`: one JSON line per run.

import { parseArgs } from 'node:util';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { PolyStepBinary } from '../solvers/binary/polystep-binary.js';
import { PRESETS, type PresetName } from '../solvers/binary/presets.js';
import { runSolver } from '../solvers/run-loop.js';

const { values } = parseArgs({
  options: {
    vars: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    'instance-seed': { type: 'string', default: '42' },
    preset: { type: 'string', default: 'paper' },
    'time-limit': { type: 'string' },
  },
});
const preset = values.preset as PresetName;
if (!PRESETS.includes(preset)) throw new Error(`--preset takes ${PRESETS.join(', ')}`);
const inst = generateRandomKSat({ numVars: Number(values.vars), seed: Number(values['instance-seed']) });
const session = new PolyStepBinary({ kind: 'clauses', inst }, { preset, seed: Number(values.seed) });
const timeLimit = values['time-limit'];
const result = await runSolver(session, {
  maxSteps: Number(values.steps),
  timeLimitMs: timeLimit === undefined ? undefined : Number(timeLimit) * 1000,
}, { progressEvery: 0 });
const wall = result.elapsedMs / 1000;
console.log(
  JSON.stringify({
    bench: 'maxsat',
    preset,
    vars: inst.numVars,
    clauses: inst.numClauses,
    seed: Number(values.seed),
    steps: result.step,
    evaluations: result.evaluations,
    wallSeconds: Number(wall.toFixed(2)),
    stepsPerSecond: Number((result.step / wall).toFixed(1)),
    bestSatRatio: Number(result.best.metrics.satRatio.toFixed(5)),
    bestUnsat: result.best.metrics.falsifiedClauses,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
