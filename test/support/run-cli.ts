// Runs the CLI in-process and captures what it prints.

import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** The io's stop request (what SIGINT/SIGTERM abort for a real process). */
  readonly stop?: AbortSignal;
  readonly stderrIsTty?: boolean;
  /** Sees each piece of stdout as it is written (e.g. to stop once a line appears). */
  readonly onStdout?: (text: string) => void;
}

export async function cliWith(options: CliOptions, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
      options.onStdout?.(t);
    },
    stderr: (t) => void (stderr += t),
    stderrIsTty: options.stderrIsTty ?? false,
    stop: options.stop,
  });
  return { code, stdout, stderr };
}

export function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}
