// A clique found greedily, within a work budget linear in the graph's size: a cheap lower bound on the colours needed.

import type { ColoringGraph } from './graph.js';

/** Work (adjacency entries and candidates touched) allowed per vertex and edge of the graph. */
const WORK_PER_ELEMENT = 8;

/** The size of greedyClique(g), found once per graph: the summary and the engine's lower bound share it. */
export function cliqueBound(g: ColoringGraph): number {
  let size = bounds.get(g);
  if (size === undefined) {
    size = greedyClique(g).length;
    bounds.set(g, size);
  }
  return size;
}

const bounds = new WeakMap<ColoringGraph, number>();

/**
 * Vertices of a clique (pairwise adjacent), found greedily: seeds taken by falling degree, each
 * grown by the candidate of highest degree adjacent to every member so far. Every clique needs
 * as many colours as it has vertices, so its size bounds the chromatic number from below; it is
 * not a maximum clique. Seeding stops once the work passes WORK_PER_ELEMENT · (n + 2m), so
 * hostile graphs cost linear time; at least the first seed is always grown.
 */
export function greedyClique(g: ColoringGraph): Int32Array {
  const n = g.numVertices;
  if (n === 0) return new Int32Array(0);
  const order = byFallingDegree(g);
  const stamp = new Float64Array(n); // exact stamps whatever the number of growth steps
  const candidates = new Int32Array(n);
  const budget = WORK_PER_ELEMENT * (n + g.adjacent.length);
  let best = Int32Array.of(order[0]);
  let work = 0;
  let mark = 0; // one fresh stamp per growth step
  for (let s = 0; s < n && work <= budget; s++) {
    const seed = order[s];
    if (degree(g, seed) < best.length) break; // a clique through `seed` has at most degree + 1 vertices
    const clique = [seed];
    // candidates: the seed's neighbours, by falling degree (so the first left is the greediest pick)
    let size = 0;
    for (let t = g.adjStart[seed]; t < g.adjStart[seed + 1]; t++) candidates[size++] = g.adjacent[t];
    sortByFallingDegree(g, candidates, size);
    work += size;
    while (size > 0) {
      const pick = candidates[0];
      clique.push(pick);
      mark++;
      for (let t = g.adjStart[pick]; t < g.adjStart[pick + 1]; t++) stamp[g.adjacent[t]] = mark;
      let kept = 0;
      for (let c = 1; c < size; c++) if (stamp[candidates[c]] === mark) candidates[kept++] = candidates[c];
      work += degree(g, pick) + size;
      size = kept;
    }
    if (clique.length > best.length) best = Int32Array.from(clique);
  }
  return best;
}

function degree(g: ColoringGraph, v: number): number {
  return g.adjStart[v + 1] - g.adjStart[v];
}

/** Vertices by falling degree (ties by index), by counting sort: O(n + max degree). */
function byFallingDegree(g: ColoringGraph): Int32Array {
  const n = g.numVertices;
  let maxDegree = 0;
  for (let v = 0; v < n; v++) maxDegree = Math.max(maxDegree, degree(g, v));
  const next = new Uint32Array(maxDegree + 2);
  for (let v = 0; v < n; v++) next[maxDegree - degree(g, v) + 1]++;
  for (let d = 0; d <= maxDegree; d++) next[d + 1] += next[d];
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[next[maxDegree - degree(g, v)]++] = v;
  return order;
}

function sortByFallingDegree(g: ColoringGraph, a: Int32Array, size: number): void {
  const view = a.subarray(0, size);
  view.sort((x, y) => degree(g, y) - degree(g, x) || x - y);
}
