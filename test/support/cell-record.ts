// A benchmark cell made by hand: defaults for every field, the test's own values on top.

import type { CellRecord } from '../../src/store/benchmark-records.js';

export function cellRecord(over: Partial<CellRecord> = {}): CellRecord {
  return {
    benchmarkId: 'bm_1',
    instance: 'i',
    family: 'fam',
    solverKey: 's',
    seed: 1,
    sense: 'min',
    objective: null,
    feasible: true,
    metrics: null,
    bestKnown: null,
    optimum: null,
    reachedBest: null,
    timeToBestMs: null,
    evaluations: 100,
    steps: 10,
    wallMs: 50,
    error: null,
    curve: [],
    finishedAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}
