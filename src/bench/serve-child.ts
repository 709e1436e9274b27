// A `polystep serve` child process on a free loopback port, for scripts that test the real service.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { INSTANCES_DIR } from '../instances/manifest.js';

const BIN = resolve(INSTANCES_DIR, '../bin/polystep.js');

export interface ServeChild {
  readonly child: ChildProcess;
  /** http://127.0.0.1:PORT */
  readonly url: string;
}

export interface ServeChildOptions {
  /** Environment on top of this process's. */
  readonly env?: Record<string, string>;
  /** The launcher of another checkout (to measure it); default this one's. */
  readonly bin?: string;
  /** Solver workers; default one. */
  readonly workers?: number;
}

/** Starts the service on `db`; resolves once it listens. */
export function startServeChild(db: string, options: ServeChildOptions = {}): Promise<ServeChild> {
  const { env = {}, bin = BIN, workers = 1 } = options;
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, '--workers', String(workers)], {
    env: { ...process.env, HOST: '127.0.0.1', POLYSTEP_LOG_REQUESTS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'listening' && entry.url !== undefined) resolveStart({ child, url: entry.url });
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code} before listening`)));
  });
}

/** Whether the child has ended (exited or killed by a signal). */
export const hasEnded = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Ends the child with `signal` and waits for it (at once when it has ended already). */
export function stopServeChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (hasEnded(child)) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill(signal);
  return exited;
}
