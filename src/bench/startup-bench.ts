// `npm run bench:startup`: wall time of `polystep solve --help` and time to the first `o` line, from spawn.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INSTANCES_DIR } from '../instances/manifest.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 10) throw new Error('--runs takes a whole number ≥ 10');

const bin = resolve(INSTANCES_DIR, '../bin/polystep.js');
const tiny = resolve(INSTANCES_DIR, 'satlib/uf20-91/uf20-01.cnf');

/**
 * Milliseconds from spawn until `done` says the output so far is enough (or the process exits).
 * Runs one at a time so the figures do not compete for the cores.
 */
function timeRun(args: string[], done: (stdout: string) => boolean = () => false): Promise<number> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    let at: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (at === null && done(stdout)) at = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', () => resolveRun(at ?? performance.now() - started));
  });
}

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/** Median and spread (interquartile range, min, max) of `runs` timings, after one warm-up run. */
async function measure(args: string[], done?: (stdout: string) => boolean) {
  await timeRun(args, done);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await timeRun(args, done));
  times.sort((a, b) => a - b);
  const ms = (x: number) => Number(x.toFixed(1));
  return { medianMs: ms(quantile(times, 0.5)), iqrMs: ms(quantile(times, 0.75) - quantile(times, 0.25)), minMs: ms(times[0]), maxMs: ms(times[times.length - 1]) };
}

const firstCostLine = (stdout: string) => /^o \d+$/m.test(stdout);
const report = {
  bench: 'startup',
  runs,
  node: await measure(['-e', '0']),
  solveHelp: await measure([bin, 'solve', '--help']),
  firstO: await measure([bin, 'solve', tiny, '--solver', 'walksat'], firstCostLine),
};
console.log(JSON.stringify(report));
