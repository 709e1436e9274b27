// `polystep worker` child processes for the cluster tests and bench.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { lineFrom } from './redis-child.js';

const BIN = join(INSTANCES_DIR, '../bin/polystep.js');

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly name: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL: no goodbye, its job stalls. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startWorker(url: string, name: string, opts: { concurrency?: number; queue?: string } = {}): Promise<WorkerProcess> {
  const args = [BIN, 'worker', '--redis', url, '--concurrency', String(opts.concurrency ?? 1), '--name', name, '--grace', '2'];
  if (opts.queue !== undefined) args.push('--queue', opts.queue);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => void (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => void (out += c.toString()));
  await lineFrom(child, /"msg":"ready"/, `worker ${name}`);
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return {
    child,
    name,
    output: () => out,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
