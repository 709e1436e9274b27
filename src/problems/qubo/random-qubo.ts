// Seeded random QUBO matrices and their text in the three QUBO formats.

import { Rng } from '../../common/rng.js';
import { drawWeights, randomPairs, type WeightRule } from '../quadratic/random-pairs.js';
import { inChunks, tripletChunks, type TripletTerms } from '../quadratic/triplet-writer.js';

/** The upper triangle (diagonal included, i ≤ j, 0-based) of a symmetric Q: objective x'Qx. */
export interface QuboMatrix extends TripletTerms {
  readonly n: number;
}

export interface RandomQuboOptions {
  readonly n: number;
  /** Nonzero entries of the upper triangle, diagonal included. */
  readonly entries: number;
  readonly weights: WeightRule;
  readonly seed: number;
}

export function randomQubo(o: RandomQuboOptions): QuboMatrix {
  const rng = new Rng(o.seed);
  const pairs = randomPairs(o.n, o.entries, rng, true);
  return { n: o.n, i: pairs.i, j: pairs.j, value: drawWeights(o.entries, o.weights, rng) };
}

export type QuboWriteFormat = 'biqmac' | 'orlib' | 'qubo-json';

/**
 * `q` as text. Biq Mac (`n m` + `i j q`) is read as minimise x'Qx, OR-Library (instance count 1,
 * then the same) as maximise x'Qx: both list the upper triangle and count off-diagonal entries twice.
 * JSON terms count once, so off-diagonal entries are written doubled; its sense is `jsonSense`.
 */
export function* quboChunks(q: QuboMatrix, format: QuboWriteFormat, jsonSense: 'min' | 'max' = 'min'): Generator<string> {
  const m = q.i.length;
  if (format === 'biqmac') yield* tripletChunks([`${q.n} ${m}`], q);
  else if (format === 'orlib') yield* tripletChunks(['1', `${q.n} ${m}`], q);
  else yield* jsonChunks(q, jsonSense);
}

function* jsonChunks(q: QuboMatrix, sense: 'min' | 'max'): Generator<string> {
  yield `{"n":${q.n},"sense":"${sense}","terms":[`;
  yield* inChunks(jsonTerms(q));
  yield '\n]}\n';
}

function* jsonTerms(q: QuboMatrix): Generator<string> {
  for (let k = 0; k < q.i.length; k++) {
    const value = q.i[k] === q.j[k] ? q.value[k] : 2 * q.value[k];
    yield `${k === 0 ? '' : ','}\n[${q.i[k]},${q.j[k]},${value}]`;
  }
}
