// A binary quadratic model: what Max-Cut and QUBO both compile to, and what their solvers and kernels read.

/**
 * The engine minimises
 *   cost(x) = offset + Σ_i linear[i]·x_i + Σ_k pairQ[k]·x_{pairI[k]}·x_{pairJ[k]},   x ∈ {0,1}^n,
 * with every unordered pair at most once (pairI[k] < pairJ[k], pairs sorted by (i, j)) and no zero
 * coefficient stored. A problem maximised in its own sense (a cut, a Beasley QUBO) compiles to
 * cost = −objective, so the reported objective depends on the sense alone.
 *
 * Coefficients are exact integers: `*Exact` are the truth; the Float64 copies steer the search and
 * are exact as well whenever `floatExact` holds (offset plus the absolute values of all coefficients
 * stay within 2^53, so every partial sum a search forms is an exact double).
 */
export interface QuadraticModel {
  readonly n: number;
  readonly offset: bigint;
  readonly linearExact: readonly bigint[];
  readonly linear: Float64Array;
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
  readonly pairExact: readonly bigint[];
  readonly pairQ: Float64Array;
  /** CSR adjacency: variable v's pairs sit at adjStart[v] .. adjStart[v + 1] of adjVar / adjQ. */
  readonly adjStart: Uint32Array;
  readonly adjVar: Int32Array;
  readonly adjQ: Float64Array;
  readonly floatExact: boolean;
  /** Σ over negative coefficients (+ offset): no assignment costs less. */
  readonly lowerBound: bigint;
}
