// Per-variable occurrence lists in CSR form: which clauses hold each variable, and with which sign.

import type { MaxSatInstance } from './instance.js';

/**
 * Variable v (1-based) occurs at `entries[start[v - 1] .. start[v])`. Each entry is
 * `clause << 1 | negated`, so one Int32Array holds both the clause and the literal's sign.
 * Tautologies are left out: they hold under every assignment, so no flip can change them,
 * and without them a clause appears at most once in a variable's list.
 */
export interface Occurrences {
  readonly start: Uint32Array;
  readonly entries: Int32Array;
}

export const MAX_OCCURRENCE_CLAUSES = 2 ** 30;

export function buildOccurrences(inst: MaxSatInstance, tautology: Uint8Array = findTautologies(inst)): Occurrences {
  if (inst.numClauses > MAX_OCCURRENCE_CLAUSES) {
    throw new RangeError(`occurrence lists hold at most ${MAX_OCCURRENCE_CLAUSES} clauses, got ${inst.numClauses}`);
  }
  const n = inst.numVars;
  const lits = inst.literals;
  const start = new Uint32Array(n + 1);
  for (let c = 0; c < inst.numClauses; c++) {
    if (tautology[c] === 1) continue;
    for (let k = inst.clauseStart[c]; k < inst.clauseStart[c + 1]; k++) start[Math.abs(lits[k])]++;
  }
  for (let v = 1; v <= n; v++) start[v] += start[v - 1];
  const next = start.slice(0, n);
  const entries = new Int32Array(start[n]);
  for (let c = 0; c < inst.numClauses; c++) {
    if (tautology[c] === 1) continue;
    for (let k = inst.clauseStart[c]; k < inst.clauseStart[c + 1]; k++) {
      const lit = lits[k];
      entries[next[(lit < 0 ? -lit : lit) - 1]++] = (c << 1) | (lit < 0 ? 1 : 0);
    }
  }
  return { start, entries };
}

/** 1 for clauses holding a literal and its negation (literals are already deduplicated). */
export function findTautologies(inst: MaxSatInstance): Uint8Array {
  const flags = new Uint8Array(inst.numClauses);
  if (inst.stats.tautologies === 0) return flags;
  const lits = inst.literals;
  for (let c = 0; c < inst.numClauses; c++) {
    const from = inst.clauseStart[c];
    const to = inst.clauseStart[c + 1];
    for (let i = from + 1; i < to && flags[c] === 0; i++) {
      for (let j = from; j < i; j++) if (lits[j] === -lits[i]) flags[c] = 1;
    }
  }
  return flags;
}

/** Length of the longest occurrence list. */
export function maxOccurrences(occ: Occurrences): number {
  let max = 0;
  for (let v = 1; v < occ.start.length; v++) max = Math.max(max, occ.start[v] - occ.start[v - 1]);
  return max;
}
