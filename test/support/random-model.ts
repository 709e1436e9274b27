// Seeded random binary quadratic models for backend tests, and the exact batch reference they are checked against.

import { PyRandom } from '../../src/common/py-random.js';
import type { CostScale } from '../../src/problems/maxsat/steering.js';
import { QuadraticModelBuilder, type Coefficient } from '../../src/problems/quadratic/model-builder.js';
import type { QuadraticModel } from '../../src/problems/quadratic/model.js';
import { quadraticCost } from '../../src/problems/quadratic/quadratic-cost.js';
import { quadraticNormalizer } from '../../src/problems/quadratic/steering.js';

export interface RandomModelOptions {
  readonly n: number;
  /** Share of the n(n−1)/2 pairs drawn (with repeats, which the builder merges). */
  readonly density: number;
  /** Coefficients are drawn from −maxCoefficient .. maxCoefficient (bigint: beyond 2^53). */
  readonly maxCoefficient: number | bigint;
  /** Share of variables with a linear term. */
  readonly linearShare?: number;
  readonly offset?: bigint;
}

function draw(rng: PyRandom, max: number | bigint): Coefficient {
  if (typeof max === 'number') return rng.randbelow(2 * max + 1) - max;
  // Four 16-bit draws: a 64-bit magnitude, then reduced into range.
  let r = 0n;
  for (let k = 0; k < 4; k++) r = (r << 16n) | BigInt(rng.randbelow(1 << 16));
  return (r % (2n * max + 1n)) - max;
}

export function randomModel(seed: number, o: RandomModelOptions): QuadraticModel {
  const rng = new PyRandom(seed);
  const b = new QuadraticModelBuilder(o.n);
  b.addOffset(o.offset ?? 0n);
  for (let v = 0; v < o.n; v++) if (rng.random() < (o.linearShare ?? 0.5)) b.addLinear(v, draw(rng, o.maxCoefficient));
  const pairs = o.n < 2 ? 0 : Math.round((o.density * o.n * (o.n - 1)) / 2);
  for (let k = 0; k < pairs; k++) {
    const i = rng.randbelow(o.n);
    const j = rng.randbelow(o.n - 1);
    b.addPair(i, j < i ? j : j + 1, draw(rng, o.maxCoefficient));
  }
  return b.build();
}

/** A Max-Cut model of a random graph with unit weights: linear −deg, pairs +2 (long runs of one weight). */
export function unitCutModel(seed: number, n: number, edges: number): QuadraticModel {
  const rng = new PyRandom(seed);
  const b = new QuadraticModelBuilder(n);
  for (let e = 0; e < edges; e++) {
    const i = rng.randbelow(n);
    const j = (i + 1 + rng.randbelow(n - 1)) % n;
    b.addLinear(i, -1);
    b.addLinear(j, -1);
    b.addPair(i, j, 2);
  }
  return b.build();
}

/** Candidate bytes; true is any non-zero byte, not just 1. */
export function randomBatch(seed: number, count: number, numVars: number): Uint8Array {
  const rng = new PyRandom(seed);
  return Uint8Array.from({ length: count * numVars }, () => (rng.random() < 0.5 ? 0 : 1 + rng.randbelow(255)));
}

/** The exact cost of each candidate (quadraticCost), as the double the engine steers by. */
export function referenceQuadratic(model: QuadraticModel, batch: Uint8Array, count: number, scale: CostScale): Float64Array {
  const normalizer = quadraticNormalizer(model, scale);
  const n = model.n;
  return Float64Array.from({ length: count }, (_, j) => {
    const x = Uint8Array.from(batch.subarray(j * n, (j + 1) * n), (b) => (b !== 0 ? 1 : 0));
    return Number(quadraticCost(model, x)) / normalizer;
  });
}

/** |offset| + Σ|coefficients|, exactly: the scale any float evaluation's rounding is relative to. */
export function magnitude(model: QuadraticModel): number {
  let sum = model.offset < 0n ? -model.offset : model.offset;
  for (const c of [...model.linearExact, ...model.pairExact]) sum += c < 0n ? -c : c;
  return Number(sum);
}
