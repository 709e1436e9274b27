// `polystep info <file>`: family, format, counts and statistics of a problem file.

import { parseCommandArgs } from '../args.js';
import { CliError, EXIT_USAGE } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LOAD_OPTIONS, loadProblem } from '../load-problem.js';
import type { Description } from '../../problems/family.js';
import type { LoadedProblem } from '../../problems/load-problem.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
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
  return table(rows);
}

function table(rows: readonly (readonly [string, string | number])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

/** Families other than MAX-SAT: their description, flat. */
function describedText(path: string, problem: LoadedProblem, d: Description): string {
  const rows: [string, string | number][] = [
    ['file', path],
    ['family', problem.family.title],
    ['format', d.format],
    ['objective', problem.sense === 'max' ? 'maximised' : 'minimised'],
    ['variables', d.variables],
    ['terms', d.terms],
  ];
  for (const [k, v] of Object.entries(d.summary)) if (typeof v !== 'object' || v === null) rows.push([k, String(v)]);
  return table(rows);
}

export async function infoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...LOAD_OPTIONS, json: { type: 'boolean' } }, INFO_USAGE);
  if (positionals.length !== 1) throw new CliError(INFO_USAGE, EXIT_USAGE);
  const problem = (await loadProblem(positionals[0], values, io))!;
  if (problem.family.name === 'maxsat') {
    const summary = summarize(problem.inst as MaxSatInstance);
    io.stdout(values.json ? `${toJson({ family: 'maxsat', sense: 'min', ...summary }, 2)}\n` : toText(positionals[0], summary));
    return 0;
  }
  const described = problem.family.describe(problem.inst);
  io.stdout(values.json ? `${toJson({ family: problem.family.name, sense: problem.sense, ...described }, 2)}\n` : describedText(positionals[0], problem, described));
  return 0;
}
