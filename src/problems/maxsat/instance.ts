// The in-memory MaxSAT instance: flat typed arrays, exact weights beside float ones.

export type DimacsFormat = 'cnf' | 'wcnf-old' | 'wcnf';

export const DIMACS_FORMATS: readonly DimacsFormat[] = ['cnf', 'wcnf-old', 'wcnf'];

/**
 * Clause `c` owns `literals[clauseStart[c] .. clauseStart[c + 1])` (signed DIMACS literals,
 * duplicates removed, order kept). A hard clause has `hard[c] = 1` and weight 0.
 * `weights` steer the search; `exactWeights` is null when every weight is a safe integer, in
 * which case `weights` is already exact (see `exactWeight`).
 */
export interface MaxSatInstance {
  readonly format: DimacsFormat;
  readonly numVars: number;
  readonly numClauses: number;
  readonly literals: Int32Array;
  readonly clauseStart: Uint32Array;
  readonly hard: Uint8Array;
  readonly weights: Float64Array;
  readonly exactWeights: BigUint64Array | null;
  /** `top` of an old-format WCNF header, when it had one. */
  readonly top: bigint | null;
  readonly stats: InstanceStats;
}

export interface InstanceStats {
  readonly hardClauses: number;
  readonly softClauses: number;
  readonly emptyHardClauses: number;
  readonly emptySoftClauses: number;
  readonly tautologies: number;
  readonly duplicateLiteralsRemoved: number;
  /** Declared in the header (CNF, old WCNF); null for the 2022 WCNF format. */
  readonly declaredVars: number | null;
  readonly declaredClauses: number | null;
}

export function clauseLength(inst: MaxSatInstance, c: number): number {
  return inst.clauseStart[c + 1] - inst.clauseStart[c];
}

/** The most literals any clause has (0 without clauses). */
export function longestClause(inst: MaxSatInstance): number {
  let longest = 0;
  for (let c = 0; c < inst.numClauses; c++) longest = Math.max(longest, inst.clauseStart[c + 1] - inst.clauseStart[c]);
  return longest;
}

export function exactWeight(inst: MaxSatInstance, c: number): bigint {
  if (inst.hard[c] === 1) return 0n;
  return inst.exactWeights !== null ? inst.exactWeights[c] : BigInt(inst.weights[c]);
}

/** Sum of all soft weights, exact. */
export function totalSoftWeight(inst: MaxSatInstance): bigint {
  if (inst.exactWeights === null) {
    let sum = 0;
    for (let c = 0; c < inst.numClauses; c++) sum += inst.weights[c];
    if (Number.isSafeInteger(sum)) return BigInt(sum);
  }
  let sum = 0n;
  for (let c = 0; c < inst.numClauses; c++) sum += exactWeight(inst, c);
  return sum;
}

/** Clauses of `c` as a plain array; for tests and small tools, not for hot loops. */
export function clauseLiterals(inst: MaxSatInstance, c: number): number[] {
  return Array.from(inst.literals.subarray(inst.clauseStart[c], inst.clauseStart[c + 1]));
}
