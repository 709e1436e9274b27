// `npm run bench:hybrid -- --vars 1000,10000 --time 10 --seeds 3 [--preset focused] [--solvers walksat,hybrid,hybrid:focused]`: the hybrid against its parts at equal time.
// Prints one JSON line per run and a table of median falsified clauses per size and solver.

import { parseArgs } from 'node:util';
import { generateRandomKSat } from '../problems/maxsat/random-ksat.js';
import type { PresetName } from '../solvers/binary/presets.js';
import type { SolverName } from '../solvers/registry.js';
import { solve } from '../solvers/solve.js';
import { formatSummary, numberList, summarize } from './repetitions.js';

const { values } = parseArgs({
  options: {
    vars: { type: 'string', default: '1000,10000,100000' },
    time: { type: 'string', default: '10' },
    seeds: { type: 'string', default: '3' },
    solvers: { type: 'string', default: 'polystep,walksat,hybrid' },
    'instance-seed': { type: 'string', default: '42' },
    /** The preset of polystep and hybrid (default, paper, focused), unless a solver names its own as `hybrid:focused`. */
    preset: { type: 'string', default: 'default' },
  },
});

const sizes = numberList(values.vars, 'vars');
const [seeds] = numberList(values.seeds, 'seeds');
const solvers = values.solvers.split(',');
const timeLimitMs = Number(values.time) * 1000;
const table: string[] = [`| vars | ${solvers.join(' | ')} |`, `|---|${solvers.map(() => '---:').join('|')}|`];

for (const numVars of sizes) {
  const inst = generateRandomKSat({ numVars, seed: Number(values['instance-seed']) });
  const falsified = new Map<string, number[]>(solvers.map((s) => [s, []]));
  for (let seed = 1; seed <= seeds; seed++) {
    for (const solver of solvers) {
      const [name, preset = values.preset] = solver.split(':');
      const outcome = await solve({ kind: 'clauses', inst }, { spec: { solver: name as SolverName, preset: preset as PresetName, seed, backend: 'cpu', threads: 1 }, termination: { timeLimitMs }, progressEvery: 0 });
      if (outcome.kind !== 'solved') throw new Error(`${solver} did not run: ${outcome.kind}`);
      const unsat = outcome.result.best.metrics.falsifiedClauses;
      falsified.get(solver)!.push(unsat);
      console.log(JSON.stringify({ bench: 'hybrid', vars: numVars, solver, seed, timeS: timeLimitMs / 1000, falsified: unsat, satRatio: outcome.result.best.metrics.satRatio, steps: outcome.result.step }));
    }
  }
  table.push(`| ${numVars} | ${solvers.map((s) => formatSummary(summarize(falsified.get(s)!))).join(' | ')} |`);
}
console.log(`\nfalsified clauses, median [IQR, min–max] over ${seeds} seeds, ${timeLimitMs / 1000} s each, 1 thread:\n${table.join('\n')}`);
