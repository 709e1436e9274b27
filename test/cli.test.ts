import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli } from './support/run-cli.js';
import { fixturesDir, instancesDir } from './support/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'polystep-cli-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

test('info prints counts and exact weight statistics', async () => {
  const path = file('w.wcnf', 'c x\nh 1 2 0\n18446744073709551615 -1 0\n3 2 0\n0 0\n');
  const text = await cli('info', path);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /format\s+wcnf/);
  assert.match(text.stdout, /clauses\s+4 \(1 hard, 3 soft\)/);
  assert.match(text.stdout, /total soft weight\s+18446744073709551618/);
  const json = await cli('info', path, '--json');
  const summary = JSON.parse(json.stdout);
  assert.deepEqual([summary.variables, summary.weights.max, summary.weights.min], [2, '18446744073709551615', '0']);
});

test('info reads gzip files and reports parse errors with file, line and column, never a stack', async () => {
  const gz = file('a.cnf.gz', gzipSync('p cnf 2 1\n1 -2 0\n'));
  assert.match((await cli('info', gz)).stdout, /variables\s+2/);
  const bad = await cli('info', join(fixturesDir, 'parse-errors', 'NEGATIVE_ZERO.cnf'));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /NEGATIVE_ZERO\.cnf:3:4: error NEGATIVE_ZERO: /);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
  const missing = await cli('info', join(tmp, 'nope.cnf'));
  assert.deepEqual([missing.code, missing.stderr.trim()], [1, `polystep info: ${join(tmp, 'nope.cnf')}: no such file`]);
});

test('an ambiguous file asks for a format, and --format or --relaxed settle it', async () => {
  const path = file('plain.txt', '1 2 0\n');
  const asked = await cli('info', path);
  assert.equal(asked.code, 1);
  assert.match(asked.stderr, /AMBIGUOUS_FORMAT/);
  assert.match(asked.stderr, /--format/);
  assert.match((await cli('info', path, '--format', 'cnf', '--relaxed')).stdout, /clauses\s+1 \(0 hard, 1 soft\)/);
  const relaxed = await cli('info', path, '--relaxed');
  assert.equal(relaxed.code, 0);
  assert.match(relaxed.stderr, /warning AMBIGUOUS_FORMAT/);
});

test('verify prints the exact cost, the falsified clauses and the MaxSAT Evaluation exit code', async () => {
  const path = file('v.wcnf', 'h 1 2 0\n5 -1 0\n9007199254740993 -2 0\n7 3 0\n');
  const run = await cli('verify', path, '111');
  assert.equal(run.code, 10);
  assert.deepEqual(run.stdout.trim().split('\n'), [
    'c falsified clause 2 (soft, weight 5): -1 0',
    'c falsified clause 3 (soft, weight 9007199254740993): -2 0',
    'o 9007199254740998',
    's SATISFIABLE',
  ]);
  const optimum = await cli('verify', path, 'v 1 -2 3 0', '--model');
  assert.equal(optimum.code, 10);
  assert.match(optimum.stdout, /^o 5$/m);
  assert.match(optimum.stdout, /^v 101$/m);
  const zero = await cli('verify', file('z.wcnf', 'h 1 0\n4 2 0\n'), '11');
  assert.equal(zero.code, 30);
  assert.match(zero.stdout, /^s OPTIMUM FOUND$/m);
});

test('verify reads the assignment from solver output in a file and says UNKNOWN for infeasible ones', async () => {
  const path = file('h.wcnf', 'h 1 0\nh 2 0\n1 -1 0\n');
  const model = file('out.txt', 'c solver\no 1\ns OPTIMUM FOUND\nv 11\n');
  const ok = await cli('verify', path, model);
  assert.match(ok.stdout, /^o 1$/m);
  const infeasible = await cli('verify', path, '01');
  assert.equal(infeasible.code, 0);
  assert.match(infeasible.stdout, /falsifies 1 hard clause/);
  assert.match(infeasible.stdout, /^s UNKNOWN$/m);
  assert.doesNotMatch(infeasible.stdout, /^o /m);
});

test('verify rejects a malformed assignment with its position', async () => {
  const path = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');
  const short = await cli('verify', path, '0101');
  assert.equal(short.code, 1);
  assert.match(short.stderr, /<assignment>:1:1: error BAD_ASSIGNMENT: 4 values given for 20 variables/);
  const both = await cli('verify', path, '3 -3');
  assert.match(both.stderr, /variable 3 is given both values/);
});

test('verify accepts a model longer than the variable count, as the MaxSAT Evaluation checker does, with a warning', async () => {
  const path = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');
  const model = '01101001011010010110';
  const exact = await cli('verify', path, model);
  const cost = /^o (\d+)$/m.exec(exact.stdout)?.[1];
  assert.ok(cost !== undefined);
  const longer = await cli('verify', path, `${model}1111`);
  assert.deepEqual([longer.code, longer.stdout], [exact.code, exact.stdout]);
  assert.equal(longer.stderr, '<assignment>:1:1: warning BAD_ASSIGNMENT: the model has 24 values for 20 variables; values past 20 are ignored\n');
  const inOutput = await cli('verify', path, file('long-model.txt', `c solver\ns SATISFIABLE\nv ${model}0\n`));
  assert.deepEqual([inOutput.code, inOutput.stdout], [exact.code, exact.stdout]);
  assert.match(inOutput.stderr, /long-model\.txt:3:3: warning BAD_ASSIGNMENT: the model has 21 values for 20 variables/);
  const literals = [...model].map((b, i) => (b === '1' ? i + 1 : -(i + 1)));
  const extra = await cli('verify', path, [21, ...literals, -22, 0].join(' '));
  assert.deepEqual([extra.code, extra.stdout], [exact.code, exact.stdout]);
  assert.match(extra.stderr, /^<assignment>:1:1: warning BAD_ASSIGNMENT: literal 21 names a variable beyond 20; values past 20 are ignored$/m);
  assert.equal(extra.stderr.trimEnd().split('\n').length, 1, 'one warning for the model');
});

test('gen writes the paper instance and usage errors exit with 2', async () => {
  const out = join(tmp, 'p100.cnf');
  const run = await cli('gen', '--vars', '100', '--out', out);
  assert.equal(run.code, 0);
  const lines = readFileSync(out, 'utf8').split('\n');
  assert.ok(lines.includes('p cnf 100 426'));
  assert.ok(lines.includes('-82 15 4 0'));
  const weighted = await cli('gen', '--vars', '30', '--weighted', '9');
  assert.match(weighted.stdout, /^[1-9] -?\d+ -?\d+ -?\d+ 0$/m);
  for (const argv of [['gen'], ['gen', '--vars', 'ten'], ['gen', '--vars', '10', '--bogus'], ['frobnicate'], ['verify', 'a']]) {
    const bad = await cli(...argv);
    assert.equal(bad.code, 2, argv.join(' '));
    assert.ok(bad.stderr.length > 0);
  }
  assert.match((await cli('--help')).stdout, /polystep info/);
});
