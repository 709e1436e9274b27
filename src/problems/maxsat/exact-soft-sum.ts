// The falsified soft weight, kept exact under any number of incremental additions and removals.

import { exactWeight, totalSoftWeight, type MaxSatInstance } from './instance.js';

const LIMB_BITS = 22;
const LIMB = 2 ** LIMB_BITS;
const LIMB_MASK = BigInt(LIMB - 1);

/**
 * A comparison key for a soft total: [high, middle, low] limbs, normalised so that keys compare
 * lexicographically. Hold one per remembered total (e.g. the best so far) and fill it with `save`.
 */
export type SoftKey = Float64Array;

export function newSoftKey(): SoftKey {
  return new Float64Array(3);
}

/** The exact total a key holds. */
export function softKeyValue(key: SoftKey): bigint {
  return (BigInt(key[0]) << BigInt(2 * LIMB_BITS)) + (BigInt(key[1]) << BigInt(LIMB_BITS)) + BigInt(key[2]);
}

/**
 * Σ weight of the falsified soft clauses, updated clause by clause. A float64 running sum is only
 * exact while every partial sum is a safe integer; past 2^53 (weights up to 2^64 − 1 occur, and
 * soft totals beyond 2^64) additions round, and after many flips the float drifts away from the
 * truth, so a search that compared bests by it could report an assignment worse than its `o`.
 *
 * When the weights total at most 2^53 one float limb is exact. Otherwise every soft weight is
 * split into three 22-bit limbs (weights < 2^66), summed limb by limb: each limb sum stays below
 * 2^53 for fewer than 2^31 clauses, so no addition ever rounds. Comparisons normalise the carries
 * (exact float arithmetic on integers) and never allocate; `value` rebuilds the bigint.
 */
export class ExactSoftSum {
  /** Per soft clause: its weight's limbs [low, middle, high]; null in single-limb mode. */
  private readonly limbs: Float64Array | null;
  private readonly weights: Float64Array;
  private low = 0;
  private middle = 0;
  private high = 0;

  constructor(inst: MaxSatInstance) {
    this.weights = inst.weights;
    const singleLimb = inst.exactWeights === null && totalSoftWeight(inst) <= BigInt(Number.MAX_SAFE_INTEGER);
    this.limbs = singleLimb ? null : splitWeights(inst);
  }

  /** Soft clause `c` became falsified (sign 1) or satisfied (sign -1). */
  add(c: number, sign: 1 | -1): void {
    const limbs = this.limbs;
    if (limbs === null) {
      this.low += sign * this.weights[c];
      return;
    }
    this.low += sign * limbs[3 * c];
    this.middle += sign * limbs[3 * c + 1];
    this.high += sign * limbs[3 * c + 2];
  }

  /** The exact total. */
  get value(): bigint {
    if (this.limbs === null) return BigInt(this.low);
    return BigInt(this.low) + (BigInt(this.middle) << BigInt(LIMB_BITS)) + (BigInt(this.high) << BigInt(2 * LIMB_BITS));
  }

  /** A float close to the total, for display and steering only. */
  get approximate(): number {
    return this.low + this.middle * LIMB + this.high * LIMB * LIMB;
  }

  /** Writes the total's comparison key into `key`. */
  save(key: SoftKey): void {
    if (this.limbs === null) {
      key[0] = 0;
      key[1] = 0;
      key[2] = this.low;
      return;
    }
    const lowCarry = Math.floor(this.low / LIMB);
    const middle = this.middle + lowCarry;
    const middleCarry = Math.floor(middle / LIMB);
    key[0] = this.high + middleCarry;
    key[1] = middle - middleCarry * LIMB;
    key[2] = this.low - lowCarry * LIMB;
  }

  /** True when the current total is strictly below the one `key` holds. */
  below(key: SoftKey): boolean {
    if (this.limbs === null) return this.low < key[2];
    const lowCarry = Math.floor(this.low / LIMB);
    const middle = this.middle + lowCarry;
    const middleCarry = Math.floor(middle / LIMB);
    const high = this.high + middleCarry;
    if (high !== key[0]) return high < key[0];
    const mid = middle - middleCarry * LIMB;
    if (mid !== key[1]) return mid < key[1];
    return this.low - lowCarry * LIMB < key[2];
  }
}

function splitWeights(inst: MaxSatInstance): Float64Array {
  const limbs = new Float64Array(3 * inst.numClauses);
  for (let c = 0; c < inst.numClauses; c++) {
    if (inst.hard[c] === 1) continue;
    const w = exactWeight(inst, c);
    limbs[3 * c] = Number(w & LIMB_MASK);
    limbs[3 * c + 1] = Number((w >> BigInt(LIMB_BITS)) & LIMB_MASK);
    limbs[3 * c + 2] = Number(w >> BigInt(2 * LIMB_BITS));
  }
  return limbs;
}
