// The hybrid's hand-over as a race: PolyStep and the local search take turns, and the faster gainer keeps the run.

import type { BestSolution } from './solver.js';

/** A hard constraint fewer outweighs any soft gain in a rate (floats only steer the hand-over). */
const HARD_GAIN = 2 ** 60;
/** The first PolyStep turn: this share of the run's time, at least MIN_TURN_MS. */
const FIRST_TURN_SHARE = 0.03;
const MIN_TURN_MS = 25;
/** Turns in a row the local search must out-gain PolyStep to keep the run (its first turn's quick descent from PolyStep's point flatters it). */
const WINS_TO_KEEP = 2;

/** How much better `to` is than `from`, as a number for rates: hard constraints first, then cost. */
export function gainOf(from: BestSolution, to: BestSolution): number {
  if (from.hardFalsified !== to.hardFalsified) return (from.hardFalsified - to.hardFalsified) * HARD_GAIN;
  return Number(from.cost - to.cost);
}

/**
 * PolyStep has the first turn. When a turn's time is up, its rate is what the run's best gained
 * per ms over the turn's second half: gains that do not beat the other search's best are no
 * progress for the run (PolyStep racing down from 5 % unsatisfied clauses while the local search
 * stands at 1 % gains nothing), and the first half of a turn is the easy descent every search
 * starts with, which would flatter both. The local search then gets a turn as long, from
 * PolyStep's best (or from where it stood, if that is better), and PolyStep resumes for a turn
 * twice as long, and so on. Once the local search's rate has been at least PolyStep's in two turns
 * in a row, it keeps the run. So PolyStep's share is what its progress earns, instead of a fixed
 * 30 %: a run where the local search is faster hands over after ~18 % of its time (turns of 3, 3,
 * 6 and 6 %).
 */
export class RaceClock {
  private turnLength: number;
  private turnStarted: number;
  private halfBest: BestSolution | null = null;
  private halfAt = 0;
  private polystepRate = 0;
  private polishRate = 0;
  private turn: 'polystep' | 'polish' = 'polystep';
  private wins = 0;

  constructor(raceWithinMs: number, started: number) {
    this.turnLength = Math.max(MIN_TURN_MS, FIRST_TURN_SHARE * raceWithinMs);
    this.turnStarted = started;
  }

  /** After a step of the search whose turn it is, with the run's best: true once the turn's time is up (its rate is then recorded). */
  turnOver(now: number, best: BestSolution): boolean {
    const elapsed = now - this.turnStarted;
    if (this.halfBest === null) {
      if (elapsed < this.turnLength / 2) return false;
      this.halfBest = best;
      this.halfAt = now;
    }
    if (elapsed < this.turnLength) return false;
    const rate = gainOf(this.halfBest, best) / Math.max(1e-3, now - this.halfAt);
    if (this.turn === 'polystep') this.polystepRate = rate;
    else this.polishRate = rate;
    return true;
  }

  /** The local search's turn begins (as long as PolyStep's last one). */
  startPolish(now: number): void {
    this.begin('polish', now);
  }

  /** At the end of the local search's turn: true if it keeps the run; else PolyStep's next, twice as long, turn begins. */
  polisherWins(now: number): boolean {
    this.wins = this.polishRate >= this.polystepRate ? this.wins + 1 : 0;
    if (this.wins >= WINS_TO_KEEP) return true;
    this.turnLength *= 2;
    this.begin('polystep', now);
    return false;
  }

  private begin(turn: 'polystep' | 'polish', now: number): void {
    this.turn = turn;
    this.turnStarted = now;
    this.halfBest = null;
  }
}
