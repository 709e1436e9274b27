// Per-solver totals of the anytime bench's verdicts, and the table it prints.

import { BIG_WEIGHTS, type SampleInstance } from './anytime-sample.js';
import type { RunVerdict, ViolationKind } from './run-verdict.js';
import { tableLines } from './text-table.js';

export interface AnytimeRun {
  readonly instance: SampleInstance;
  readonly solver: string;
  readonly seed: number;
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly verdict: RunVerdict;
}

export interface SolverSummary {
  readonly solver: string;
  readonly runs: number;
  readonly violations: number;
  readonly violationPercent: number;
  readonly violationKinds: Partial<Record<ViolationKind, number>>;
  /** Runs and violations on instances whose soft weights total ≥ 2^50. */
  readonly bigRuns: number;
  readonly bigViolations: number;
  /** Instance names of violating runs, in sample order (seed appended when several seeds ran). */
  readonly violationInstances: readonly string[];
  readonly certifiedRuns: number;
  readonly reachedOptimum: number;
  readonly unsatRuns: number;
  readonly answeredUnsat: number;
  readonly wrongUnsat: readonly string[];
  readonly belowOptimum: readonly string[];
  readonly falseOptimum: readonly string[];
  readonly exitInconsistent: number;
  readonly stderrNonEmpty: number;
  /** No single s line, junk lines, a crash or a kill. */
  readonly broken: number;
  readonly costsNotDecreasing: number;
  readonly meanWallMs: number;
}

function runLabel(run: AnytimeRun, seeds: number): string {
  return seeds > 1 ? `${run.instance.name}#${run.seed}` : run.instance.name;
}

export function summarizeSolver(solver: string, runs: readonly AnytimeRun[], seeds: number): SolverSummary {
  const mine = runs.filter((r) => r.solver === solver);
  const label = (r: AnytimeRun) => runLabel(r, seeds);
  const violating = mine.filter((r) => r.verdict.violations.length > 0);
  const kinds: Partial<Record<ViolationKind, number>> = {};
  for (const r of violating) for (const k of r.verdict.violations) kinds[k] = (kinds[k] ?? 0) + 1;
  const big = mine.filter((r) => r.instance.softTotal >= BIG_WEIGHTS);
  const certified = mine.filter((r) => r.verdict.reachedOptimum !== null);
  const unsat = mine.filter((r) => r.instance.truth.feasible === false);
  return {
    solver,
    runs: mine.length,
    violations: violating.length,
    violationPercent: mine.length === 0 ? 0 : (100 * violating.length) / mine.length,
    violationKinds: kinds,
    bigRuns: big.length,
    bigViolations: big.filter((r) => r.verdict.violations.length > 0).length,
    violationInstances: violating.map(label),
    certifiedRuns: certified.length,
    reachedOptimum: certified.filter((r) => r.verdict.reachedOptimum === true).length,
    unsatRuns: unsat.length,
    answeredUnsat: unsat.filter((r) => r.verdict.status === 'UNSATISFIABLE').length,
    wrongUnsat: mine.filter((r) => r.verdict.wrongUnsat).map(label),
    belowOptimum: mine.filter((r) => r.verdict.belowOptimum).map(label),
    falseOptimum: mine.filter((r) => r.verdict.falseOptimum).map(label),
    exitInconsistent: mine.filter((r) => !r.verdict.exitConsistent).length,
    stderrNonEmpty: mine.filter((r) => r.verdict.stderrBytes > 0).length,
    broken: mine.filter((r) => r.verdict.broken).length,
    costsNotDecreasing: mine.filter((r) => !r.verdict.costsDecrease).length,
    meanWallMs: mine.length === 0 ? 0 : mine.reduce((s, r) => s + r.wallMs, 0) / mine.length,
  };
}

/** The table with a rule of dashes under its header. */
function table(headers: readonly string[], rows: readonly string[][]): string[] {
  const [head, ...body] = tableLines(headers, rows, [0]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, widths.map((w) => '-'.repeat(w)).join('  '), ...body];
}

function names(list: readonly string[], max: number): string {
  const short = list.slice(0, max).map((n) => n.replace(/([0-9a-f]{8})[0-9a-f]{56}/, '$1…'));
  return short.join(', ') + (list.length > max ? `, … (${list.length - max} more)` : '');
}

/** The readable report: one row per solver, then what went wrong where. */
export function formatSummary(summaries: readonly SolverSummary[], maxNames = 6): string {
  const rows = summaries.map((s) => [
    s.solver,
    String(s.runs),
    String(s.violations),
    `${s.violationPercent.toFixed(1)}%`,
    `${s.bigViolations}/${s.bigRuns}`,
    `${s.reachedOptimum}/${s.certifiedRuns}`,
    `${s.answeredUnsat}/${s.unsatRuns}`,
    String(s.wrongUnsat.length),
    String(s.falseOptimum.length),
    String(s.exitInconsistent),
    String(s.stderrNonEmpty),
    String(s.broken),
    (s.meanWallMs / 1000).toFixed(2),
  ]);
  const headers = ['solver', 'runs', 'viol', 'viol%', 'viol≥2^50', 'o=cert.opt', 'UNSAT', 'wrongUNSAT', 'falseOPT', 'exit≠s', 'stderr', 'broken', 'wall s'];
  const out = table(headers, rows);
  out.push('', 'viol: the v model does not cost the last o (or o/v missing, v malformed or breaking a hard clause, a claim without v).');
  for (const s of summaries) {
    if (s.violations === 0) continue;
    const kinds = Object.entries(s.violationKinds).map(([k, n]) => `${k} ${n}`).join(', ');
    out.push(`${s.solver}: ${kinds}; e.g. ${names(s.violationInstances, maxNames)}`);
  }
  for (const s of summaries) {
    if (s.wrongUnsat.length > 0) out.push(`ERROR ${s.solver} answered UNSATISFIABLE on feasible instances: ${names(s.wrongUnsat, maxNames)}`);
    if (s.belowOptimum.length > 0) out.push(`ERROR ${s.solver} has models below the certified optimum: ${names(s.belowOptimum, maxNames)}`);
    if (s.falseOptimum.length > 0) out.push(`${s.solver} claimed OPTIMUM FOUND at a non-optimal cost: ${names(s.falseOptimum, maxNames)}`);
  }
  return out.join('\n');
}
