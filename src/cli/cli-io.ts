// What every command needs from the outside world, injectable so tests can run commands in-process.

import { stopOnProcessSignals } from './stop.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars). */
  readonly stderrIsTty: boolean;
  /**
   * Aborts when the user asks to stop (SIGINT/SIGTERM for the real process; its reason is the
   * signal's name). Absent: nobody can ask. Tests pass their own and abort it themselves.
   */
  readonly stop?: AbortSignal;
}

/**
 * The process's own io. It binds SIGINT/SIGTERM to `stop` when called, so call it once and as
 * early as possible: a signal before that still kills the process without an answer.
 */
export function processIo(): CliIo & { readonly stop: AbortSignal } {
  // A reader that went away (`polystep gen … | head`) ends the command quietly, as Unix tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    stop: stopOnProcessSignals(),
  };
}
