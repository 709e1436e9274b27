// Exact incremental MaxSAT cost: true-literal counts per clause, flips and flip deltas over occurrence lists.

import type { Rng } from '../../common/rng.js';
import { ExactSoftSum, type SoftKey } from './exact-soft-sum.js';
import { FalsifiedSets } from './falsified-sets.js';
import { longestClause, type MaxSatInstance } from './instance.js';
import { findTautologies, buildOccurrences, type Occurrences } from './occurrences.js';

export interface IncrementalCostOptions {
  /**
   * Keep the falsified clauses in O(1) sets (hard and soft apart) for focused local search.
   * Off by default: the flip path then only pays one never-taken branch per status change.
   */
  readonly trackFalsified?: boolean;
}

/**
 * Holds one assignment and, per clause, how many of its literals are true. The steering cost is
 * Σ weight[c] over falsified clauses, where `weight` carries soft weights and the hard-clause
 * penalty. Deltas answer "what if these variables flipped" without changing anything.
 * Nothing here allocates after construction.
 */
export class IncrementalCost {
  /** Current value of each variable (index v - 1); change it only through `flip`. */
  readonly assignment: Uint8Array;
  /** True literals per clause, in the narrowest array the longest clause allows (cache footprint). */
  private readonly trueCount: Uint8Array | Uint16Array | Int32Array;
  private readonly occStart: Uint32Array;
  private readonly occ: Int32Array;
  private readonly hard: Uint8Array;
  private readonly mark: Int32Array;
  private readonly change: Int32Array;
  private readonly touched: Int32Array;
  private epoch = 0;
  /** The common steering weight when all clauses share one (no weight loads needed), else 0. */
  private readonly uniformWeight: number;
  private falsifiedWeight = 0;
  private readonly falsifiedSoft: ExactSoftSum;
  private falsifiedHard = 0;
  private falsifiedClauses = 0;
  private readonly sets: FalsifiedSets | null;

  constructor(
    private readonly inst: MaxSatInstance,
    /** Steering weight of each clause: its soft weight, or the penalty when it is hard. */
    private readonly weight: Float64Array,
    initial: Uint8Array,
    maxFlips = 8,
    occurrences?: Occurrences,
    options: IncrementalCostOptions = {},
  ) {
    const tautology = findTautologies(inst);
    const occ = occurrences ?? buildOccurrences(inst, tautology);
    this.occStart = occ.start;
    this.occ = occ.entries;
    this.hard = inst.hard;
    this.assignment = Uint8Array.from(initial);
    this.trueCount = countArray(inst);
    this.mark = new Int32Array(inst.numClauses);
    this.change = new Int32Array(inst.numClauses);
    let longest = 0;
    for (let v = 1; v < occ.start.length; v++) longest = Math.max(longest, occ.start[v] - occ.start[v - 1]);
    this.touched = new Int32Array(Math.max(1, longest * maxFlips));
    this.uniformWeight = weight.length > 0 && weight.every((w) => w === weight[0]) && weight[0] > 0 ? weight[0] : 0;
    this.sets = options.trackFalsified === true ? new FalsifiedSets(inst, weight) : null;
    this.falsifiedSoft = new ExactSoftSum(inst);
    this.recount(tautology);
  }

  /**
   * Steering cost of the current assignment: a float running sum that may drift once weights or
   * penalties pass 2^53, so it steers but never decides a best (see `softBelow`).
   */
  get cost(): number {
    return this.falsifiedWeight;
  }

  /** Sum of falsified soft weights, exact. */
  get exactSoftCost(): bigint {
    return this.falsifiedSoft.value;
  }

  /** True when the falsified soft weight is exactly below the total saved in `key`. */
  softBelow(key: SoftKey): boolean {
    return this.falsifiedSoft.below(key);
  }

  /** Saves the falsified soft weight into `key`, for later `softBelow` comparisons. */
  saveSoft(key: SoftKey): void {
    this.falsifiedSoft.save(key);
  }

  get hardFalsified(): number {
    return this.falsifiedHard;
  }

  get clausesFalsified(): number {
    return this.falsifiedClauses;
  }

  isFalsified(c: number): boolean {
    return this.trueCount[c] === 0;
  }

  get tracksFalsified(): boolean {
    return this.sets !== null;
  }

  /** Listed falsified hard clauses (see FalsifiedSets for which are listed; 0 when the sets are off). */
  get listedHard(): number {
    return this.sets === null ? 0 : this.sets.hardListed;
  }

  /** Listed falsified soft clauses (0 when the sets are off). */
  get listedSoft(): number {
    return this.sets === null ? 0 : this.sets.softListed;
  }

  /** The i-th listed falsified clause, 0 ≤ i < listedHard + listedSoft: the hard ones first. */
  falsifiedAt(i: number): number {
    return this.requireSets().at(i);
  }

  /** A uniformly random listed falsified clause, or -1 when none is. */
  randomFalsified(rng: Rng): number {
    return this.requireSets().random(rng);
  }

  /** A random falsified hard clause while any is, else a random falsified soft one; -1 when none is. */
  pickFalsified(rng: Rng): number {
    return this.requireSets().pick(rng);
  }

  /** Flips variable `v` (0-based) and updates counts and costs. */
  flip(v: number): void {
    const was = this.assignment[v];
    const counts = this.trueCount;
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const e = this.occ[k];
      const c = e >> 1;
      if (((e & 1) ^ was) === 1) {
        if (--counts[c] === 0) this.account(c, 1);
      } else if (counts[c]++ === 0) {
        this.account(c, -1);
      }
    }
    this.assignment[v] = was ^ 1;
  }

  /** Cost change if variable `v` (0-based) flipped. */
  flipDelta(v: number): number {
    return this.listDelta(this.occStart[v], this.occStart[v + 1], this.assignment[v]);
  }

  /**
   * Cost changes for flipping `u` alone, `v` alone and both (0-based, u ≠ v), written to
   * out[0], out[1], out[2]. Occurrence lists are sorted by clause, so a merge of the two lists
   * finds the clauses holding both without touching any per-clause scratch memory.
   */
  pairDeltas(u: number, v: number, out: Float64Array): void {
    const occ = this.occ;
    const counts = this.trueCount;
    const w = this.uniformWeight === 0 ? this.weight : null;
    const uFrom = this.occStart[u];
    const uTo = this.occStart[u + 1];
    const vFrom = this.occStart[v];
    const vTo = this.occStart[v + 1];
    const du = this.listDelta(uFrom, uTo, this.assignment[u]);
    const dv = this.listDelta(vFrom, vTo, this.assignment[v]);
    let shared = 0;
    const bu = this.assignment[u];
    const bv = this.assignment[v];
    for (let i = uFrom, j = vFrom; i < uTo && j < vTo; ) {
      const cu = occ[i] >> 1;
      const cv = occ[j] >> 1;
      if (cu < cv) i++;
      else if (cu > cv) j++;
      else {
        const d1 = ((occ[i] & 1) ^ bu) === 1 ? -1 : 1;
        const d2 = ((occ[j] & 1) ^ bv) === 1 ? -1 : 1;
        const n = counts[cu];
        const wc = w === null ? 1 : w[cu];
        shared += statusChange(n, d1 + d2, wc) - statusChange(n, d1, wc) - statusChange(n, d2, wc);
        i++;
        j++;
      }
    }
    const scale = w === null ? this.uniformWeight : 1;
    out[0] = du;
    out[1] = dv;
    out[2] = du + dv + shared * scale;
  }

  /**
   * Σ steering weight of the clauses whose only true literal is `v`'s (0-based): what flipping it
   * falsifies. Unlike listDelta no uniform-weight variant: the weight is loaded only for the
   * few critical clauses, and local search calls this where memory, not arithmetic, is the cost.
   */
  breakWeight(v: number): number {
    const occ = this.occ;
    const counts = this.trueCount;
    const w = this.weight;
    const b = this.assignment[v];
    let broken = 0;
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const e = occ[k];
      if (((e & 1) ^ b) === 1 && counts[e >> 1] === 1) broken += w[e >> 1];
    }
    return broken;
  }

  /** Σ steering weight of the falsified clauses holding `v` (0-based): what flipping it satisfies. */
  makeWeight(v: number): number {
    const occ = this.occ;
    const counts = this.trueCount;
    const w = this.weight;
    let made = 0;
    // Every literal of a falsified clause is false, so v's literal there turns true on a flip.
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const c = occ[k] >> 1;
      if (counts[c] === 0) made += w[c];
    }
    return made;
  }

  /** Cost change of flipping the variable whose occurrences are occ[from..to), now valued `b`. */
  private listDelta(from: number, to: number, b: number): number {
    const occ = this.occ;
    const counts = this.trueCount;
    if (this.uniformWeight !== 0) {
      let delta = 0;
      for (let k = from; k < to; k++) {
        const e = occ[k];
        const n = counts[e >> 1];
        if (((e & 1) ^ b) === 1) delta += n === 1 ? 1 : 0;
        else delta -= n === 0 ? 1 : 0;
      }
      return delta * this.uniformWeight;
    }
    const w = this.weight;
    let delta = 0;
    for (let k = from; k < to; k++) {
      const e = occ[k];
      const c = e >> 1;
      if (((e & 1) ^ b) === 1) {
        if (counts[c] === 1) delta += w[c];
      } else if (counts[c] === 0) {
        delta -= w[c];
      }
    }
    return delta;
  }

  /** Cost change if the `k` distinct variables `vars[0..k)` (0-based) all flipped. */
  multiFlipDelta(vars: ArrayLike<number>, k: number): number {
    const epoch = this.nextEpoch();
    let touched = 0;
    for (let j = 0; j < k; j++) {
      const v = vars[j];
      const b = this.assignment[v];
      for (let i = this.occStart[v], end = this.occStart[v + 1]; i < end; i++) {
        const e = this.occ[i];
        const c = e >> 1;
        const d = ((e & 1) ^ b) === 1 ? -1 : 1;
        if (this.mark[c] !== epoch) {
          this.mark[c] = epoch;
          this.change[c] = d;
          this.touched[touched++] = c;
        } else {
          this.change[c] += d;
        }
      }
    }
    let delta = 0;
    for (let j = 0; j < touched; j++) {
      const c = this.touched[j];
      delta += statusChange(this.trueCount[c], this.change[c], this.weight[c]);
    }
    return delta;
  }

  private account(c: number, sign: 1 | -1): void {
    this.falsifiedWeight += sign * this.weight[c];
    this.falsifiedClauses += sign;
    if (this.hard[c] === 1) this.falsifiedHard += sign;
    else this.falsifiedSoft.add(c, sign);
    if (this.sets !== null) this.sets.update(c, sign);
  }

  private requireSets(): FalsifiedSets {
    if (this.sets === null) throw new Error('IncrementalCost was built without trackFalsified');
    return this.sets;
  }

  private nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.mark.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  private recount(tautology: Uint8Array): void {
    const { literals, clauseStart } = this.inst;
    for (let c = 0; c < this.inst.numClauses; c++) {
      let count = tautology[c];
      for (let k = clauseStart[c]; k < clauseStart[c + 1]; k++) {
        const lit = literals[k];
        if (lit > 0 ? this.assignment[lit - 1] === 1 : this.assignment[-lit - 1] === 0) count++;
      }
      this.trueCount[c] = count;
      if (count === 0) this.account(c, 1);
    }
  }
}

function countArray(inst: MaxSatInstance): Uint8Array | Uint16Array | Int32Array {
  const longest = longestClause(inst);
  if (longest < 0xff) return new Uint8Array(inst.numClauses);
  return longest < 0xffff ? new Uint16Array(inst.numClauses) : new Int32Array(inst.numClauses);
}

/** Weight change when a clause with `count` true literals gains `d` (possibly negative). */
function statusChange(count: number, d: number, w: number): number {
  if (count === 0) return d > 0 ? -w : 0;
  return count + d === 0 ? w : 0;
}
