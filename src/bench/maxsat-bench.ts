// `npm run bench:maxsat -- --vars N --steps S --seed K --preset P`: one JSON line per run.

import { parseArgs } from 'node:util';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import { PolyStepMaxSat } from '../solvers/maxsat/polystep-maxsat.js';
import { MAX_SAT_PRESETS, type MaxSatPresetName } from '../solvers/maxsat/presets.js';
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
const preset = values.preset as MaxSatPresetName;
if (!MAX_SAT_PRESETS.includes(preset)) throw new Error(`--preset takes ${MAX_SAT_PRESETS.join(', ')}`);
const inst = generateRandomKSat({ numVars: Number(values.vars), seed: Number(values['instance-seed']) });
const session = new PolyStepMaxSat(inst, { preset, seed: Number(values.seed) });
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
    bestSatRatio: Number(result.best.satRatio.toFixed(5)),
    bestUnsat: result.best.falsifiedClauses,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
