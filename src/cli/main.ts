// The `polystep` command: dispatches to a subcommand; user errors never print a stack trace.

import { CliError, EXIT_USAGE } from './cli-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { BENCH_USAGE, GEN_USAGE, INFO_USAGE, SERVE_USAGE, SOLVE_USAGE, VERIFY_USAGE } from './usage.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

interface CommandEntry {
  readonly usage: string;
  /** Commands load on dispatch: one command's imports (the service stack for serve) slow every other. */
  readonly load: () => Promise<Command>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  info: { usage: INFO_USAGE, load: async () => (await import('./commands/info.js')).infoCommand },
  verify: { usage: VERIFY_USAGE, load: async () => (await import('./commands/verify.js')).verifyCommand },
  gen: { usage: GEN_USAGE, load: async () => (await import('./commands/gen.js')).genCommand },
  solve: { usage: SOLVE_USAGE, load: async () => (await import('./commands/solve.js')).solveCommand },
  serve: { usage: SERVE_USAGE, load: async () => (await import('./commands/serve.js')).serveCommand },
  bench: { usage: BENCH_USAGE, load: async () => (await import('./commands/bench.js')).benchCommand },
};

export const HELP = `polystep — PolyStep MAX-SAT solver service and tools

${Object.values(COMMANDS)
  .map((c) => c.usage.split('\n')[0].replace(/^usage: /, '  '))
  .join('\n')}

Run "polystep <command> --help" for one command's options.
`;

/** Runs the CLI in-process and returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
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
    return await (await command.load())(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`polystep ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`polystep ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 70;
  }
}
