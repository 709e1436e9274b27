// Exact optimum of a small MaxSAT instance by enumerating every assignment: the bench's certificate.

import { exactWeight, type MaxSatInstance } from '../problems/maxsat/instance.js';

/** 2^24 assignments is about the most a benchmark should wait for. */
export const BRUTE_FORCE_MAX_VARS = 24;

export interface ExactAnswer {
  /** Whether some assignment satisfies every hard clause. */
  readonly feasible: boolean;
  /** Least weight of falsified soft clauses over feasible assignments; null when infeasible. */
  readonly optimum: bigint | null;
  /** An assignment reaching the optimum (0/1 per variable); null when infeasible. */
  readonly model: Uint8Array | null;
}

const TWO_32 = 4294967296;

interface Masks {
  /** Bit v - 1 is set when the clause holds literal v (pos) or -v (neg). */
  readonly pos: Int32Array;
  readonly neg: Int32Array;
  /** Soft weights split as hi · 2^32 + lo, so sums over fewer than 2^21 clauses stay exact in float64. */
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  readonly hard: number[];
  readonly soft: number[];
}

function clauseMasks(inst: MaxSatInstance): Masks {
  const n = inst.numClauses;
  const masks: Masks = {
    pos: new Int32Array(n), neg: new Int32Array(n), hi: new Float64Array(n), lo: new Float64Array(n), hard: [], soft: [],
  };
  for (let c = 0; c < n; c++) {
    for (let k = inst.clauseStart[c]; k < inst.clauseStart[c + 1]; k++) {
      const lit = inst.literals[k];
      if (lit > 0) masks.pos[c] |= 1 << (lit - 1);
      else masks.neg[c] |= 1 << (-lit - 1);
    }
    if (inst.hard[c] === 1) {
      masks.hard.push(c);
      continue;
    }
    const w = exactWeight(inst, c);
    masks.hi[c] = Number(w >> 32n);
    masks.lo[c] = Number(w & 0xffffffffn);
    masks.soft.push(c);
  }
  return masks;
}

function satisfied(m: Masks, c: number, a: number): boolean {
  return (a & m.pos[c]) !== 0 || (~a & m.neg[c]) !== 0;
}

function toModel(a: number, numVars: number): Uint8Array {
  return Uint8Array.from({ length: numVars }, (_, i) => (a >>> i) & 1);
}

/**
 * Enumerates all 2^numVars assignments (numVars ≤ `maxVars`, at most 24); null when the instance
 * is larger. Costs are exact: compared as (hi, lo) pairs and returned as a bigint.
 */
export function bruteForceMaxSat(inst: MaxSatInstance, maxVars = BRUTE_FORCE_MAX_VARS): ExactAnswer | null {
  if (inst.numVars > Math.min(maxVars, BRUTE_FORCE_MAX_VARS)) return null;
  const m = clauseMasks(inst);
  let bestHi = Infinity;
  let bestLo = Infinity;
  let best = -1;
  const count = 2 ** inst.numVars;
  next: for (let a = 0; a < count; a++) {
    for (const c of m.hard) if (!satisfied(m, c, a)) continue next;
    let hi = 0;
    let lo = 0;
    for (const c of m.soft) {
      if (satisfied(m, c, a)) continue;
      hi += m.hi[c];
      lo += m.lo[c];
    }
    const carry = Math.floor(lo / TWO_32);
    hi += carry;
    lo -= carry * TWO_32;
    if (hi < bestHi || (hi === bestHi && lo < bestLo)) [bestHi, bestLo, best] = [hi, lo, a];
  }
  if (best < 0) return { feasible: false, optimum: null, model: null };
  return { feasible: true, optimum: (BigInt(bestHi) << 32n) + BigInt(bestLo), model: toModel(best, inst.numVars) };
}
