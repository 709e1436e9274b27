// Runs commands as child processes, a bounded number at a time, capturing what they print.

import { spawn } from 'node:child_process';

export interface ChildResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** We sent SIGTERM (and SIGKILL if that did not end it) after `killAfterMs`. */
  readonly killed: boolean;
  readonly wallMs: number;
}

export interface ChildOptions {
  /** Past this, SIGTERM (a MaxSAT solver then prints its best); SIGKILL 5 s later. */
  readonly killAfterMs: number;
}

const KILL_GRACE_MS = 5000;

/** Runs `command args`; never rejects: a failure to start is an exit code null with the error on stderr. */
export function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let killed = false;
    let hardKill: NodeJS.Timeout | undefined;
    const softKill = setTimeout(() => {
      killed = true;
      child.kill('SIGTERM');
      hardKill = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, options.killAfterMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let spawnError = '';
    child.on('error', (e) => {
      spawnError = `${e.message}\n`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(softKill);
      clearTimeout(hardKill);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + spawnError,
        exitCode: code,
        signal,
        killed,
        wallMs: performance.now() - started,
      });
    });
  });
}

/**
 * Runs `work(item)` for every item with at most `concurrency` in flight; results keep the items'
 * order. `onDone` is told after each one finishes (for progress).
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  onDone?: (done: number, result: R) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]);
      onDone?.(++done, results[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}
