// WalkSAT/SKC (Selman, Kautz & Cohen 1994) on MaxSAT: break-driven repair of falsified clauses.

import { longestClause, type MaxSatInstance } from '../../problems/maxsat/instance.js';
import { LocalSearchSession, type LocalSearchOptions } from './local-search.js';

export interface WalkSatOptions extends LocalSearchOptions {
  /** Probability of a random-walk move when no variable of the clause breaks nothing. */
  readonly noise?: number;
}

/**
 * 0.5 is the default of the WalkSAT distribution (`-noise 50 100`). Values near 0.55–0.57 are
 * reported as better on random 3-SAT close to the threshold, but not with a source we could
 * check, so the documented default stays.
 */
export const DEFAULT_WALKSAT_NOISE = 0.5;

/**
 * Per flip: the session picks a falsified clause (hard ones while any is falsified, else a
 * uniformly random soft one — uniform rather than weight-proportional, because a proportional
 * pick needs an O(log m) structure updated on every status change, and the weights already
 * steer through break). Then SKC: a variable whose flip breaks nothing is flipped (a freebie);
 * otherwise with probability `noise` a random variable of the clause, else one of least break.
 * Ties go to a uniformly random candidate.
 *
 * Break is kept by FlipState inside the flip (a count on unweighted instances, an exact sum of
 * steering weights on integer-weighted ones, a rescan otherwise), over steering weights, so on partial instances a hard clause weighs
 * more than all soft clauses together and breaking one is never the greedy choice while an
 * alternative exists. On unweighted instances it is the classic break count.
 */
export class WalkSat extends LocalSearchSession {
  private readonly noise: number;
  /** Break of the last `least…` call's choice: 0 means a freebie. */
  private least = 0;
  /** Scratch for one clause: its variables and their break counts. */
  private readonly candidates: Int32Array;
  private readonly candidateBreaks: Int32Array;

  constructor(inst: MaxSatInstance, options: WalkSatOptions = {}) {
    super(inst, options);
    const noise = options.noise ?? DEFAULT_WALKSAT_NOISE;
    if (!(noise >= 0 && noise <= 1)) throw new RangeError(`noise must lie in [0, 1], got ${noise}`);
    this.noise = noise;
    const longest = Math.max(1, longestClause(inst));
    this.candidates = new Int32Array(longest);
    this.candidateBreaks = new Int32Array(longest);
  }

  protected pickVariable(c: number): number {
    const lits = this.inst.literals;
    const from = this.clauseFrom(c);
    const to = this.clauseTo(c, from);
    const choice = this.cost.mode === 'count' ? this.leastCounted(from, to) : this.leastWeighted(from, to);
    if (this.least === 0 || this.rng.uniform32() >= this.noise) return choice;
    const lit = lits[from + this.rng.below(to - from)];
    return (lit < 0 ? -lit : lit) - 1;
  }

  /**
   * A variable of least break among literals[from..to), ties to a uniformly random one
   * (reservoir sampling: each of the tied variables ends up chosen with probability 1/ties).
   * 'count' mode compares the Int32 counts: the common weight times them keeps order and ties.
   */
  private leastCounted(from: number, to: number): number {
    const lits = this.inst.literals;
    const brk = this.cost.breakCount;
    const vars = this.candidates;
    const breaks = this.candidateBreaks;
    const len = to - from;
    // Loads first, without a data-dependent branch (|lit| by bit tricks), so that they overlap.
    for (let i = 0; i < len; i++) {
      const lit = lits[from + i];
      const sign = lit >> 31;
      const v = ((lit ^ sign) - sign) - 1;
      vars[i] = v;
      breaks[i] = brk[v];
    }
    const rng = this.rng;
    let least = 0x7fffffff;
    let choice = -1;
    let ties = 0;
    for (let i = 0; i < len; i++) {
      const b = breaks[i];
      if (b < least) {
        least = b;
        choice = vars[i];
        ties = 1;
      } else if (b === least && rng.below(++ties) === 0) {
        choice = vars[i];
      }
    }
    this.least = least;
    return choice;
  }

  private leastWeighted(from: number, to: number): number {
    const lits = this.inst.literals;
    const state = this.cost;
    const rng = this.rng;
    let least = Number.POSITIVE_INFINITY;
    let choice = -1;
    let ties = 0;
    for (let k = from; k < to; k++) {
      const lit = lits[k];
      const v = (lit < 0 ? -lit : lit) - 1;
      const b = state.breakWeight(v);
      if (b < least) {
        least = b;
        choice = v;
        ties = 1;
      } else if (b === least && rng.below(++ties) === 0) {
        choice = v;
      }
    }
    this.least = least;
    return choice;
  }
}
