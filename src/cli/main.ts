// The `polystep` command: dispatches to a subcommand; user errors never print a stack trace.

import { CliError, EXIT_USAGE } from './cli-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { exitCodeWhenStopped, stopExitCode } from './stop.js';
import { BENCH_USAGE, GEN_USAGE, INFO_USAGE, SERVE_USAGE, SOLVE_USAGE, VERIFY_USAGE, WORKER_USAGE } from './usage.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

interface CommandEntry {
  readonly usage: string;
  /** Commands load on dispatch: one command's imports (the service stack for serve) slow every other. */
  readonly load: () => Promise<Command>;
  /** Answers a stop itself (`s UNKNOWN`, a clean shutdown); the others end at once with 128 + signal. */
  readonly watchesStop?: boolean;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  info: { usage: INFO_USAGE, load: async () => (await import('./commands/info.js')).infoCommand },
  verify: { usage: VERIFY_USAGE, load: async () => (await import('./commands/verify.js')).verifyCommand },
  gen: { usage: GEN_USAGE, load: async () => (await import('./commands/gen.js')).genCommand },
  solve: { usage: SOLVE_USAGE, load: async () => (await import('./commands/solve.js')).solveCommand, watchesStop: true },
  serve: { usage: SERVE_USAGE, load: async () => (await import('./commands/serve.js')).serveCommand, watchesStop: true },
  bench: { usage: BENCH_USAGE, load: async () => (await import('./commands/bench.js')).benchCommand, watchesStop: true },
  worker: { usage: WORKER_USAGE, load: async () => (await import('./commands/worker.js')).workerCommand, watchesStop: true },
};

export const HELP = `polystep — PolyStep MAX-SAT solver service and tools

${Object.values(COMMANDS)
  .map((c) => c.usage.split('\n')[0].replace(/^usage: /, '  '))
  .join('\n')}

Run "polystep <command> --help" for one command's options.
`;

async function dispatch(command: CommandEntry, argv: string[], io: CliIo): Promise<number> {
  const run = await command.load();
  if (command.watchesStop) return run(argv, io);
  // Without a stop handler these commands died by the signal; ending them now keeps that.
  if (io.stop?.aborted) return stopExitCode(io.stop);
  return Promise.race([run(argv, io), exitCodeWhenStopped(io.stop)]);
}

/**
 * Runs the CLI in-process and returns the exit code. It never exits the process: a command a stop
 * ended may still have work in flight, which the caller (bin/polystep.js) cuts short.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (command === undefined) throw new CliError(`unknown command "${name}"\n\n${HELP}`, EXIT_USAGE);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n`);
      return 0;
    }
    return await dispatch(command, rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`polystep ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`polystep ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 70;
  }
}
