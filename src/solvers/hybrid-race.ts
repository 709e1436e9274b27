// The hybrid's hand-over as a race: PolyStep leads, the local search probes from its best, and a duel from the same point decides.

import { isBetter, type BestSolution } from './solver.js';

/** A hard constraint fewer outweighs any soft gain in a rate (floats only steer the hand-over). */
const HARD_GAIN = 2 ** 60;
/** Every turn lasts this share of the run's time, at least MIN_TURN_MS. */
const FIRST_TURN_SHARE = 0.03;
const MIN_TURN_MS = 25;
/** A duel is cut short once this share of it is gone and PolyStep's pace so far, kept up to the end, would not catch the local search. */
const EARLIEST_CUT = 0.25;

/** How much better `to` is than `from`, as a number for rates: hard constraints first, then cost. */
export function gainOf(from: BestSolution, to: BestSolution): number {
  if (from.hardFalsified !== to.hardFalsified) return (from.hardFalsified - to.hardFalsified) * HARD_GAIN;
  return Number(from.cost - to.cost);
}

/**
 * What follows a turn: the local search's probe from PolyStep's best, PolyStep's duel turn, or the
 * search that keeps the run alone.
 */
export type Next = 'probe' | 'duel' | 'polystep' | 'polish';

/**
 * The race, a single round. PolyStep leads (3 % of the run's time); the local search then probes
 * for as long from PolyStep's best. If it gained at least as fast as PolyStep did in its lead, it
 * keeps the run: it descends from a lower, harder level, so it is the faster search. Otherwise
 * PolyStep duels: it goes on from where it stood, which is where the local search started, for
 * the same time, so both have had equal time from the same point, and the better best wins.
 * Comparing rates from different levels would not be fair (the first descent from a random point
 * flatters any search); a duel is.
 *
 * The duel's winner keeps the run alone. PolyStep wins as soon as its best passes the local
 * search's; the local search wins a tie at the end, and wins early when a quarter of the duel is
 * gone and PolyStep's pace so far could not reach the local search's best by its end (descents
 * slow down, so the pace so far is the best PolyStep can hope for).
 *
 * A race the local search wins at once costs PolyStep's lead (and not all of it: PolyStep's best
 * is where the local search starts); one the local search wins by a duel costs the duel too, and
 * one PolyStep wins costs the probe. A single round, because every further one costs the winner
 * another turn: with two (doubling) rounds, hybrid `focused` at 10^6 variables and 60 s ended 5 %
 * behind PolyStep alone.
 */
export class RaceClock {
  private readonly length: number;
  private turn: 'lead' | 'probe' | 'duel' = 'lead';
  private started: number;
  /** The best of the search whose turn it is, when the turn began. */
  private from: BestSolution;
  /** Gain per ms of PolyStep's lead. */
  private leadRate = 0;

  constructor(raceWithinMs: number, now: number, polystepBest: BestSolution) {
    this.length = Math.max(MIN_TURN_MS, FIRST_TURN_SHARE * raceWithinMs);
    this.started = now;
    this.from = polystepBest;
  }

  /**
   * After each step of the search whose turn it is, with both searches' own bests (the local
   * search's is null until its probe): null while the turn goes on, else what comes next,
   * whose turn (if any) begins now.
   */
  next(now: number, polystep: BestSolution, polish: BestSolution | null): Next | null {
    const elapsed = now - this.started;
    if (this.turn === 'probe') {
      if (elapsed < this.length) return null;
      if (this.rate(polish as BestSolution, elapsed) >= this.leadRate) return 'polish';
      return this.begin('duel', now, polystep);
    }
    if (this.turn === 'duel') {
      const rival = polish as BestSolution;
      if (isBetter(polystep, rival)) return 'polystep';
      if (elapsed >= this.length) return 'polish';
      const hopeless = elapsed >= EARLIEST_CUT * this.length && this.rate(polystep, elapsed) * this.length < gainOf(this.from, rival);
      return hopeless ? 'polish' : null;
    }
    if (elapsed < this.length) return null;
    this.leadRate = this.rate(polystep, elapsed);
    return this.begin('probe', now, polystep);
  }

  /**
   * The turn announced by next() starts now, once its search is built: at 10^6 variables building
   * the local search takes most of a second, which its probe would otherwise lose to PolyStep.
   */
  restartTurn(now: number): void {
    this.started = now;
  }

  private rate(best: BestSolution, elapsed: number): number {
    return gainOf(this.from, best) / Math.max(1e-3, elapsed);
  }

  private begin(turn: 'probe' | 'duel', now: number, from: BestSolution): Next {
    this.turn = turn;
    this.started = now;
    this.from = from;
    return turn;
  }
}
