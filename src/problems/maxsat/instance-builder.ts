// Accumulates clauses into growable typed arrays and seals them into a MaxSatInstance.

import type { DimacsFormat, InstanceStats, MaxSatInstance } from './instance.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const SHORT_CLAUSE = 12;
/** Variables the dense duplicate marks may cover whatever the input size. */
const DENSE_MARKS_FREE = 1 << 16;

type Growable = Int32Array | Uint32Array | Uint8Array | Float64Array | BigUint64Array;

function resized<T extends Growable>(arr: T, capacity: number): T {
  const next = new (arr.constructor as new (n: number) => T)(capacity);
  (next as unknown as { set(a: T): void }).set(arr);
  return next;
}

function grown<T extends Growable>(arr: T, needed: number): T {
  let cap = Math.max(16, arr.length);
  while (cap < needed) cap *= 2;
  return resized(arr, cap);
}

/** The first `n` elements: a view when little capacity would be wasted, else a tight copy. */
function fitted<T extends Growable>(arr: T, n: number): T {
  if (arr.length - n <= n >>> 3) return arr.subarray(0, n) as T;
  return arr.slice(0, n) as T;
}

/** Position of `value` in the ascending `sorted`, or -1. */
function indexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else if (sorted[mid] > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export interface SealOptions {
  readonly format: DimacsFormat;
  readonly numVars: number;
  readonly top?: bigint | null;
  readonly declaredVars?: number | null;
  readonly declaredClauses?: number | null;
}

export class InstanceBuilder {
  private literals = new Int32Array(1024);
  private clauseStart = new Uint32Array(256);
  private hard = new Uint8Array(256);
  private weights = new Float64Array(256);
  private exact: BigUint64Array | null = null;
  private numLits = 0;
  private clauseOpenAt = 0;
  private seenPos = new Int32Array(0);
  private seenNeg = new Int32Array(0);
  private counts = { hard: 0, soft: 0, emptyHard: 0, emptySoft: 0, tautologies: 0, dupes: 0 };
  numClauses = 0;
  maxVar = 0;

  /** Number of literals stored so far (after duplicate removal). */
  get literalCount(): number {
    return this.numLits;
  }

  /** Literals of the clause being built so far. */
  get openClauseLength(): number {
    return this.numLits - this.clauseOpenAt;
  }

  /** Makes room for at least this many clauses and literals in total (a header's promise). */
  reserve(clauses: number, literals: number): void {
    if (clauses + 1 > this.clauseStart.length) this.clauseStart = resized(this.clauseStart, clauses + 1);
    if (clauses > this.hard.length) {
      this.hard = resized(this.hard, clauses);
      this.weights = resized(this.weights, clauses);
      if (this.exact !== null) this.exact = resized(this.exact, clauses);
    }
    if (literals > this.literals.length) this.literals = resized(this.literals, literals);
  }

  addLiteral(lit: number): void {
    if (this.numLits === this.literals.length) this.literals = grown(this.literals, this.numLits + 1);
    this.literals[this.numLits++] = lit;
    const v = lit < 0 ? -lit : lit;
    if (v > this.maxVar) this.maxVar = v;
  }

  /** Closes the open clause. `weight` is ignored for hard clauses; a bigint is kept exactly. */
  endClause(isHard: boolean, weight: number | bigint): void {
    const c = this.numClauses;
    if (c + 2 > this.clauseStart.length) this.clauseStart = grown(this.clauseStart, c + 2);
    if (c + 1 > this.hard.length) {
      this.hard = grown(this.hard, c + 1);
      this.weights = grown(this.weights, c + 1);
      if (this.exact !== null) this.exact = grown(this.exact, c + 1);
    }
    const tautology = this.normalizeOpenClause();
    const empty = this.numLits === this.clauseOpenAt;
    if (tautology) this.counts.tautologies++;
    if (isHard) {
      this.hard[c] = 1;
      this.weights[c] = 0;
      this.counts.hard++;
      if (empty) this.counts.emptyHard++;
    } else {
      this.setWeight(c, weight);
      this.counts.soft++;
      if (empty) this.counts.emptySoft++;
    }
    if (this.exact !== null && isHard) this.exact[c] = 0n;
    this.numClauses = c + 1;
    this.clauseStart[c + 1] = this.numLits;
    this.clauseOpenAt = this.numLits;
  }

  seal(opts: SealOptions): MaxSatInstance {
    const n = this.numClauses;
    const stats: InstanceStats = {
      hardClauses: this.counts.hard,
      softClauses: this.counts.soft,
      emptyHardClauses: this.counts.emptyHard,
      emptySoftClauses: this.counts.emptySoft,
      tautologies: this.counts.tautologies,
      duplicateLiteralsRemoved: this.counts.dupes,
      declaredVars: opts.declaredVars ?? null,
      declaredClauses: opts.declaredClauses ?? null,
    };
    return {
      format: opts.format,
      numVars: opts.numVars,
      numClauses: n,
      literals: fitted(this.literals, this.numLits),
      clauseStart: fitted(this.clauseStart, n + 1),
      hard: fitted(this.hard, n),
      weights: fitted(this.weights, n),
      exactWeights: this.exact === null ? null : fitted(this.exact, n),
      top: opts.top ?? null,
      stats,
    };
  }

  private setWeight(c: number, weight: number | bigint): void {
    if (typeof weight === 'bigint' && weight <= BigInt(MAX_SAFE)) weight = Number(weight);
    if (typeof weight === 'number') {
      this.weights[c] = weight;
      if (this.exact !== null) this.exact[c] = BigInt(weight);
      return;
    }
    if (this.exact === null) {
      this.exact = new BigUint64Array(this.weights.length);
      for (let i = 0; i < c; i++) this.exact[i] = BigInt(this.weights[i]);
    }
    this.exact[c] = weight;
    this.weights[c] = Number(weight);
  }

  /** Drops repeated literals of the open clause in place; returns whether it is a tautology. */
  private normalizeOpenClause(): boolean {
    const start = this.clauseOpenAt;
    const len = this.numLits - start;
    if (len < 2) return false;
    return len <= SHORT_CLAUSE ? this.normalizeShort(start, len) : this.normalizeLong(start, len);
  }

  private normalizeShort(start: number, len: number): boolean {
    const lits = this.literals;
    let out = start + 1;
    let tautology = false;
    for (let i = start + 1; i < start + len; i++) {
      const lit = lits[i];
      let keep = true;
      for (let j = start; j < out; j++) {
        if (lits[j] === lit) keep = false;
        else if (lits[j] === -lit) tautology = true;
      }
      if (keep) lits[out++] = lit;
    }
    this.counts.dupes += start + len - out;
    this.numLits = out;
    return tautology;
  }

  /**
   * Dense marks (two arrays over the variables) while they stay within a few times the literals
   * read; past that a set, so one clause naming variable 2^27 cannot allocate a gigabyte.
   */
  private normalizeLong(start: number, len: number): boolean {
    const dense = this.seenPos.length > this.maxVar || this.maxVar < 4 * this.numLits + DENSE_MARKS_FREE;
    return dense ? this.normalizeDense(start, len) : this.normalizeSparse(start, len);
  }

  /** Sorted, so O(k log k) whatever the literals are; the first occurrence of each literal stays. */
  private normalizeSparse(start: number, len: number): boolean {
    const lits = this.literals;
    const sorted = lits.slice(start, start + len).sort();
    let distinct = 0;
    for (let i = 0; i < len; i++) if (distinct === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i];
    const unique = sorted.subarray(0, distinct);
    const kept = new Uint8Array(distinct);
    let out = start;
    let tautology = false;
    for (let i = start; i < start + len; i++) {
      const lit = lits[i];
      const at = indexOf(unique, lit);
      if (kept[at] === 1) continue;
      kept[at] = 1;
      if (lit > 0 && !tautology && indexOf(unique, -lit) >= 0) tautology = true;
      lits[out++] = lit;
    }
    this.counts.dupes += start + len - out;
    this.numLits = out;
    return tautology;
  }

  private normalizeDense(start: number, len: number): boolean {
    if (this.seenPos.length <= this.maxVar) {
      this.seenPos = grown(this.seenPos, this.maxVar + 1);
      this.seenNeg = grown(this.seenNeg, this.maxVar + 1);
    }
    const lits = this.literals;
    const mark = this.numClauses + 1; // seenPos[v] === mark: this clause already holds +v
    let out = start;
    let tautology = false;
    for (let i = start; i < start + len; i++) {
      const lit = lits[i];
      const same = lit > 0 ? this.seenPos : this.seenNeg;
      const other = lit > 0 ? this.seenNeg : this.seenPos;
      const v = lit < 0 ? -lit : lit;
      if (same[v] === mark) continue;
      same[v] = mark;
      if (other[v] === mark) tautology = true;
      lits[out++] = lit;
    }
    this.counts.dupes += start + len - out;
    this.numLits = out;
    return tautology;
  }
}
