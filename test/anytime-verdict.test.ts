import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRun, type InstanceTruth, type RunFacts } from '../src/bench/run-verdict.js';
import { costsDecrease, decodeModel, parseSolverOutput } from '../src/bench/solver-output.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';

// x1 ∨ x2 must hold. Costs: 101 → 5 (optimum), 100 → 7, 011 → 7, 001 breaks the hard clause.
const parsedInstance = parseDimacs('h 1 2 0\n5 -1 0\n7 -2 0\n2 3 0\n', { fileName: 'tiny.wcnf' });
if (!parsedInstance.ok) throw new Error('fixture does not parse');
const inst = parsedInstance.value;
const certified: InstanceTruth = { feasible: true, optimum: 5n, source: 'test' };

function run(stdout: string, exitCode: number | null, more: Partial<RunFacts> = {}, truth = certified) {
  return judgeRun(inst, truth, { stdout, stderr: '', exitCode, signal: null, killed: false, ...more });
}

test('parseSolverOutput collects o, s and v lines, skips comments and lists unreadable lines', () => {
  const out = parseSolverOutput('c start\no 12\r\no 9\nc o 1 is a comment\ns SATISFIABLE\nv 0110\no 12abc\nhello\n\n');
  assert.deepEqual(out.costs, [12n, 9n]);
  assert.deepEqual(out.statuses, ['SATISFIABLE']);
  assert.deepEqual(out.models, ['0110']);
  assert.deepEqual(out.badLines, [{ line: 7, text: 'o 12abc' }, { line: 8, text: 'hello' }]);
  assert.equal(costsDecrease(out), true);
  assert.equal(costsDecrease(parseSolverOutput('o 3\no 3\n')), false);
  assert.deepEqual(parseSolverOutput('o 18446744073709551616\ns UNKNOWN\n').costs, [1n << 64n]);
  assert.deepEqual(parseSolverOutput('v\n').models, ['']);
});

test('decodeModel wants exactly one 0/1 character per variable', () => {
  assert.deepEqual(decodeModel('101', 3), Uint8Array.of(1, 0, 1));
  assert.equal(decodeModel('', 0) instanceof Uint8Array, true);
  assert.match(decodeModel('10', 3) as string, /2 values for 3 variables/);
  assert.match(decodeModel('1 0 1', 3) as string, /other than 0 and 1/);
  assert.match(decodeModel('1-01', 3) as string, /other than 0 and 1/);
});

test('a clean optimal answer has no violation, a consistent exit code and reaches the optimum', () => {
  const v = run('c hello\no 7\no 5\ns OPTIMUM FOUND\nv 101\n', 30);
  assert.deepEqual(v.violations, []);
  assert.equal(v.vCost, 5n);
  assert.equal(v.lastO, 5n);
  assert.deepEqual([v.exitConsistent, v.reachedOptimum, v.falseOptimum, v.broken, v.wrongUnsat, v.belowOptimum], [true, true, false, false, false, false]);
  assert.equal(v.stderrBytes, 0);
  assert.equal(run('o 5\ns OPTIMUM FOUND\nv 101\n', 30, { stderr: 'c step 1\n' }).stderrBytes, 9);
});

test('a final model costing more than the last o is a violation (the float-drift case)', () => {
  const v = run('o 7\no 5\ns SATISFIABLE\nv 100\n', 10);
  assert.deepEqual(v.violations, ['v-cost-differs']);
  assert.deepEqual([v.lastO, v.vCost, v.exitConsistent, v.reachedOptimum], [5n, 7n, true, true]);
});

test('a model without o, o without a model, and a claim without a model are violations', () => {
  assert.deepEqual(run('s SATISFIABLE\nv 101\n', 10).violations, ['v-without-o']);
  assert.deepEqual(run('o 5\ns UNKNOWN\n', 0).violations, ['o-without-v']);
  assert.deepEqual(run('o 5\ns SATISFIABLE\n', 10).violations, ['o-without-v', 'claim-without-v']);
  assert.deepEqual(run('s OPTIMUM FOUND\n', 30).violations, ['claim-without-v']);
  assert.deepEqual(run('s UNKNOWN\n', 0).violations, []);
});

test('a model breaking a hard clause, or not one 0/1 per variable, is a violation', () => {
  const hard = run('o 0\ns SATISFIABLE\nv 001\n', 10);
  assert.deepEqual(hard.violations, ['v-breaks-hard']);
  assert.equal(hard.belowOptimum, false, 'an infeasible model is not a feasible one below the optimum');
  assert.deepEqual(run('o 5\ns SATISFIABLE\nv 10\n', 10).violations, ['v-malformed']);
  assert.deepEqual(run('o 5\ns SATISFIABLE\nv 1x1\n', 10).violations, ['v-malformed']);
  const twice = run('o 5\ns SATISFIABLE\nv 101\nv 101\n', 10);
  assert.deepEqual(twice.violations, ['v-malformed']);
  assert.match(twice.notes.join(';'), /2 v lines/);
});

test('UNSATISFIABLE on a feasible instance is a hard error; on an infeasible one it is right', () => {
  const wrong = run('s UNSATISFIABLE\n', 20);
  assert.deepEqual([wrong.wrongUnsat, wrong.exitConsistent, wrong.violations.length], [true, true, 0]);
  const infeasible: InstanceTruth = { feasible: false, optimum: null, source: 'test' };
  const right = run('s UNSATISFIABLE\n', 20, {}, infeasible);
  assert.deepEqual([right.wrongUnsat, right.status, right.reachedOptimum], [false, 'UNSATISFIABLE', null]);
  const unknown: InstanceTruth = { feasible: null, optimum: null, source: 'test' };
  assert.equal(run('s UNSATISFIABLE\n', 20, {}, unknown).wrongUnsat, false);
});

test('exit codes must match the s line; a missing s line, a crash or a kill breaks the run', () => {
  assert.equal(run('o 5\ns OPTIMUM FOUND\nv 101\n', 10).exitConsistent, false);
  assert.equal(run('o 7\ns SATISFIABLE\nv 100\n', 30).exitConsistent, false);
  const silent = run('c nothing\n', 0);
  assert.deepEqual([silent.exitConsistent, silent.broken, silent.notes], [true, true, ['no s line']]);
  const crash = run('', 1, { stderr: 'polystep: boom\n' });
  assert.deepEqual([crash.exitConsistent, crash.broken], [false, true]);
  assert.match(crash.notes.join(';'), /exit code 1/);
  const killed = run('o 5\ns SATISFIABLE\nv 101\n', null, { killed: true, signal: 'SIGTERM' });
  assert.deepEqual([killed.exitConsistent, killed.broken, killed.violations], [false, true, []]);
  assert.equal(run('o 5\ns SATISFIABLE\ns SATISFIABLE\nv 101\n', 10).broken, true);
});

test('OPTIMUM FOUND above the certified optimum, and a model below it, are flagged', () => {
  const claim = run('o 7\ns OPTIMUM FOUND\nv 100\n', 30);
  assert.deepEqual([claim.falseOptimum, claim.reachedOptimum, claim.violations], [true, false, []]);
  const badCertificate: InstanceTruth = { feasible: true, optimum: 6n, source: 'test' };
  const below = run('o 5\ns SATISFIABLE\nv 101\n', 10, {}, badCertificate);
  assert.deepEqual([below.belowOptimum, below.reachedOptimum], [true, false]);
  assert.equal(run('o 7\no 7\ns SATISFIABLE\nv 100\n', 10).costsDecrease, false);
});
