// Decides whether the hard clauses of a MaxSAT instance can all hold at once: a small CDCL solver.

import type { MaxSatInstance } from './instance.js';
import { VarHeap } from './var-heap.js';

export type HardFeasibility =
  | { readonly status: 'satisfiable'; readonly model: Uint8Array }
  | { readonly status: 'unsatisfiable' }
  | { readonly status: 'unknown' };

// Literal codes: variable v (0-based) is 2v when positive, 2v + 1 when negated.
// Clause references: offset of a clause in the arena, which holds its length, then its literals.
const UNDEF = 2;
const NO_REASON = -1;
const DEFAULT_MAX_CONFLICTS = 100_000;
const FIRST_RESTART = 100;

/** Soft clauses are ignored. `maxConflicts` bounds the search; past it the answer is 'unknown'. */
export function checkHardFeasibility(inst: MaxSatInstance, opts: { maxConflicts?: number } = {}): HardFeasibility {
  return new HardFeasibilitySearch(inst).run(opts.maxConflicts ?? DEFAULT_MAX_CONFLICTS);
}

/**
 * The same decision taken in slices: each `run` continues the search where the last one stopped
 * (learnt clauses, activities, restart schedule), so a caller can interleave it with other work,
 * a deadline or a stop signal. Once decided, `run` keeps answering the verdict.
 */
export class HardFeasibilitySearch {
  private readonly solver: Solver | null;
  private verdict: HardFeasibility = { status: 'unknown' };

  constructor(private readonly inst: MaxSatInstance) {
    const solver = new Solver(varsUsed(inst), inst.numClauses, inst.literals.length);
    this.solver = solver;
    for (let c = 0; c < inst.numClauses; c++) {
      if (inst.hard[c] !== 1) continue;
      if (!solver.addClause(inst.literals, inst.clauseStart[c], inst.clauseStart[c + 1])) {
        this.verdict = { status: 'unsatisfiable' };
        this.solver = null;
        return;
      }
    }
  }

  /** Spends at most `maxConflicts` more conflicts; 'unknown' while undecided. */
  run(maxConflicts: number): HardFeasibility {
    if (this.verdict.status !== 'unknown' || this.solver === null) return this.verdict;
    const verdict = this.solver.solve(maxConflicts);
    if (verdict === true) this.verdict = { status: 'satisfiable', model: this.solver.model(this.inst.numVars) };
    else if (verdict === false) this.verdict = { status: 'unsatisfiable' };
    return this.verdict;
  }
}

/** numVars, widened in case a literal names a larger variable than the header promised. */
function varsUsed(inst: MaxSatInstance): number {
  let n = inst.numVars;
  for (const lit of inst.literals) n = Math.max(n, lit < 0 ? -lit : lit);
  return n;
}

/**
 * CDCL: two watched literals, first-UIP learning, VSIDS, phase saving, geometric restarts.
 * Iterative throughout, so the variable count never touches the call stack. Clauses sit in one
 * flat arena and watch lists are linked lists in typed arrays: millions of small JS arrays
 * would keep the garbage collector busier than the search.
 */
class Solver {
  private readonly assign: Uint8Array; // per variable: 1 true, 0 false, UNDEF
  private readonly level: Int32Array;
  private readonly reason: Int32Array; // clause that implied the variable, or NO_REASON
  private readonly phase: Uint8Array; // last value, reused when branching
  private readonly seen: Uint8Array;
  private readonly activity: Float64Array;
  private readonly order: VarHeap;
  private readonly trail: Int32Array;
  private readonly trailLim: number[] = []; // trail length when each decision level began
  private readonly watchHead: Int32Array; // per literal x: first entry watching x (slot 0 or 1), or -1
  private watchNext: Int32Array;
  private watchRef: Int32Array;
  private watchCount = 0;
  private arena: Int32Array;
  private arenaLen = 0;
  private trailLen = 0;
  private qhead = 0;
  private varInc = 1;
  private sinceRestart = 0;
  private restartAt = FIRST_RESTART;

  constructor(private readonly n: number, numClauses: number, numLiterals: number) {
    [this.assign, this.phase, this.seen] = [new Uint8Array(n).fill(UNDEF), new Uint8Array(n), new Uint8Array(n)];
    [this.level, this.reason, this.trail] = [new Int32Array(n), new Int32Array(n).fill(NO_REASON), new Int32Array(n)];
    this.activity = new Float64Array(n);
    this.order = new VarHeap(n, this.activity);
    this.watchHead = new Int32Array(2 * n).fill(-1);
    [this.watchNext, this.watchRef] = [new Int32Array(2 * numClauses + 16), new Int32Array(2 * numClauses + 16)];
    this.arena = new Int32Array(numLiterals + numClauses + 16);
  }

  /**
   * Adds DIMACS literals `dimacs[from..to)` at level 0; false when already contradicted.
   * Repeated literals and tautologies need no cleaning: watching them stays sound.
   */
  addClause(dimacs: Int32Array, from: number, to: number): boolean {
    if (from === to) return false;
    const ref = this.store(to - from);
    for (let k = from; k < to; k++) {
      const l = dimacs[k];
      this.arena[ref + 1 + k - from] = l > 0 ? 2 * l - 2 : -2 * l - 1;
      this.order.touch((l > 0 ? l : -l) - 1);
    }
    if (to - from > 1) this.watch(ref);
    else if (this.value(this.arena[ref + 1]) === UNDEF) this.enqueue(this.arena[ref + 1], NO_REASON);
    else return this.value(this.arena[ref + 1]) === 1;
    return true;
  }

  /** true: satisfiable; false: unsatisfiable; null: conflict budget spent (call again to go on). */
  solve(maxConflicts: number): boolean | null {
    let conflicts = 0;
    for (;;) {
      const confl = this.propagate();
      if (confl === NO_REASON) {
        const lit = this.pickBranch();
        if (lit < 0) return true;
        this.trailLim.push(this.trailLen);
        this.enqueue(lit, NO_REASON);
      } else {
        if (this.trailLim.length === 0) return false;
        this.learn(this.analyze(confl));
        if (++this.sinceRestart >= this.restartAt) {
          this.backtrack(0);
          this.sinceRestart = 0;
          this.restartAt = Math.floor(this.restartAt * 1.5);
        }
        // Stops only after learning, so the state a later call resumes from is consistent.
        if (++conflicts >= maxConflicts) return null;
      }
    }
  }

  model(numVars: number): Uint8Array {
    const m = new Uint8Array(numVars);
    for (let v = 0; v < numVars; v++) m[v] = this.assign[v] === 1 ? 1 : 0;
    return m;
  }

  private value(lit: number): number {
    const a = this.assign[lit >> 1];
    return a === UNDEF ? UNDEF : a ^ (lit & 1);
  }

  private enqueue(lit: number, reason: number): void {
    const v = lit >> 1;
    this.assign[v] = (lit & 1) ^ 1;
    this.level[v] = this.trailLim.length;
    this.reason[v] = reason;
    this.trail[this.trailLen++] = lit;
  }

  /** Reserves arena room for a clause of `len` literals and returns its reference. */
  private store(len: number): number {
    this.arena = grown(this.arena, this.arenaLen + len + 1);
    const ref = this.arenaLen;
    this.arena[ref] = len;
    this.arenaLen += len + 1;
    return ref;
  }

  private watch(ref: number): void {
    this.watchNext = grown(this.watchNext, this.watchCount + 2);
    this.watchRef = grown(this.watchRef, this.watchCount + 2);
    for (let slot = 1; slot <= 2; slot++) {
      this.watchRef[this.watchCount] = ref;
      this.link(this.watchCount++, this.arena[ref + slot]);
    }
  }

  private link(entry: number, lit: number): void {
    this.watchNext[entry] = this.watchHead[lit];
    this.watchHead[lit] = entry;
  }

  /** Returns a falsified clause, or NO_REASON once every implication is on the trail. */
  private propagate(): number {
    const a = this.arena; // propagation never stores clauses, so the arena stays put
    while (this.qhead < this.trailLen) {
      const falseLit = this.trail[this.qhead++] ^ 1;
      for (let e = this.watchHead[falseLit], prev = -1; e >= 0; ) {
        const next = this.watchNext[e];
        const ref = this.watchRef[e];
        // keep the false watch in slot 1 so slot 0 is the implied literal (analyze relies on it)
        if (a[ref + 1] === falseLit) {
          a[ref + 1] = a[ref + 2];
          a[ref + 2] = falseLit;
        }
        const first = a[ref + 1];
        if (this.value(first) !== 1) {
          const moved = this.replaceWatch(ref);
          if (moved >= 0) {
            if (prev < 0) this.watchHead[falseLit] = next;
            else this.watchNext[prev] = next;
            this.link(e, moved);
            e = next;
            continue;
          }
          if (this.value(first) === 0) {
            this.qhead = this.trailLen;
            return ref;
          }
          this.enqueue(first, ref);
        }
        prev = e;
        e = next;
      }
    }
    return NO_REASON;
  }

  /** Swaps a non-false literal into the false slot 1 and returns it; -1 when there is none. */
  private replaceWatch(ref: number): number {
    const a = this.arena;
    for (let k = ref + 3; k <= ref + a[ref]; k++) {
      if (this.value(a[k]) === 0) continue;
      const lit = a[k];
      a[k] = a[ref + 2];
      a[ref + 2] = lit;
      return lit;
    }
    return -1;
  }

  /** First-UIP clause; slot 0 holds the literal it asserts. */
  private analyze(confl: number): number[] {
    const learnt = [0];
    const current = this.trailLim.length;
    let pending = 0;
    let p = -1;
    let idx = this.trailLen - 1;
    for (let ref = confl; ; ref = this.reason[p >> 1]) {
      for (let k = ref + (p === -1 ? 1 : 2); k <= ref + this.arena[ref]; k++) {
        const v = this.arena[k] >> 1;
        if (this.seen[v] === 1 || this.level[v] === 0) continue;
        this.seen[v] = 1;
        this.bump(v);
        if (this.level[v] === current) pending++;
        else learnt.push(this.arena[k]);
      }
      while (this.seen[this.trail[idx] >> 1] === 0) idx--;
      p = this.trail[idx--];
      this.seen[p >> 1] = 0;
      if (--pending === 0) break;
    }
    learnt[0] = p ^ 1;
    for (let k = 1; k < learnt.length; k++) this.seen[learnt[k] >> 1] = 0;
    return learnt;
  }

  /** Backjumps and asserts the learnt clause, watching its deepest other literal. */
  private learn(learnt: number[]): void {
    let deepest = 1;
    for (let k = 2; k < learnt.length; k++) {
      if (this.level[learnt[k] >> 1] > this.level[learnt[deepest] >> 1]) deepest = k;
    }
    if (learnt.length > 1) [learnt[1], learnt[deepest]] = [learnt[deepest], learnt[1]];
    this.backtrack(learnt.length > 1 ? this.level[learnt[1] >> 1] : 0);
    const ref = learnt.length > 1 ? this.store(learnt.length) : NO_REASON;
    if (ref !== NO_REASON) {
      this.arena.set(learnt, ref + 1);
      this.watch(ref);
    }
    this.enqueue(learnt[0], ref);
    this.varInc /= 0.95;
  }

  private backtrack(lvl: number): void {
    if (this.trailLim.length <= lvl) return;
    const lim = this.trailLim[lvl];
    for (let i = this.trailLen - 1; i >= lim; i--) {
      const v = this.trail[i] >> 1;
      this.phase[v] = this.assign[v];
      this.assign[v] = UNDEF;
      this.order.touch(v);
    }
    this.trailLen = this.qhead = lim;
    this.trailLim.length = lvl;
  }

  private pickBranch(): number {
    for (let v = this.order.pop(); v >= 0; v = this.order.pop()) {
      if (this.assign[v] === UNDEF) return 2 * v + (this.phase[v] ^ 1);
    }
    return -1;
  }

  private bump(v: number): void {
    if ((this.activity[v] += this.varInc) > 1e100) {
      for (let u = 0; u < this.n; u++) this.activity[u] *= 1e-100;
      this.varInc *= 1e-100;
    }
    this.order.touch(v);
  }
}

function grown(arr: Int32Array, needed: number): Int32Array {
  if (needed <= arr.length) return arr;
  const bigger = new Int32Array(Math.max(needed, 2 * arr.length));
  bigger.set(arr);
  return bigger;
}
