// A binary quadratic model as weighted 1- and 2-literal clauses, so the bit-sliced clause kernel scores it.

import type { CostScale } from '../../problems/maxsat/steering.js';
import type { QuadraticModel } from '../../problems/quadratic/model.js';
import { quadraticNormalizer } from '../../problems/quadratic/steering.js';
import type { ClauseList } from './clause-kernel.js';

/** Weighted clauses plus what turns their falsified weight into the steering cost. */
export interface CompiledObjective {
  readonly clauses: ClauseList;
  /** Steering weight per clause, in clause order. */
  readonly weight: Float64Array;
  /** Added to every candidate's falsified weight before dividing by the normalizer. */
  readonly constant: number;
  readonly normalizer: number;
  /** What the objective reports as `terms`. */
  readonly terms: number;
  /** Cost of one of these clauses relative to a 3-SAT clause, for the parallel threshold. */
  readonly workPerClause: number;
}

/**
 * Two-literal clauses counted on the fused pair path cost ~0.1 ns per candidate against ~0.5 ns
 * for 3-SAT; measured on 2 cores, two threads beat one on G1 from P ≈ 512 (20k clauses: 1.09 vs
 * 1.48 ms) and lose at 256, where half the 3-SAT weight puts the threshold (4M / 0.5 / 20k = 410).
 */
const QUADRATIC_WORK_PER_CLAUSE = 0.5;

/** Digits beyond this many make a coefficient cheaper to add per lane than to count per digit. */
const MAX_DIGITS = 8;
/** A coefficient shared by this many terms, times its extra digits, is counted under its own weight. */
const OWN_RUN = 64;
/** Digit planes stay exact doubles (and their counts exact integers) up to here. */
const MAX_DIGIT_MAGNITUDE = 2 ** 52;

/** Signed digits: non-adjacent form (fewest digits) or plain binary (digit weights sum to |c|). */
export type DigitForm = 'naf' | 'binary';

/**
 * Term c·x_i·x_j is active exactly when clause (¬x_i ∨ ¬x_j) is falsified, c·x_i when (¬x_i) is;
 * so cost(x) = offset + Σ c·[clause falsified]. The kernel counts the falsified clauses of one
 * weight with bit-sliced adders and multiplies once per run, which pays when weights repeat. So a
 * coefficient is spread over its non-adjacent form c = Σ d_b·2^b (d_b ∈ {−1, 0, 1}, no two
 * adjacent non-zero: ~bits/3 of them), one clause of weight d_b·2^b per non-zero digit: at most
 * 2·54 digit weights, whatever the coefficients. Unit-weight Max-Cut pairs (c = 2) stay one clause.
 * A coefficient many terms share keeps its own weight when that saves more digits than a run
 * costs; one with too many digits (or beyond 2^52) keeps its own weight and is added per lane.
 *
 * Exactness: per lane each clause adds its weight at most once, so every partial sum the kernel
 * forms is bounded by |offset| + Σ|clause weights|. Below 2^53 all of them are exact integers, in
 * any order. The NAF's digit weights may sum to up to 2|c| (3 = 4 − 1); when that would pass 2^53
 * for a floatExact model, plain binary digits (summing to exactly |c|) are used instead.
 */
export function compileQuadratic(model: QuadraticModel, scale: CostScale): CompiledObjective {
  const naf = compileWith(model, scale, 'naf');
  if (!model.floatExact) return naf;
  let bound = Math.abs(naf.constant);
  for (let c = 0; c < naf.weight.length; c++) bound += Math.abs(naf.weight[c]);
  return bound < 2 ** 53 ? naf : compileWith(model, scale, 'binary');
}

export function compileWith(model: QuadraticModel, scale: CostScale, form: DigitForm): CompiledObjective {
  const { n, linear, pairI, pairJ, pairQ } = model;
  const own = ownWeights(model, form);
  const lits: number[] = [];
  const starts: number[] = [0];
  const weights: number[] = [];
  let terms = 0;
  let a = 0;
  let b = 0;
  const push = (w: number): void => {
    lits.push(-(a + 1));
    if (b !== a) lits.push(-(b + 1));
    starts.push(lits.length);
    weights.push(w);
  };
  const emit = (c: number): void => {
    terms++;
    if (own.has(c)) push(c);
    else forEachDigit(c, form, push);
  };
  for (let v = 0; v < n; v++) {
    if (linear[v] === 0) continue;
    a = b = v;
    emit(linear[v]);
  }
  for (let k = 0; k < pairQ.length; k++) {
    a = pairI[k];
    b = pairJ[k];
    emit(pairQ[k]);
  }
  const clauses: ClauseList = {
    numVars: n,
    numClauses: weights.length,
    literals: Int32Array.from(lits),
    clauseStart: Uint32Array.from(starts),
  };
  return {
    clauses, weight: Float64Array.from(weights), constant: Number(model.offset), normalizer: quadraticNormalizer(model, scale), terms,
    workPerClause: QUADRATIC_WORK_PER_CLAUSE,
  };
}

/** Calls `each` with d·2^b for every non-zero digit of c (|c| ≤ 2^52), lowest first; the signs follow c. */
export function forEachDigit(c: number, form: DigitForm, each: (weight: number) => void): void {
  const sign = c < 0 ? -1 : 1;
  let k = Math.abs(c);
  for (let p = 1; k !== 0; p *= 2, k /= 2) {
    if (k % 2 === 0) continue;
    // NAF: k ≡ 1 (mod 4) takes digit +1, k ≡ 3 takes −1 (then k − d ≡ 0 mod 4, so the next digit is 0).
    const d = form === 'binary' ? 1 : 2 - (k % 4);
    k -= d;
    each(sign * d * p);
  }
}

function digitCount(c: number, form: DigitForm): number {
  let digits = 0;
  forEachDigit(c, form, () => digits++);
  return digits;
}

/** Coefficients that are not spread over digits: shared widely enough, too wide, or beyond 2^52. */
function ownWeights(model: QuadraticModel, form: DigitForm): Set<number> {
  const uses = new Map<number, number>();
  const count = (c: number): void => {
    if (c !== 0) uses.set(c, (uses.get(c) ?? 0) + 1);
  };
  for (let v = 0; v < model.n; v++) count(model.linear[v]);
  for (let k = 0; k < model.pairQ.length; k++) count(model.pairQ[k]);
  const own = new Set<number>();
  for (const [c, times] of uses) {
    if (Math.abs(c) > MAX_DIGIT_MAGNITUDE) {
      own.add(c);
      continue;
    }
    const digits = digitCount(c, form);
    if (digits > MAX_DIGITS || (digits > 1 && times * (digits - 1) >= OWN_RUN)) own.add(c);
  }
  return own;
}
