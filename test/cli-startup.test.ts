import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { instancesDir, repoRoot } from './support/paths.js';

// Start-up cost is measured by `npm run bench:startup`; this checks the cause: what gets loaded.

const SERVICE_STACK = ['express', 'better-sqlite3', 'tsyringe', 'busboy', 'reflect-metadata'];

/** Runs the CLI in a fresh node and lists the npm packages it loaded through the CommonJS loader. */
function packagesLoaded(argv: string[]): { code: number; stdout: string; packages: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const { runCli } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/src/cli/main.js')).href)});
    let stdout = '';
    const io = { stdout: (t) => (stdout += t), stderr: () => {}, stderrIsTty: false };
    const code = await runCli(process.argv.slice(1), io);
    const packages = [...new Set(Object.keys(createRequire(import.meta.url).cache).flatMap((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1] ?? []))];
    process.stdout.write(JSON.stringify({ code, stdout, packages }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, '--', ...argv], { encoding: 'utf8' }));
}

test('help texts load none of the service stack', () => {
  for (const argv of [['--help'], ['solve', '--help'], ['verify', '--help'], ['serve', '--help']]) {
    const run = packagesLoaded(argv);
    assert.equal(run.code, 0, argv.join(' '));
    assert.match(run.stdout, /usage: polystep|polystep — /, argv.join(' '));
    assert.deepEqual(run.packages.filter((p) => SERVICE_STACK.includes(p)), [], argv.join(' '));
  }
});

test('solve and verify run without loading the service stack', () => {
  const uf20 = join(instancesDir, 'satlib/uf20-91/uf20-01.cnf');
  for (const argv of [['solve', uf20, '--solver', 'walksat'], ['verify', uf20, '0'.repeat(20)]]) {
    const run = packagesLoaded(argv);
    assert.match(run.stdout, /^s /m, argv.join(' '));
    assert.deepEqual(run.packages.filter((p) => SERVICE_STACK.includes(p)), [], argv.join(' '));
  }
});
