// The state of a focused local search: true-literal counts, critical variables, break values kept
// inside the flip, the falsified clauses as sets, and the exact cost.

import type { Rng } from '../../common/rng.js';
import { chooseBreakMode, type BreakMode } from './break-mode.js';
import { ClauseSet } from './clause-set.js';
import { ExactSoftSum, type SoftKey } from './exact-soft-sum.js';
import { longestClause, type MaxSatInstance } from './instance.js';
import { buildOccurrences, findTautologies, maxOccurrences } from './occurrences.js';

/**
 * Per clause, one 32-bit word: how many of its literals are true in the low `shift` bits, and
 * above them the XOR of the (0-based) variables of its true literals. When exactly one literal
 * is true, that XOR is its variable, the clause's critical variable, found without a scan. A
 * flip changes a word with one XOR and one ±1 (the count never carries into the XOR bits), and
 * a clause costs 4 bytes: at 100K variables the words stay small enough for the cache to help.
 *
 * The break of a variable is the steering weight of the clauses it alone satisfies: what
 * flipping it falsifies. In 'count' and 'sum' modes (see BreakMode) the flip keeps it current:
 * a clause going 0 → 1 true literals makes the flipped variable critical (+w), 1 → 2 relieves
 * the old critical variable (−w), 2 → 1 makes the remaining true variable critical (+w), and
 * 1 → 0 relieves the flipped variable (−w). Reading a clause's breaks then costs one load per
 * literal. In 'scan' mode the break is recomputed from the variable's occurrences.
 *
 * The flip walks the variable's occurrence list in clause order and updates the falsified sets
 * in that order, so the sets (and every random pick from them) evolve exactly as they did when
 * IncrementalCost kept them: a run's trajectory does not depend on which mode was chosen.
 *
 * Exactness: the float steering cost only steers. Which point is better is decided by
 * hardFalsified and softBelow/saveSoft, exact whatever the weights (ExactSoftSum, or in 'count'
 * mode the falsified count times the common weight).
 */
export class FlipState {
  /** Current value of each variable; change it only through `flip`. */
  readonly assignment: Uint8Array;
  readonly mode: BreakMode;
  /**
   * Per variable, in 'count' mode: the number of clauses it alone satisfies. Empty otherwise.
   * Never above the variable's occurrences, so held in the narrowest array they allow: one
   * byte per variable on random 3-SAT, a quarter of the cache footprint of Int32.
   */
  readonly breakCount: Uint8Array | Uint16Array | Int32Array;
  /** Per variable, in 'sum' mode: the weight of the clauses it alone satisfies. Empty otherwise. */
  readonly breakSum: Float64Array;
  /** The common steering weight in 'count' mode, else 0. */
  readonly unitWeight: number;
  /** Per clause: true-literal count | critical-variable XOR << shift. */
  private readonly clause: Int32Array;
  private readonly shift: number;
  private readonly countMask: number;
  private readonly occStart: Uint32Array;
  private readonly occ: Int32Array;
  private readonly weight: Float64Array;
  private readonly hard: Uint8Array;
  private readonly hardSet: ClauseSet;
  private readonly softSet: ClauseSet;
  /**
   * 'count' mode: the falsified clauses (all hard, or all soft), unordered. A listed clause's
   * slot here is kept in its own word, above the count: a falsified clause has no true literal,
   * so the XOR bits are free. That saves a clause-indexed slot array, a cache miss or two per
   * status change.
   */
  private readonly listed: Int32Array;
  private listedCount = 0;
  private readonly allHard: boolean;
  private readonly softUnit: bigint;
  private readonly softSum: ExactSoftSum | null;
  private falsifiedClauses = 0;
  private falsifiedHard = 0;
  private falsifiedWeight = 0;

  constructor(
    inst: MaxSatInstance,
    /** Steering weight of each clause: its soft weight, or the penalty when it is hard. */
    weight: Float64Array,
    initial: Uint8Array,
  ) {
    const n = inst.numVars;
    const m = inst.numClauses;
    const tautology = findTautologies(inst);
    const occ = buildOccurrences(inst, tautology);
    this.occStart = occ.start;
    this.occ = occ.entries;
    this.weight = weight;
    this.hard = inst.hard;
    this.assignment = Uint8Array.from(initial);
    // A tautology counts one more than its true literals; counts stay below 2^shift.
    this.shift = 32 - Math.clz32(longestClause(inst) + 1);
    this.countMask = (1 << this.shift) - 1;
    this.mode = chooseBreakMode(inst, weight, occ, 32 - this.shift);
    this.breakCount = countArray(this.mode === 'count' ? n : 0, maxOccurrences(occ));
    this.breakSum = new Float64Array(this.mode === 'sum' ? n : 0);
    this.clause = new Int32Array(m);
    let hardClauses = 0;
    for (let c = 0; c < m; c++) hardClauses += inst.hard[c];
    const counted = this.mode === 'count';
    this.hardSet = new ClauseSet(counted ? 0 : hardClauses, m);
    this.softSet = new ClauseSet(counted ? 0 : m - hardClauses, m);
    this.listed = new Int32Array(counted ? m : 0);
    this.allHard = m > 0 && hardClauses === m;
    this.unitWeight = this.mode === 'count' && m > 0 ? weight[0] : 0;
    this.softUnit = this.mode === 'count' && !this.allHard && m > 0 ? BigInt(inst.weights[0]) : 0n;
    this.softSum = this.mode === 'count' ? null : new ExactSoftSum(inst);
    this.recount(inst, tautology);
  }

  /** Steering cost (Σ steering weight of the falsified clauses): a float that steers, never decides. */
  get cost(): number {
    return this.mode === 'count' ? this.falsifiedClauses * this.unitWeight : this.falsifiedWeight;
  }

  get exactSoftCost(): bigint {
    if (this.softSum !== null) return this.softSum.value;
    return BigInt(this.falsifiedClauses) * this.softUnit;
  }

  /** True when the falsified soft weight is exactly below the one saved in `key` (by this state). */
  softBelow(key: SoftKey): boolean {
    if (this.softSum !== null) return this.softSum.below(key);
    return !this.allHard && this.falsifiedClauses < key[2];
  }

  /** Saves the falsified soft weight into `key`, for later `softBelow` comparisons. */
  saveSoft(key: SoftKey): void {
    if (this.softSum !== null) {
      this.softSum.save(key);
      return;
    }
    // 'count' mode: the count itself is the key (the common weight is positive).
    key[0] = 0;
    key[1] = 0;
    key[2] = this.allHard ? 0 : this.falsifiedClauses;
  }

  get hardFalsified(): number {
    return this.softSum === null && this.allHard ? this.falsifiedClauses : this.falsifiedHard;
  }

  get clausesFalsified(): number {
    return this.falsifiedClauses;
  }

  /** Listed falsified clauses: non-empty, with a positive steering weight (only those can be repaired usefully). */
  get listedHard(): number {
    if (this.mode === 'count') return this.allHard ? this.listedCount : 0;
    return this.hardSet.size;
  }

  get listedSoft(): number {
    if (this.mode === 'count') return this.allHard ? 0 : this.listedCount;
    return this.softSet.size;
  }

  /** A uniformly random listed falsified hard clause while any is, else a soft one; -1 when none is. */
  pickFalsified(rng: Rng): number {
    if (this.mode === 'count') {
      const listed = this.listedCount;
      return listed > 0 ? this.listed[rng.below(listed)] : -1;
    }
    const hard = this.hardSet.size;
    if (hard > 0) return this.hardSet.at(rng.below(hard));
    const soft = this.softSet.size;
    return soft > 0 ? this.softSet.at(rng.below(soft)) : -1;
  }

  /** The break of `v` (0-based) in steering weight, in any mode. */
  breakWeight(v: number): number {
    if (this.mode === 'count') return this.breakCount[v] * this.unitWeight;
    if (this.mode === 'sum') return this.breakSum[v];
    return this.scanBreak(v);
  }

  /** The break of `v` recomputed from its occurrences: Σ steering weight of the clauses it alone satisfies. */
  scanBreak(v: number): number {
    const occ = this.occ;
    const clause = this.clause;
    const w = this.weight;
    const mask = this.countMask;
    const b = this.assignment[v];
    let broken = 0;
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const e = occ[k];
      if (((e & 1) ^ b) === 1 && (clause[e >> 1] & mask) === 1) broken += w[e >> 1];
    }
    return broken;
  }

  /** Flips variable `v` (0-based), keeping counts, critical variables, breaks, sets and costs. */
  flip(v: number): void {
    if (this.mode === 'count') this.flipCounted(v);
    else if (this.mode === 'sum') this.flipSummed(v);
    else this.flipScanned(v);
  }

  /**
   * 'count' mode: no weight, hard flag or exact-sum traffic; one set, one counter. The loop has
   * no data-dependent branch except at status changes: a mispredicted branch would discard the
   * clause-word loads the processor keeps in flight, and these loads (random, one per
   * occurrence) are what a flip costs on large instances.
   *
   * With s = 1 when v's literal turns false (0 when it turns true) and n the old count,
   * t = n − s is 1 exactly at the critical-variable transitions (2 → 1: the remaining true
   * variable, read from the new XOR, gains +1; 1 → 2: the old critical variable, the old XOR,
   * loses 1) and 0 exactly at the status changes (1 → 0, 0 → 1). Without a transition the
   * update is `+= 0` on variable 0, so no branch is needed.
   */
  private flipCounted(v: number): void {
    const was = this.assignment[v];
    this.assignment[v] = was ^ 1;
    const occ = this.occ;
    const clause = this.clause;
    const brk = this.breakCount;
    const shift = this.shift;
    const mask = this.countMask;
    const vx = v << shift;
    const listed = this.listed;
    let falsified = 0;
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const e = occ[k];
      const s = (e & 1) ^ was;
      const c = e >> 1;
      const word = clause[c];
      const next = (word ^ vx) + 1 - (s << 1);
      clause[c] = next;
      const t = (word & mask) - s;
      const one = ((t ^ 1) - 1) >>> 31;
      const source = word ^ ((word ^ next) & -s);
      brk[(source >>> shift) & -one] += one * ((s << 1) - 1);
      if (t === 0) {
        if (s === 1) {
          // Falsified: the word is now 0 (count 0, XOR v ^ v); it takes the clause's slot.
          brk[v]--;
          const at = this.listedCount++;
          listed[at] = c;
          clause[c] = at << shift;
          falsified++;
        } else {
          // Satisfied: the old word held the slot; the last listed clause moves there.
          brk[v]++;
          const at = word >>> shift;
          const last = listed[--this.listedCount];
          listed[at] = last;
          clause[last] = at << shift;
          clause[c] = vx | 1;
          falsified--;
        }
      }
    }
    this.falsifiedClauses += falsified;
  }

  /**
   * 'sum' mode: as flipCounted, with the clause's weight as the step (a weight load per
   * occurrence, but no branch that would stall the loads in flight), and exact: every break is
   * an integer sum below 2^53, and a non-transition adds ±0 to variable 0.
   */
  private flipSummed(v: number): void {
    const was = this.assignment[v];
    this.assignment[v] = was ^ 1;
    const occ = this.occ;
    const clause = this.clause;
    const w = this.weight;
    const brk = this.breakSum;
    const shift = this.shift;
    const mask = this.countMask;
    const vx = v << shift;
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const e = occ[k];
      const s = (e & 1) ^ was;
      const c = e >> 1;
      const word = clause[c];
      const next = (word ^ vx) + 1 - (s << 1);
      clause[c] = next;
      const t = (word & mask) - s;
      const one = ((t ^ 1) - 1) >>> 31;
      const source = word ^ ((word ^ next) & -s);
      brk[(source >>> shift) & -one] += one * ((s << 1) - 1) * w[c];
      if (t === 0) {
        if (s === 1) {
          brk[v] -= w[c];
          this.falsify(c);
        } else {
          brk[v] += w[c];
          this.satisfy(c);
        }
      }
    }
  }

  /** 'scan' mode: counts only (the XOR bits are unused; v << shift may lose bits there, never touching the count). */
  private flipScanned(v: number): void {
    const was = this.assignment[v];
    this.assignment[v] = was ^ 1;
    const occ = this.occ;
    const clause = this.clause;
    const mask = this.countMask;
    const vx = v << this.shift;
    for (let k = this.occStart[v], end = this.occStart[v + 1]; k < end; k++) {
      const e = occ[k];
      const s = (e & 1) ^ was;
      const c = e >> 1;
      const word = clause[c];
      clause[c] = (word ^ vx) + 1 - (s << 1);
      if ((word & mask) - s === 0) {
        if (s === 1) this.falsify(c);
        else this.satisfy(c);
      }
    }
  }

  private falsify(c: number): void {
    const w = this.weight[c];
    this.falsifiedWeight += w;
    this.falsifiedClauses++;
    if (this.hard[c] === 1) {
      this.falsifiedHard++;
      this.hardSet.add(c);
    } else {
      this.softSum!.add(c, 1);
      if (w !== 0) this.softSet.add(c);
    }
  }

  private satisfy(c: number): void {
    const w = this.weight[c];
    this.falsifiedWeight -= w;
    this.falsifiedClauses--;
    if (this.hard[c] === 1) {
      this.falsifiedHard--;
      this.hardSet.remove(c);
    } else {
      this.softSum!.add(c, -1);
      if (w !== 0) this.softSet.remove(c);
    }
  }

  private recount(inst: MaxSatInstance, tautology: Uint8Array): void {
    const { literals, clauseStart } = inst;
    const a = this.assignment;
    const clause = this.clause;
    for (let c = 0; c < inst.numClauses; c++) {
      const from = clauseStart[c];
      const to = clauseStart[c + 1];
      let count = tautology[c];
      let crit = 0;
      for (let k = from; k < to; k++) {
        const lit = literals[k];
        const v = (lit < 0 ? -lit : lit) - 1;
        if ((lit > 0 ? 1 : 0) === a[v]) {
          count++;
          crit ^= v;
        }
      }
      clause[c] = (crit << this.shift) | count;
      // A tautology holds at least two true literals (one of x, ¬x, plus its +1), so it is never critical.
      if (count === 1) {
        if (this.mode === 'count') this.breakCount[crit]++;
        else if (this.mode === 'sum') this.breakSum[crit] += this.weight[c];
      } else if (count === 0) {
        this.initialFalsified(c, from === to);
      }
    }
  }

  private initialFalsified(c: number, empty: boolean): void {
    if (this.mode !== 'count') {
      if (!empty) {
        this.falsify(c);
        return;
      }
      // Empty clauses count in the cost but never enter the sets: no flip repairs them.
      this.falsifiedWeight += this.weight[c];
      this.falsifiedClauses++;
      if (this.hard[c] === 1) this.falsifiedHard++;
      else this.softSum!.add(c, 1);
      return;
    }
    this.falsifiedClauses++;
    if (empty) return;
    const at = this.listedCount++;
    this.listed[at] = c;
    this.clause[c] = at << this.shift;
  }
}

function countArray(length: number, max: number): Uint8Array | Uint16Array | Int32Array {
  if (max <= 0xff) return new Uint8Array(length);
  return max <= 0xffff ? new Uint16Array(length) : new Int32Array(length);
}
