#!/usr/bin/env node
// Launcher for the compiled CLI (dist/ is built by `npm run build`, or by `npm start`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli/', import.meta.url);
if (!existsSync(new URL('main.js', cli))) {
  process.stderr.write('polystep: not built yet; run "npm run build" in the project folder\n');
  process.exit(1);
}
// Stop handling first, before the slow imports: from here on SIGINT/SIGTERM is a request the
// command answers (solve prints "s UNKNOWN" before its search starts), not a silent death.
const { processIo } = await import(new URL('cli-io.js', cli).href);
const io = processIo();
const { runCli } = await import(new URL('main.js', cli).href);
const code = await runCli(process.argv.slice(2), io);
// A stopped command may leave work in flight (a read being cancelled, a command that ignores the
// stop): leave now. What it printed is out, as stdout writes to files and pipes are synchronous on Linux.
if (io.stop.aborted) process.exit(code);
process.exitCode = code;
