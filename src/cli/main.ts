// The `polystep` command: dispatches to a subcommand; user errors never print a stack trace.

import { CliError, EXIT_USAGE } from './cli-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { benchCommand, BENCH_USAGE } from './commands/bench.js';
import { genCommand, GEN_USAGE } from './commands/gen.js';
import { infoCommand, INFO_USAGE } from './commands/info.js';
import { serveCommand, SERVE_USAGE } from './commands/serve.js';
import { solveCommand, SOLVE_USAGE } from './commands/solve.js';
import { verifyCommand, VERIFY_USAGE } from './commands/verify.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  info: { run: infoCommand, usage: INFO_USAGE },
  verify: { run: verifyCommand, usage: VERIFY_USAGE },
  gen: { run: genCommand, usage: GEN_USAGE },
  solve: { run: solveCommand, usage: SOLVE_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  bench: { run: benchCommand, usage: BENCH_USAGE },
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
  const command = COMMANDS[name];
  try {
    if (command === undefined) throw new CliError(`unknown command "${name}"\n\n${HELP}`, EXIT_USAGE);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`polystep ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`polystep ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 70;
  }
}
