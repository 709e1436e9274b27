// Size, clause-length and weight statistics of an instance, exact where it matters.

import { exactWeight, type DimacsFormat, type MaxSatInstance } from './instance.js';

export interface InstanceSummary {
  readonly format: DimacsFormat;
  readonly variables: number;
  readonly clauses: number;
  readonly hardClauses: number;
  readonly softClauses: number;
  readonly literals: number;
  readonly clauseLength: { readonly min: number; readonly max: number; readonly mean: number };
  /** Over soft clauses; null when there are none. Exact values. */
  readonly weights: {
    readonly min: bigint;
    readonly max: bigint;
    readonly total: bigint;
    readonly distinct: number;
    readonly unweighted: boolean;
  } | null;
  readonly emptyHardClauses: number;
  readonly emptySoftClauses: number;
  readonly tautologies: number;
  readonly duplicateLiteralsRemoved: number;
  readonly top: bigint | null;
}

const MAX_DISTINCT_TRACKED = 1 << 16;

function weightStats(inst: MaxSatInstance): InstanceSummary['weights'] {
  let min: bigint | null = null;
  let max = 0n;
  let total = 0n;
  const distinct = new Set<bigint>();
  for (let c = 0; c < inst.numClauses; c++) {
    if (inst.hard[c] === 1) continue;
    const w = exactWeight(inst, c);
    if (min === null || w < min) min = w;
    if (w > max) max = w;
    total += w;
    if (distinct.size < MAX_DISTINCT_TRACKED) distinct.add(w);
  }
  if (min === null) return null;
  return { min, max, total, distinct: distinct.size, unweighted: min === 1n && max === 1n };
}

export function summarize(inst: MaxSatInstance): InstanceSummary {
  let minLen = Infinity;
  let maxLen = 0;
  for (let c = 0; c < inst.numClauses; c++) {
    const len = inst.clauseStart[c + 1] - inst.clauseStart[c];
    if (len < minLen) minLen = len;
    if (len > maxLen) maxLen = len;
  }
  const literals = inst.literals.length;
  const s = inst.stats;
  return {
    format: inst.format,
    variables: inst.numVars,
    clauses: inst.numClauses,
    hardClauses: s.hardClauses,
    softClauses: s.softClauses,
    literals,
    clauseLength: {
      min: inst.numClauses === 0 ? 0 : minLen,
      max: maxLen,
      mean: inst.numClauses === 0 ? 0 : literals / inst.numClauses,
    },
    weights: weightStats(inst),
    emptyHardClauses: s.emptyHardClauses,
    emptySoftClauses: s.emptySoftClauses,
    tautologies: s.tautologies,
    duplicateLiteralsRemoved: s.duplicateLiteralsRemoved,
    top: inst.top,
  };
}
