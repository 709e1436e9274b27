// MaxSAT Evaluation output: `o` cost, `s` status and `v` assignment lines, and their exit codes.

import { formatAssignment } from './assignment.js';

export type SolveStatus = 'OPTIMUM FOUND' | 'SATISFIABLE' | 'UNSATISFIABLE' | 'UNKNOWN';

export const STATUS_EXIT_CODE: Readonly<Record<SolveStatus, number>> = {
  'OPTIMUM FOUND': 30,
  SATISFIABLE: 10,
  UNSATISFIABLE: 20,
  UNKNOWN: 0,
};

export interface SolutionReport {
  readonly status: SolveStatus;
  /** Absent when no feasible assignment is known. */
  readonly cost?: bigint;
  readonly assignment?: Uint8Array;
}

export function costLine(cost: bigint): string {
  return `o ${cost}`;
}

export function solutionLines(report: SolutionReport): string[] {
  const lines: string[] = [];
  if (report.cost !== undefined) lines.push(costLine(report.cost));
  lines.push(`s ${report.status}`);
  if (report.assignment !== undefined && report.status !== 'UNSATISFIABLE') {
    lines.push(`v ${formatAssignment(report.assignment)}`);
  }
  return lines;
}
