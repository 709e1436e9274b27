// JSON representations of stored records: exact costs as decimal strings, timings, links.

import { objectiveOf } from '../problems/family.js';
import type { ProblemRecord, RunEvent, RunRecord, Sense } from '../store/records.js';
import { SOLVERS } from '../solvers/registry.js';
import { clientText } from './client-text.js';

export function problemView(p: ProblemRecord) {
  return {
    id: p.id,
    family: p.family,
    format: p.format,
    ...(Object.keys(p.options).length > 0 ? { options: p.options } : {}),
    sense: p.sense,
    name: p.name,
    variables: p.variables,
    terms: p.terms,
    ...clauseCounts(p),
    contentBytes: p.contentBytes,
    summary: p.summary,
    createdAt: p.createdAt,
    links: { self: `/v1/problems/${p.id}`, runs: `/v1/runs?problemId=${p.id}` },
  };
}

/** MAX-SAT problems keep their clause counts at the top, as before families existed (clients read them there). */
function clauseCounts(p: ProblemRecord): { clauses?: number; hardClauses?: number; softClauses?: number } {
  if (p.family !== 'maxsat') return {};
  const { hardClauses, softClauses } = p.summary as { hardClauses?: number; softClauses?: number };
  return { clauses: p.terms, hardClauses, softClauses };
}

/** Solvers without presets store `default` (the column predates them); views show none. */
function readsPreset(solver: string): boolean {
  return SOLVERS.find((s) => s.name === solver)?.usesPreset ?? true;
}

function msBetween(from: string | null, to: string | null): number | null {
  return from === null || to === null ? null : Date.parse(to) - Date.parse(from);
}

export function runView(r: RunRecord) {
  const base = `/v1/runs/${r.id}`;
  return {
    id: r.id,
    problemId: r.problemId,
    family: r.family,
    sense: r.sense,
    status: r.status,
    solver: r.solver,
    preset: readsPreset(r.solver) ? r.preset : null,
    config: r.config,
    termination: r.termination,
    seed: r.seed,
    colors: r.colors,
    attempt: r.attempt,
    maxAttempts: r.maxAttempts,
    backend: r.backend,
    backendRequest: r.backendRequest ?? 'auto',
    stopReason: r.stopReason,
    error: r.error === null ? null : clientText(r.error),
    best:
      r.best === null
        ? null
        : { objective: objectiveOf(r.sense, r.best.cost).toString(), cost: r.best.cost.toString(), feasible: r.best.feasible, metrics: r.best.metrics, step: r.best.step },
    steps: r.steps,
    evaluations: r.evaluations,
    timestamps: { queuedAt: r.queuedAt, startedAt: r.startedAt, finishedAt: r.finishedAt, cancelRequestedAt: r.cancelRequestedAt },
    timing: { queuedMs: msBetween(r.queuedAt, r.startedAt), parseMs: r.parseMs, solveMs: r.solveMs },
    links: { self: base, trace: `${base}/trace`, events: `${base}/events`, solution: `${base}/solution`, problem: `/v1/problems/${r.problemId}` },
  };
}

/** An event as clients see it: exact costs as decimal strings, and the best objective in the run's sense. */
export function eventView(e: RunEvent, sense: Sense) {
  const { runId: _runId, bestCost, ...rest } = e;
  return bestCost === undefined ? rest : { ...rest, bestCost: bestCost.toString(), bestObjective: objectiveOf(sense, bestCost).toString() };
}

/** Columns every trace has; the family's metrics follow as `metric.<name>`, then `attempt` (last, so earlier readers are not disturbed). */
const TRACE_HEAD = ['seq', 'type', 'status', 'step', 'evaluations', 'elapsedMs', 'cost', 'bestCost', 'bestObjective', 'feasible', 'createdAt'] as const;

export function traceColumns(events: readonly RunEvent[]): string[] {
  const metrics = new Set<string>();
  for (const e of events) for (const name of Object.keys(e.metrics ?? {})) metrics.add(name);
  return [...TRACE_HEAD, ...[...metrics].map((m) => `metric.${m}`), 'attempt'];
}

export function traceCsv(events: readonly RunEvent[], sense: Sense): string {
  const columns = traceColumns(events);
  const rows = events.map((e) => {
    const v = eventView(e, sense) as Record<string, unknown>;
    return columns.map((c) => {
      const value = c.startsWith('metric.') ? e.metrics?.[c.slice(7)] : v[c];
      return value === undefined ? '' : String(value);
    }).join(',');
  });
  return `${columns.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}
