import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliWith } from './support/run-cli.js';
import { instancesDir, repoRoot } from './support/paths.js';

// A stop (SIGINT/SIGTERM) that comes before the search starts must still give a MaxSAT Evaluation
// answer (`s UNKNOWN`, exit 0), never a silent death by the signal (exit 143).

const tmp = mkdtempSync(join(tmpdir(), 'polystep-stop-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(repoRoot, 'bin/polystep.js');
const uf20 = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');
const paper1k = join(instancesDir, 'paper/random-3sat-n1000-s42.cnf');
const holdImport = join(repoRoot, 'dist/test/support/hold-import.js');
const slow = { timeout: 120_000 };

let bigFile: string | null = null;
/** 300,000 variables of random 3-SAT (about 27 MB): parsing it takes well over 100 ms. */
async function big(): Promise<string> {
  if (bigFile !== null) return bigFile;
  const path = join(tmp, 'n300000.cnf');
  assert.equal((await cli('gen', '--vars', '300000', '--out', path)).code, 0);
  bigFile = path;
  return path;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcessWithoutNullStreams; exited: Promise<Exit>; stdout: () => string } {
  const child = spawn(process.execPath, args, { env, stdio: 'pipe' });
  child.stdin.on('error', () => {}); // a child that died early breaks the pipe we still write to
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited, stdout: () => stdout };
}

/** A stopped solve answers: `s UNKNOWN` with exit 0, or (if the search had begun) its best with that status. */
function assertAnswered(run: Exit): void {
  assert.equal(run.signal, null, `killed by ${run.signal}; stdout: ${run.stdout}`);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const status = /^s (.+)$/m.exec(run.stdout)?.[1];
  const expected: Record<string, number> = { UNKNOWN: 0, SATISFIABLE: 10, 'OPTIMUM FOUND': 30 };
  assert.ok(status !== undefined && status in expected, `an s line: ${run.stdout}`);
  assert.equal(run.code, expected[status as string], run.stdout);
}

test('SIGTERM while solve is reading its instance from a pipe prints s UNKNOWN and exits with 0', slow, async () => {
  const bytes = readFileSync(await big());
  const { child, exited } = start([bin, 'solve', '-']);
  // The write completes once the child has read all but a pipe buffer of it: it is parsing, and
  // cannot finish, since the rest of the instance never comes.
  child.stdin.write(bytes.subarray(0, 4 << 20), () => child.kill('SIGTERM'));
  const run = await exited;
  assert.deepEqual([run.signal, run.code], [null, 0], run.stderr);
  assert.match(run.stdout, /^s UNKNOWN$/m);
  assert.doesNotMatch(run.stdout, /^[ov] /m);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

test('SIGTERM while solve parses a large file gives an answer, not a death by the signal', { ...slow, skip: !existsSync('/proc/self/fd') && 'needs /proc' }, async () => {
  const file = await big();
  const { child, exited, stdout } = start([bin, 'solve', file]);
  // The marker: the child holds the file open, so it is reading it (the parse streams it by chunks);
  // a `c` line means the parse is over already (a loaded machine): the stop then meets the search.
  const isReading = () => {
    try {
      return readdirSync(`/proc/${child.pid}/fd`).some((fd) => readlinkSync(`/proc/${child.pid}/fd/${fd}`) === file);
    } catch {
      return false;
    }
  };
  const poll = setInterval(() => {
    if (isReading() || /^c /m.test(stdout())) {
      clearInterval(poll);
      child.kill('SIGTERM');
    }
  }, 2);
  const run = await exited;
  clearInterval(poll);
  assertAnswered(run);
});

for (const [stage, module] of [
  ['the main CLI module', '/dist/src/cli/main.js'],
  ['the solve command module', '/dist/src/cli/commands/solve.js'],
]) {
  test(`SIGTERM while ${stage} is still loading gives an answer`, slow, async () => {
    const release = join(tmp, `release-${module.replace(/\W/g, '_')}`);
    const env = { ...process.env, POLYSTEP_HOLD_IMPORT: module, POLYSTEP_HOLD_RELEASE: release };
    const { child, exited } = start(['--import', holdImport, bin, 'solve', await big()], env);
    child.stderr.on('data', (d: Buffer) => {
      if (!d.toString().includes('holding ') || child.killed) return;
      child.kill('SIGTERM');
      writeFileSync(release, '');
    });
    const run = await exited;
    assertAnswered(run);
    assert.match(run.stderr, /^holding /m, 'the hold happened');
  });
}

test('solve with a stop already requested answers s UNKNOWN without searching', async () => {
  const run = await cliWith({ stop: AbortSignal.abort('SIGTERM') }, 'solve', uf20);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^s UNKNOWN$/m);
  assert.doesNotMatch(run.stdout, /^[ov] /m);
});

test('a stop during the search ends it with the best assignment so far', async () => {
  const stop = new AbortController();
  const run = await cliWith({ stop: stop.signal, onStdout: (t) => /^o \d+$/m.test(t) && stop.abort('SIGINT') }, 'solve', paper1k, '--steps', '20000');
  assert.match(run.stdout, /^c stopped: aborted after \d+ steps/m);
  assert.equal(run.code, 10);
  assert.match(run.stdout, /^s SATISFIABLE$/m);
  assert.equal(/^v ([01]+)$/m.exec(run.stdout)?.[1].length, 1000);
});

test('a command that does not watch the stop ends with 128 + the signal number', async () => {
  const run = await cliWith({ stop: AbortSignal.abort('SIGINT') }, 'info', uf20);
  assert.equal(run.code, 130);
  assert.equal(run.stdout, '');
});
