import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliWith } from './support/run-cli.js';
import { instancesDir, repoRoot } from './support/paths.js';
import { SOLVE_USAGE } from '../src/cli/usage.js';
import { SOLVER_NAMES } from '../src/solvers/registry.js';
import { PRESETS } from '../src/solvers/binary/presets.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-solve-'));
const uf20 = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');

test('solve prints decreasing o lines, then s and a v line that verifies to the last o', async () => {
  const run = await cli('solve', uf20, '--seed', '3', '--steps', '300');
  assert.ok(run.code === 10 || run.code === 30, `exit ${run.code}`);
  const costs = [...run.stdout.matchAll(/^o (\d+)$/gm)].map((m) => BigInt(m[1]));
  assert.ok(costs.length > 0);
  for (let i = 1; i < costs.length; i++) assert.ok(costs[i] < costs[i - 1]);
  const model = /^v ([01]+)$/m.exec(run.stdout)?.[1];
  assert.equal(model?.length, 20);
  assert.match(run.stdout, run.code === 30 ? /^s OPTIMUM FOUND$/m : /^s SATISFIABLE$/m);
  const check = await cli('verify', uf20, model as string);
  assert.match(check.stdout, new RegExp(`^o ${costs[costs.length - 1]}$`, 'm'));
});

test('solve writes nothing on stderr unless it is a terminal or --progress asks for c lines', async () => {
  const piped = await cli('solve', uf20, '--seed', '3', '--steps', '300');
  assert.match(piped.stdout, /^s /m);
  assert.equal(piped.stderr, '', 'MaxSAT Evaluation clients count any stderr output as an issue');
  const asked = await cli('solve', uf20, '--seed', '3', '--steps', '300', '--progress');
  assert.match(asked.stderr, /^c step \d+ +best \d+ +sat [\d.]+% +falsified clauses \d+ +[\d.]+s$/m);
  const terminal = await cliWith({ stderrIsTty: true }, 'solve', uf20, '--seed', '3', '--steps', '300');
  assert.match(terminal.stderr, /^\r\[[#.]+\] +\d+% step /);
  const quiet = await cliWith({ stderrIsTty: true }, 'solve', uf20, '--seed', '3', '--steps', '300', '--quiet');
  assert.equal(quiet.stderr, '');
});

test('solve --help names every solver and preset', async () => {
  const help = await cli('solve', '--help');
  assert.equal(help.stdout, `${SOLVE_USAGE}\n`);
  const listed = (flag: string) => new RegExp(`\\[--${flag} ([\\w|-]+)\\]`).exec(SOLVE_USAGE)?.[1].split('|').sort();
  assert.deepEqual(listed('solver'), [...SOLVER_NAMES].sort());
  assert.deepEqual(listed('preset'), [...PRESETS].sort());
});

test('solve proves UNSATISFIABLE hard clauses, with or without an empty one, before any search', async () => {
  for (const name of ['emptyClause.wcnf', 'MinimalUnsat.wcnf']) {
    const run = await cli('solve', join(instancesDir, 'maxsat-regression/baseWCNFs', name), '--time-limit', '600');
    assert.equal(run.code, 20, name);
    assert.match(run.stdout, /^s UNSATISFIABLE$/m, name);
    assert.doesNotMatch(run.stdout, /^[ov] /m, name);
  }
});

test('the hybrid splits the time limit given on the command line: PolyStep hands over to WalkSAT early', async () => {
  const file = join(tmp, 'n50000.cnf');
  assert.equal((await cli('gen', '--vars', '50000', '--out', file)).code, 0);
  // PolyStep alone would hand over after 1,000 steps (seconds at 50K variables) or 100 idle steps.
  const run = await cli('solve', file, '--solver', 'hybrid', '--time-limit', '2', '--seed', '1');
  assert.match(run.stdout, /^c phase polish from step \d+, [0-9.]+ s$/m);
  assert.match(run.stdout, /^c stopped: time_limit/m);
});

test('solve stops at the time limit and refuses bad flags with exit code 2', async () => {
  const timed = await cli('solve', join(instancesDir, 'paper/random-3sat-n1000-s42.cnf'), '--time-limit', '0.3', '--preset', 'paper');
  assert.match(timed.stdout, /c stopped: time_limit/);
  for (const flags of [['--preset', 'fast'], ['--steps', '-1'], ['--time-limit', '0'], ['--target', 'x']]) {
    assert.equal((await cli('solve', uf20, ...flags)).code, 2, flags.join(' '));
  }
});

test('SIGTERM stops a long solve, which prints its best assignment and exits with its status', async () => {
  const file = join(tmp, 'n20000.cnf');
  assert.equal((await cli('gen', '--vars', '20000', '--out', file)).code, 0);
  const child = spawn(process.execPath, [join(repoRoot, 'bin/polystep.js'), 'solve', file, '--steps', '1000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    if (/^o \d+$/m.test(stdout) && !child.killed) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 10);
  assert.match(stdout, /c stopped: aborted/);
  assert.match(stdout, /^s SATISFIABLE$/m);
  assert.equal(/^v ([01]+)$/m.exec(stdout)?.[1].length, 20000);
});

test('solve reads a headerless WCNF only when told its format', async () => {
  const file = join(tmp, 'soft.txt');
  writeFileSync(file, '3 1 2 0\n2 -1 0\n');
  assert.equal((await cli('solve', file)).code, 1);
  assert.equal((await cli('solve', file, '--format', 'wcnf', '--steps', '50')).code, 30);
});

test('on a regression instance with soft weights near 2^52, the v model costs exactly the last o', async () => {
  const file = join(instancesDir, 'maxsat-regression/MSE22Unique/d9923588b063373751e1a509cf1f6e28377660993c1f5678144109edf79942f6.wcnf');
  for (const solver of ['walksat', 'probsat', 'hybrid', 'polystep']) {
    for (const seed of ['1', '2', '3']) {
      const run = await cli('solve', file, '--solver', solver, '--steps', '5', '--seed', seed);
      const costs = [...run.stdout.matchAll(/^o (\d+)$/gm)].map((m) => m[1]);
      const model = /^v ([01]+)$/m.exec(run.stdout)?.[1];
      assert.ok(costs.length > 0 && model !== undefined, `${solver} seed ${seed}: no o or v line`);
      const check = await cli('verify', file, model);
      assert.match(check.stdout, new RegExp(`^o ${costs[costs.length - 1]}$`, 'm'), `${solver} seed ${seed}`);
    }
  }
});

test('solve --config takes the overrides the REST API takes, checked by the same schema', async () => {
  const tooBig = await cli('solve', uf20, '--config', '{"particleDim":13}');
  assert.equal(tooBig.code, 2);
  assert.match(tooBig.stderr, /config\.particleDim/);
  assert.equal((await cli('solve', uf20, '--config', '{"nope":1}')).code, 2);
  assert.equal((await cli('solve', uf20, '--config', 'not json')).code, 2);
  const file = join(tmp, 'config.json');
  writeFileSync(file, '{"particleDim":4,"numProbe":2}');
  const run = await cli('solve', uf20, '--config', `@${file}`, '--steps', '30', '--seed', '1');
  assert.ok([10, 30].includes(run.code), `exit ${run.code}: ${run.stderr}`);
});

test('a negative --target (a minimised QUBO) ends the run once reached, in the objective own sense', async () => {
  const gka1a = join(instancesDir, 'qubo/gka/gka1a.sparse');
  const run = await cli('solve', gka1a, '--solver', 'tabu', '--target', '-3000', '--time-limit', '20', '--seed', '1');
  assert.equal(run.code, 10, run.stderr);
  assert.match(run.stdout, /^c stopped: target_reached /m);
  const objectives = [...run.stdout.matchAll(/^o (-?\d+)$/gm)].map((m) => BigInt(m[1]));
  assert.ok(objectives.length > 0 && objectives[objectives.length - 1] <= -3000n, objectives.join(' '));
});
