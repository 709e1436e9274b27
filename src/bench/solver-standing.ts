// Where each solver of a benchmark stands so far: its sense, how often it reached the reference, its mean gap.

import type { Sense } from '../problems/family.js';
import type { CellOutcome } from '../store/benchmark-repository.js';
import { gapOf, reachedOf } from './aggregate.js';

export interface SolverStanding {
  readonly solverKey: string;
  /** The sense of its cells so far: min, max, `mixed` for a suite of both, null before any cell ran. */
  readonly sense: Sense | 'mixed' | null;
  /** Ran cells whose instance has a reference (optimum, else best known). */
  readonly withReference: number;
  /** Of those, the cells whose objective is at least as good as the reference in its sense. */
  readonly reached: number;
  readonly reachedRate: number | null;
  /** Mean relative shortfall from the reference over the feasible ones (see reference-gap.ts); null without any. */
  readonly meanGap: number | null;
}

/** One standing per solver key of `solvers`, in that order, from the outcomes of ran cells (the same definitions as the report). */
export function solverStandings(outcomes: readonly CellOutcome[], solvers: readonly string[]): SolverStanding[] {
  return solvers.map((solverKey) => {
    const mine = outcomes.filter((o) => o.solverKey === solverKey);
    const senses = new Set(mine.map((o) => o.sense));
    let withReference = 0;
    let reached = 0;
    let gapSum = 0;
    let gaps = 0;
    for (const o of mine) {
      const hit = reachedOf(o);
      if (hit === null) continue;
      withReference++;
      if (hit) reached++;
      const gap = gapOf(o);
      if (gap === null) continue;
      gapSum += gap;
      gaps++;
    }
    return {
      solverKey,
      sense: senses.size === 0 ? null : senses.size > 1 ? 'mixed' : [...senses][0],
      withReference,
      reached,
      reachedRate: withReference === 0 ? null : reached / withReference,
      meanGap: gaps === 0 ? null : gapSum / gaps,
    };
  });
}
