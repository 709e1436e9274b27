// The hybrid's hand-over as a race: PolyStep and the local search take turns, and the faster gainer keeps the run.

import type { BestSolution } from './solver.js';

/** A hard constraint fewer outweighs any soft gain in a rate (floats only steer the hand-over). */
const HARD_GAIN = 2 ** 60;
/** The first PolyStep turn: this share of the run's time, at least MIN_TURN_MS. */
const FIRST_TURN_SHARE = 0.03;
const MIN_TURN_MS = 25;
/**
 * Rounds in a row a search must win to keep the run. The local search needs one: early rates
 * flatter PolyStep (its descent is steep at first, then flattens), so a round it loses early says
 * little, and every further round costs the local search the time PolyStep takes.
 */
const WINS_TO_KEEP: Readonly<Record<'polystep' | 'polish', number>> = { polystep: 2, polish: 1 };

/** How much better `to` is than `from`, as a number for rates: hard constraints first, then cost. */
export function gainOf(from: BestSolution, to: BestSolution): number {
  if (from.hardFalsified !== to.hardFalsified) return (from.hardFalsified - to.hardFalsified) * HARD_GAIN;
  return Number(from.cost - to.cost);
}

/** Who keeps the run after a round: PolyStep, the local search, or nobody yet (the race goes on). */
export type Verdict = 'polystep' | 'polish' | 'race';

/**
 * PolyStep has the first turn (3 % of the run's time); then the local search has a turn of the
 * same length from PolyStep's best (or from where it stood, if that is better); that is a round.
 * A turn's rate is what the run's best gained per ms over the turn's second half: gains that do
 * not beat the other search's best are no progress for the run (PolyStep racing down from 5 %
 * unsatisfied clauses while the local search stands at 1 % gains nothing), and the first half of
 * a turn is the easy descent every search starts with, which would flatter both. The search with
 * the higher rate wins the round. The local search keeps the run on winning a round, PolyStep on
 * winning two in a row; the loser is dropped. PolyStep's turns double each round, the local
 * search's stay at 3 %, so a race the local search wins costs it PolyStep's 3 % (plus 6 % per
 * round PolyStep wins first), and one PolyStep wins costs it the local search's 6 %, instead of
 * a fixed 30 % share.
 */
export class RaceClock {
  private polystepTurn: number;
  private readonly polishTurn: number;
  private turnStarted: number;
  private halfBest: BestSolution | null = null;
  private halfAt = 0;
  private polystepRate = 0;
  private polishRate = 0;
  private turn: 'polystep' | 'polish' = 'polystep';
  private streak: { readonly winner: 'polystep' | 'polish'; readonly rounds: number } | null = null;

  constructor(raceWithinMs: number, started: number) {
    this.polystepTurn = Math.max(MIN_TURN_MS, FIRST_TURN_SHARE * raceWithinMs);
    this.polishTurn = this.polystepTurn;
    this.turnStarted = started;
  }

  /** After a step of the search whose turn it is, with the run's best: true once the turn's time is up (its rate is then recorded). */
  turnOver(now: number, best: BestSolution): boolean {
    const elapsed = now - this.turnStarted;
    const length = this.turn === 'polystep' ? this.polystepTurn : this.polishTurn;
    if (this.halfBest === null) {
      if (elapsed < length / 2) return false;
      this.halfBest = best;
      this.halfAt = now;
    }
    if (elapsed < length) return false;
    const rate = gainOf(this.halfBest, best) / Math.max(1e-3, now - this.halfAt);
    if (this.turn === 'polystep') this.polystepRate = rate;
    else this.polishRate = rate;
    return true;
  }

  /** The local search's turn begins. */
  startPolish(now: number): void {
    this.begin('polish', now);
  }

  /** At the end of a round (the local search's turn): who keeps the run; while the race goes on, PolyStep's next, twice as long, turn begins. */
  judge(now: number): Verdict {
    const winner = this.polishRate >= this.polystepRate ? 'polish' : 'polystep';
    this.streak = { winner, rounds: this.streak?.winner === winner ? this.streak.rounds + 1 : 1 };
    if (this.streak.rounds >= WINS_TO_KEEP[winner]) return winner;
    this.polystepTurn *= 2;
    this.begin('polystep', now);
    return 'race';
  }

  private begin(turn: 'polystep' | 'polish', now: number): void {
    this.turn = turn;
    this.turnStarted = now;
    this.halfBest = null;
  }
}
