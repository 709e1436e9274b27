// Seeded random MaxSAT instances for property tests: unweighted, weighted (exact big weights) or partial.

import { PyRandom } from '../../src/common/py-random.js';
import { InstanceBuilder } from '../../src/problems/maxsat/instance-builder.js';
import type { MaxSatInstance } from '../../src/problems/maxsat/instance.js';

export type InstanceKind = 'unweighted' | 'weighted' | 'partial';

export interface RandomInstanceOptions {
  readonly numVars: number;
  readonly numClauses: number;
  readonly kind: InstanceKind;
  readonly maxClauseLength?: number;
  /** Allow weights above 2^53 (exact only as bigint). */
  readonly hugeWeights?: boolean;
}

export function randomInstance(seed: number, o: RandomInstanceOptions): MaxSatInstance {
  const rng = new PyRandom(seed);
  const b = new InstanceBuilder();
  const maxLen = o.maxClauseLength ?? 5;
  for (let c = 0; c < o.numClauses; c++) {
    const len = rng.randbelow(maxLen + 1);
    for (let k = 0; k < len; k++) {
      const v = 1 + rng.randbelow(o.numVars);
      b.addLiteral(rng.random() < 0.5 ? v : -v);
    }
    const hard = o.kind === 'partial' && rng.random() < 0.3;
    let weight: number | bigint = 1;
    if (o.kind !== 'unweighted') {
      weight = o.hugeWeights && rng.random() < 0.2 ? (1n << 62n) + BigInt(rng.randbelow(1 << 30)) : rng.randbelow(1000);
    }
    b.endClause(hard, weight);
  }
  return b.seal({ format: o.kind === 'unweighted' ? 'cnf' : 'wcnf', numVars: o.numVars });
}
