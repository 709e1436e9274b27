// A real redis-server for the cluster tests and bench: a free port, a temp dir, an append-only file so a restart keeps the jobs.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REDIS_SERVER = '/usr/bin/redis-server';
/** Why the cluster tests skip, or false when they can run. */
export const redisSkip: string | false = existsSync(REDIS_SERVER) ? false : `${REDIS_SERVER} is not installed (apt-get install redis-server; .ci/run does)`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `child`'s stdout has printed a line matching `pattern`; rejects if it exits first. */
export function lineFrom(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(line);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen.slice(-2000)}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

export class RedisServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'polystep-redis-'));
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A clean shutdown (the append-only file is flushed), then the same port and dir again. */
  async restart(downMs = 0): Promise<void> {
    await this.halt();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.halt();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const child = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--loglevel', 'notice'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await lineFrom(child, /Ready to accept connections/, 'redis-server');
  }

  private async halt(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
