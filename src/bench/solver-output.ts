// Reads a MaxSAT solver's stdout as the Evaluation does: `o` costs, one `s` status, one `v` model.

import type { SolveStatus } from '../problems/maxsat/solution-output.js';

const STATUSES: readonly string[] = ['OPTIMUM FOUND', 'SATISFIABLE', 'UNSATISFIABLE', 'UNKNOWN'];

export interface SolverOutput {
  /** Every `o` value in order. */
  readonly costs: readonly bigint[];
  /** Every `s` payload in order (normally one). */
  readonly statuses: readonly string[];
  /** Every `v` payload in order (normally one: a 0/1 character per variable). */
  readonly models: readonly string[];
  /** Lines that are neither comments nor well-formed `o`, `s` or `v` lines, with their 1-based number. */
  readonly badLines: readonly { readonly line: number; readonly text: string }[];
}

export function parseSolverOutput(stdout: string): SolverOutput {
  const costs: bigint[] = [];
  const statuses: string[] = [];
  const models: string[] = [];
  const badLines: { line: number; text: string }[] = [];
  stdout.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.trimEnd();
    if (text === '' || text === 'c' || text.startsWith('c ')) return;
    const o = /^o\s+([0-9]+)$/.exec(text);
    if (o !== null) return void costs.push(BigInt(o[1]));
    const s = /^s\s+(.*)$/.exec(text);
    if (s !== null && STATUSES.includes(s[1].trim())) return void statuses.push(s[1].trim());
    const v = /^v(?:\s+(.*))?$/.exec(text);
    if (v !== null) return void models.push((v[1] ?? '').trim());
    badLines.push({ line: index + 1, text: text.slice(0, 80) });
  });
  return { costs, statuses, models, badLines };
}

export function lastCost(out: SolverOutput): bigint | null {
  return out.costs.length === 0 ? null : out.costs[out.costs.length - 1];
}

/** The single status, or null when there is none or more than one. */
export function finalStatus(out: SolverOutput): SolveStatus | null {
  return out.statuses.length === 1 ? (out.statuses[0] as SolveStatus) : null;
}

/** The `v` payload as one 0/1 byte per variable; a string naming the defect when it is not exactly that. */
export function decodeModel(payload: string, numVars: number): Uint8Array | string {
  if (!/^[01]*$/.test(payload)) return 'the v line holds characters other than 0 and 1';
  if (payload.length !== numVars) return `the v line has ${payload.length} values for ${numVars} variables`;
  return Uint8Array.from(payload, (ch) => ch.charCodeAt(0) - 48);
}

/** True when each `o` is below the one before, as an anytime solver should print them. */
export function costsDecrease(out: SolverOutput): boolean {
  return out.costs.every((cost, i) => i === 0 || cost < out.costs[i - 1]);
}
