// `polystep gen`: the paper's random k-SAT instances (CPython-exact), optionally weighted.

import { generateRandomKSat } from '../../problems/maxsat/random-ksat.js';
import { writeDimacs, writeDimacsFile } from '../../problems/maxsat/dimacs-writer.js';
import { intFlag, numberFlag, parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { GEN_USAGE } from '../usage.js';

export async function genCommand(argv: string[], io: CliIo): Promise<number> {
  const options = {
    vars: { type: 'string' },
    ratio: { type: 'string' },
    k: { type: 'string' },
    seed: { type: 'string' },
    weighted: { type: 'string' },
    out: { type: 'string', short: 'o' },
  } as const;
  const { values, positionals } = parseCommandArgs(argv, options, GEN_USAGE);
  if (positionals.length > 0 || values.vars === undefined) throw new CliError(GEN_USAGE, EXIT_USAGE);
  const k = intFlag(values.k, 'k', 3, 1, 64);
  const numVars = intFlag(values.vars, 'vars', 0, k, 2 ** 27);
  const ratio = numberFlag(values.ratio, 'ratio', 4.27);
  const seed = intFlag(values.seed, 'seed', 42, 0);
  const maxWeight = values.weighted === undefined ? undefined : intFlag(values.weighted, 'weighted', 1, 1);
  const inst = generateRandomKSat({
    numVars,
    ratio,
    k,
    seed,
    weighted: maxWeight === undefined ? undefined : { maxWeight },
  });
  const format = maxWeight === undefined ? 'cnf' : 'wcnf';
  if (values.out !== undefined) {
    await writeDimacsFile(inst, format, values.out);
    io.stderr(`wrote ${values.out}: ${inst.numVars} variables, ${inst.numClauses} clauses\n`);
  } else {
    writeDimacs(inst, format, (chunk) => io.stdout(chunk.toString('latin1')));
  }
  return 0;
}
