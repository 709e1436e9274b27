// Seeded random colouring graphs for `polystep gen`: uniform edges (G(n, m)), or edges only between the classes of a hidden k-colouring, written as DIMACS .col.

import { Rng } from '../../common/rng.js';
import { inChunks } from '../quadratic/triplet-writer.js';
import { randomPairs, type RandomPairs } from '../quadratic/random-pairs.js';

export interface RandomColOptions {
  readonly vertices: number;
  readonly edges: number;
  readonly seed: number;
  /** k: every vertex gets one of k hidden colours first, and edges join different colours only, so k colours suffice. */
  readonly planted?: number;
}

export interface RandomCol {
  readonly vertices: number;
  readonly pairs: RandomPairs;
  /** The hidden colour of each vertex (0-based) when planted. */
  readonly planted: Int32Array | null;
}

/** Pairs of vertices of different hidden colours: the edges a planted graph may hold. */
export function plantedCapacity(classes: Int32Array, k: number): number {
  const sizes = new Array<number>(k).fill(0);
  for (const c of classes) sizes[c]++;
  const n = classes.length;
  return (n * n - sizes.reduce((sum, s) => sum + s * s, 0)) / 2;
}

/** The hidden classes of a planted graph: a colour drawn uniformly per vertex. */
export function plantedClasses(vertices: number, k: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: vertices }, () => rng.below(k));
}

/**
 * `edges` distinct edges drawn uniformly among the allowed pairs (all pairs, or those across the
 * hidden classes), sorted; the same options give the same graph. Throws a RangeError when there
 * are not that many allowed pairs.
 */
export function randomCol(o: RandomColOptions): RandomCol {
  const rng = new Rng(o.seed);
  if (o.planted === undefined) return { vertices: o.vertices, pairs: randomPairs(o.vertices, o.edges, rng, false), planted: null };
  const classes = plantedClasses(o.vertices, o.planted, rng);
  const capacity = plantedCapacity(classes, o.planted);
  if (o.edges > capacity) throw new RangeError(`a planted ${o.planted}-colouring of ${o.vertices} vertices leaves ${capacity} possible edges, not ${o.edges}`);
  return { vertices: o.vertices, pairs: crossPairs(classes, o.edges, capacity, rng), planted: classes };
}

/** Distinct pairs across classes: by rejection up to half the capacity, else a partial shuffle of all of them. */
function crossPairs(classes: Int32Array, count: number, capacity: number, rng: Rng): RandomPairs {
  const n = classes.length;
  let keys: number[];
  if (count <= capacity / 2) {
    const chosen = new Set<number>();
    while (chosen.size < count) {
      let a = rng.below(n);
      let b = rng.below(n);
      if (classes[a] === classes[b]) continue;
      if (a > b) [a, b] = [b, a];
      chosen.add(a * n + b);
    }
    keys = [...chosen];
  } else {
    const all: number[] = [];
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (classes[a] !== classes[b]) all.push(a * n + b);
    for (let k = 0; k < count; k++) {
      const pick = k + rng.below(all.length - k);
      [all[k], all[pick]] = [all[pick], all[k]];
    }
    keys = all.slice(0, count);
  }
  keys.sort((x, y) => x - y);
  return { i: Int32Array.from(keys, (key) => Math.floor(key / n)), j: Int32Array.from(keys, (key) => key % n) };
}

/** The graph as DIMACS .col text (`p edge V E`, then `e u v`, 1-based, each edge once), in chunks. */
export function* colChunks(g: RandomCol, comment: string): Generator<string> {
  yield `c ${comment}\np edge ${g.vertices} ${g.pairs.i.length}\n`;
  yield* inChunks(edgeLines(g.pairs));
}

function* edgeLines(p: RandomPairs): Generator<string> {
  for (let k = 0; k < p.i.length; k++) yield `e ${p.i[k] + 1} ${p.j[k] + 1}\n`;
}
