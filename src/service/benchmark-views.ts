// JSON representation of a benchmark: its definition, status, progress (per solver, cells in flight) and links.

import type { BenchmarkProgress } from '../jobs/benchmark-service.js';
import { clientText } from './client-text.js';

export function benchmarkLinks(id: string) {
  const self = `/v1/benchmarks/${id}`;
  return { self, report: `${self}/report` };
}

export function benchmarkView({ record: b, bySolver, standings, running }: BenchmarkProgress) {
  // Exact for every benchmark the service creates (instances × solvers × seeds); floored for hand-made records.
  const perSolver = Math.floor(b.totalCells / Math.max(1, b.solvers.length));
  const counts = new Map(bySolver.map((s) => [s.solverKey, s]));
  const standing = new Map(standings.map((s) => [s.solverKey, s]));
  return {
    id: b.id,
    name: b.name,
    suite: b.suite,
    solvers: b.solvers,
    seeds: b.seeds,
    budget: b.budget,
    status: b.status,
    error: b.error === null ? null : clientText(b.error),
    progress: {
      doneCells: b.doneCells,
      totalCells: b.totalCells,
      fraction: b.totalCells === 0 ? 1 : b.doneCells / b.totalCells,
      // Every declared solver, in the declared order, even before its first cell; results so far as the report defines them.
      bySolver: b.solvers.map((solverKey) => {
        const s = standing.get(solverKey);
        return {
          solverKey,
          doneCells: counts.get(solverKey)?.done ?? 0,
          errors: counts.get(solverKey)?.errors ?? 0,
          totalCells: perSolver,
          sense: s?.sense ?? null,
          reached: s?.reached ?? 0,
          withReference: s?.withReference ?? 0,
          reachedRate: s?.reachedRate ?? null,
          meanGap: s?.meanGap ?? null,
        };
      }),
      running,
    },
    timestamps: { createdAt: b.createdAt, startedAt: b.startedAt, finishedAt: b.finishedAt },
    links: benchmarkLinks(b.id),
  };
}
