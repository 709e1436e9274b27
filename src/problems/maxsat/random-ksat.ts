// Uniform random k-SAT instances, reproducing the paper's `generate_maxsat_instance` bit for bit
// (spec §12.1): CPython's random.Random(seed), per clause sample(range(1, n + 1), k) in draw order,
// then one random() per drawn variable for its sign.

import { PyRandom } from '../../common/py-random.js';
import type { MaxSatInstance } from './instance.js';
import { InstanceBuilder } from './instance-builder.js';

export const PAPER_RATIO = 4.27;

export interface RandomKSatOptions {
  readonly numVars: number;
  /** Clauses per variable; m = trunc(numVars · ratio) in IEEE double. Default 4.27. */
  readonly ratio?: number;
  /** Literals per clause (distinct variables). Default 3. */
  readonly k?: number;
  /** CPython `random.Random` seed. Default 42 (the paper's runners). */
  readonly seed?: number | bigint;
  /**
   * Weighted variant ('wcnf'): after all clauses are drawn, each clause in order gets
   * weight 1 + randbelow(maxWeight). The clauses equal those of the unweighted instance.
   */
  readonly weighted?: { readonly maxWeight: number };
}

const MAX_LITERALS = 0xffffffff; // clauseStart is a Uint32Array
const MAX_VAR = 0x7fffffff; // literals are an Int32Array

/** Clause count of the paper's instances: trunc(n · 4.27) in IEEE double (426 for n = 100). */
export function paperClauseCount(numVars: number, ratio: number = PAPER_RATIO): number {
  return Math.trunc(numVars * ratio);
}

export function generateRandomKSat(options: RandomKSatOptions): MaxSatInstance {
  const { numVars, ratio = PAPER_RATIO, k = 3, seed = 42, weighted } = options;
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`random k-SAT: k must be an integer >= 1, got ${k}`);
  }
  if (!Number.isInteger(numVars) || numVars < k || numVars > MAX_VAR) {
    throw new RangeError(
      `random k-SAT: numVars must be an integer in [k, ${MAX_VAR}] (k = ${k}), got ${numVars}`,
    );
  }
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio <= 0) {
    throw new RangeError(`random k-SAT: ratio must be a finite number > 0, got ${ratio}`);
  }
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new RangeError(`random k-SAT: seed must be a safe integer or a bigint, got ${seed}`);
  }
  let maxWeight = 0;
  if (weighted !== undefined) {
    maxWeight = weighted.maxWeight;
    if (!Number.isSafeInteger(maxWeight) || maxWeight < 1) {
      throw new RangeError(
        `random k-SAT: weighted.maxWeight must be a safe integer >= 1, got ${maxWeight}`,
      );
    }
  }
  const m = paperClauseCount(numVars, ratio);
  if (m * k > MAX_LITERALS) {
    throw new RangeError(
      `random k-SAT: ${m} clauses of ${k} literals exceed the ${MAX_LITERALS}-literal limit`,
    );
  }

  const rng = new PyRandom(seed);
  const builder = new InstanceBuilder();
  const vars = new Int32Array(k);

  if (weighted === undefined) {
    for (let c = 0; c < m; c++) {
      drawVars(rng, numVars, k, vars);
      for (let i = 0; i < k; i++) builder.addLiteral(rng.random() < 0.5 ? vars[i] : -vars[i]);
      builder.endClause(false, 1);
    }
    return builder.seal({ format: 'cnf', numVars });
  }

  // Weights are drawn only after every clause, so buffer the literals first.
  const lits = new Int32Array(m * k);
  let p = 0;
  for (let c = 0; c < m; c++) {
    drawVars(rng, numVars, k, vars);
    for (let i = 0; i < k; i++) lits[p++] = rng.random() < 0.5 ? vars[i] : -vars[i];
  }
  p = 0;
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < k; i++) builder.addLiteral(lits[p++]);
    builder.endClause(false, 1 + rng.randbelow(maxWeight));
  }
  return builder.seal({ format: 'wcnf', numVars });
}

/**
 * `sample(range(1, n + 1), k)` into `out`. The paper's case (k = 3, n > 21: set method) is
 * inlined; everything else goes through the general PyRandom.sampleRangeInto.
 */
function drawVars(rng: PyRandom, n: number, k: number, out: Int32Array): void {
  if (k === 3 && n > 21) {
    const a = rng.randbelow(n);
    let b = rng.randbelow(n);
    while (b === a) b = rng.randbelow(n);
    let c = rng.randbelow(n);
    while (c === a || c === b) c = rng.randbelow(n);
    out[0] = a + 1;
    out[1] = b + 1;
    out[2] = c + 1;
    return;
  }
  rng.sampleRangeInto(1, n + 1, k, out, 0);
}
