// The falsified clauses as O(1) sets, hard and soft apart, for focused local search.

import type { Rng } from '../../common/rng.js';
import type { MaxSatInstance } from './instance.js';

/**
 * Holds the falsified clauses whose repair lowers the cost: empty clauses (no flip satisfies
 * them) and zero-weight clauses (satisfying them gains nothing) never enter. Each kind is an
 * unordered array plus each clause's slot in it, so adding is an append and removing a swap with
 * the last element; random picks index the arrays directly. IncrementalCost keeps it current.
 */
export class FalsifiedSets {
  private readonly hard: Int32Array;
  private readonly soft: Int32Array;
  private readonly slot: Int32Array;
  private readonly isHard: Uint8Array;
  private readonly clauseStart: Uint32Array;
  private hardCount = 0;
  private softCount = 0;

  constructor(
    inst: MaxSatInstance,
    /** Steering weight per clause. */
    private readonly weight: Float64Array,
  ) {
    // Counted rather than read from stats: callers may hand in an instance with `hard` replaced.
    let hardClauses = 0;
    for (let c = 0; c < inst.numClauses; c++) hardClauses += inst.hard[c];
    this.hard = new Int32Array(hardClauses);
    this.soft = new Int32Array(inst.numClauses - hardClauses);
    this.slot = new Int32Array(inst.numClauses);
    this.isHard = inst.hard;
    this.clauseStart = inst.clauseStart;
  }

  /** Listed falsified hard clauses. */
  get hardListed(): number {
    return this.hardCount;
  }

  /** Listed falsified soft clauses. */
  get softListed(): number {
    return this.softCount;
  }

  /** Clause `c` just became falsified (sign 1) or satisfied (sign -1). */
  update(c: number, sign: 1 | -1): void {
    if (this.weight[c] === 0 || this.clauseStart[c] === this.clauseStart[c + 1]) return;
    const hard = this.isHard[c] === 1;
    const list = hard ? this.hard : this.soft;
    if (sign === 1) {
      const at = hard ? this.hardCount++ : this.softCount++;
      list[at] = c;
      this.slot[c] = at;
      return;
    }
    const last = list[hard ? --this.hardCount : --this.softCount];
    const at = this.slot[c];
    list[at] = last;
    this.slot[last] = at;
  }

  /** The i-th listed clause, 0 ≤ i < hardListed + softListed: the hard ones first, each kind unordered. */
  at(i: number): number {
    return i < this.hardCount ? this.hard[i] : this.soft[i - this.hardCount];
  }

  /** A uniformly random listed clause, or -1 when none is. */
  random(rng: Rng): number {
    const n = this.hardCount + this.softCount;
    return n === 0 ? -1 : this.at(rng.below(n));
  }

  /**
   * The clause a focused local search repairs next: a uniformly random falsified hard clause
   * while any is, else a uniformly random falsified soft one; -1 when none is.
   */
  pick(rng: Rng): number {
    if (this.hardCount > 0) return this.hard[rng.below(this.hardCount)];
    return this.softCount > 0 ? this.soft[rng.below(this.softCount)] : -1;
  }
}
