#!/usr/bin/env node
// Launcher for the compiled CLI (dist/ is built by `npm run build`, or by `npm start`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('polystep: not built yet; run "npm run build" in the project folder\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
