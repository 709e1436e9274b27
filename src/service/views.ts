// JSON representations of stored records: exact costs as decimal strings, timings, links.

import type { ProblemRecord, RunEvent, RunRecord } from '../store/records.js';
import { clientText } from './client-text.js';

export function problemView(p: ProblemRecord) {
  return {
    id: p.id,
    kind: p.kind,
    format: p.format,
    name: p.name,
    variables: p.variables,
    clauses: p.clauses,
    hardClauses: p.hardClauses,
    softClauses: p.softClauses,
    contentBytes: p.contentBytes,
    summary: p.summary,
    createdAt: p.createdAt,
    links: { self: `/v1/problems/${p.id}`, runs: `/v1/runs?problemId=${p.id}` },
  };
}

function msBetween(from: string | null, to: string | null): number | null {
  return from === null || to === null ? null : Date.parse(to) - Date.parse(from);
}

export function runView(r: RunRecord) {
  const base = `/v1/runs/${r.id}`;
  return {
    id: r.id,
    problemId: r.problemId,
    status: r.status,
    solver: r.solver,
    preset: r.preset,
    config: r.config,
    termination: r.termination,
    seed: r.seed,
    attempt: r.attempt,
    backend: r.backend,
    backendRequest: r.backendRequest ?? 'auto',
    stopReason: r.stopReason,
    error: r.error === null ? null : clientText(r.error),
    best:
      r.best === null
        ? null
        : { cost: r.best.cost.toString(), feasible: r.best.feasible, satRatio: r.best.satRatio, falsifiedClauses: r.best.falsifiedClauses, step: r.best.step },
    steps: r.steps,
    evaluations: r.evaluations,
    timestamps: { queuedAt: r.queuedAt, startedAt: r.startedAt, finishedAt: r.finishedAt, cancelRequestedAt: r.cancelRequestedAt },
    timing: { queuedMs: msBetween(r.queuedAt, r.startedAt), parseMs: r.parseMs, solveMs: r.solveMs },
    links: { self: base, trace: `${base}/trace`, events: `${base}/events`, solution: `${base}/solution`, problem: `/v1/problems/${r.problemId}` },
  };
}

export function eventView(e: RunEvent) {
  const { runId: _runId, bestCost, ...rest } = e;
  return bestCost === undefined ? rest : { ...rest, bestCost: bestCost.toString() };
}

// `attempt` comes last, so readers of the columns before it are not disturbed.
export const TRACE_COLUMNS = ['seq', 'type', 'status', 'step', 'evaluations', 'elapsedMs', 'cost', 'satRatio', 'bestCost', 'bestSatRatio', 'feasible', 'createdAt', 'attempt'] as const;

export function traceCsv(events: readonly RunEvent[]): string {
  const rows = events.map((e) => {
    const v = eventView(e) as Record<string, unknown>;
    return TRACE_COLUMNS.map((c) => (v[c] === undefined ? '' : String(v[c]))).join(',');
  });
  return `${TRACE_COLUMNS.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}
