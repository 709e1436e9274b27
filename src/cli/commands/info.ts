// `polystep info <file>`: format, counts and weight statistics of a DIMACS instance.

import { parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LOAD_OPTIONS, loadInstance } from '../load-instance.js';
import { summarize, type InstanceSummary } from '../../problems/maxsat/summary.js';
import { toJson } from '../../common/json.js';
import { INFO_USAGE } from '../usage.js';

function toText(path: string, s: InstanceSummary): string {
  const rows: [string, string | number][] = [
    ['file', path],
    ['format', s.format],
    ['variables', s.variables],
    ['clauses', `${s.clauses} (${s.hardClauses} hard, ${s.softClauses} soft)`],
    ['literals', s.literals],
    ['clause length', `min ${s.clauseLength.min}, max ${s.clauseLength.max}, mean ${s.clauseLength.mean.toFixed(3)}`],
  ];
  if (s.weights !== null) {
    const w = s.weights;
    rows.push(['soft weights', w.unweighted ? 'all 1' : `min ${w.min}, max ${w.max}, ${w.distinct} distinct`]);
    rows.push(['total soft weight', w.total.toString()]);
  }
  if (s.top !== null) rows.push(['top', s.top.toString()]);
  rows.push(['empty clauses', `${s.emptyHardClauses} hard, ${s.emptySoftClauses} soft`]);
  rows.push(['tautologies', s.tautologies]);
  rows.push(['duplicate literals removed', s.duplicateLiteralsRemoved]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

export async function infoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...LOAD_OPTIONS, json: { type: 'boolean' } }, INFO_USAGE);
  if (positionals.length !== 1) throw new CliError(INFO_USAGE, EXIT_USAGE);
  const summary = summarize(await loadInstance(positionals[0], values, io));
  io.stdout(values.json ? `${toJson(summary, 2)}\n` : toText(positionals[0], summary));
  return 0;
}
