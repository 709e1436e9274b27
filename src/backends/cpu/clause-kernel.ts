// Bit-parallel clause kernel: 32 candidates per machine word, clauses regrouped by width and weight.

import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import { chunkGroups, DEFAULT_CHUNK_BYTES, paddedVars } from './bit-pack.js';
import { countNegativePairs } from './negative-pairs.js';

/** What the kernel reads of clauses: a MAX-SAT instance, or a quadratic model compiled to clauses. */
export type ClauseList = Pick<MaxSatInstance, 'numVars' | 'numClauses' | 'clauseStart' | 'literals'>;

/**
 * An instance reordered for the kernel. Clauses are sorted by (weight, width) so that each
 * segment is a run of equal width (its literals sit at a fixed stride, no clauseStart lookups)
 * and, when weights repeat, equal weight (falsified clauses can then be counted, not summed).
 */
export interface ClauseLayout {
  readonly numVars: number;
  readonly numClauses: number;
  /** Literals in clause order: v - 1 for +v and ~(v - 1) for -v, so `x >> 31` is the sign mask. */
  readonly code: Int32Array;
  /** Steering weight of each reordered clause. */
  readonly weight: Float64Array;
  /** Segment s holds reordered clauses segStart[s] .. segStart[s + 1] (length S + 1). */
  readonly segStart: Uint32Array;
  readonly segLit: Float64Array;
  readonly segWidth: Uint32Array;
  /** The weight shared by every clause of the segment, or NaN when they differ. */
  readonly segWeight: Float64Array;
  /** 1 when the segment's clauses are all (¬x ∨ ¬y): falsified exactly when x ∧ y (quadratic pair terms). */
  readonly segNegativePairs: Uint8Array;
}

export type Allocate = (bytes: number) => ArrayBufferLike;

const heap: Allocate = (bytes) => new ArrayBuffer(bytes);

/** Distinct weights beyond m / this make runs too short to count; then only width is grouped. */
const MIN_AVERAGE_RUN = 16;

/** Reorders `inst` for the kernel; `weights` are the steering weights in instance clause order. */
export function buildClauseLayout(inst: ClauseList, weights: Float64Array, alloc: Allocate = heap): ClauseLayout {
  const m = inst.numClauses;
  const cs = inst.clauseStart;
  const width = new Uint32Array(m);
  let maxWidth = 0;
  for (let c = 0; c < m; c++) {
    width[c] = cs[c + 1] - cs[c];
    if (width[c] > maxWidth) maxWidth = width[c];
  }
  const weightId = weightIds(weights, Math.max(1, Math.floor(m / MIN_AVERAGE_RUN)));
  // Two stable counting sorts: by width, then by weight id.
  let order = countingSort(null, width, maxWidth + 1);
  if (weightId !== null && weightId.numIds > 1) order = countingSort(order, weightId, weightId.numIds);

  const code = new Int32Array(alloc(4 * cs[m]));
  const weight = new Float64Array(alloc(8 * m));
  emitClauses(order, cs, inst.literals, weights, code, weight);
  const starts = segmentStarts(order, width, weightId);
  const S = starts.length;
  const segStart = new Uint32Array(alloc(4 * (S + 1)));
  const segLit = new Float64Array(alloc(8 * S));
  const segWidth = new Uint32Array(alloc(4 * S));
  const segWeight = new Float64Array(alloc(8 * S));
  const segNegativePairs = new Uint8Array(alloc(S));
  let lit = 0;
  for (let s = 0; s < S; s++) {
    const a = starts[s];
    const b = s + 1 < S ? starts[s + 1] : m;
    segStart[s] = a;
    segLit[s] = lit;
    segWidth[s] = width[order === null ? a : order[a]];
    segWeight[s] = weightId !== null ? weight[a] : NaN;
    segNegativePairs[s] = segWidth[s] === 2 && allNegative(code, lit, lit + 2 * (b - a)) ? 1 : 0;
    lit += segWidth[s] * (b - a);
  }
  segStart[S] = m;
  return { numVars: inst.numVars, numClauses: m, code, weight, segStart, segLit, segWidth, segWeight, segNegativePairs };
}

function allNegative(code: Int32Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (code[k] >= 0) return false;
  return true;
}

// The hot loops live in small functions of their own: V8 optimises those far better than one big body.

/** Literals (encoded) and weights of the clauses in `order` (null: instance order). */
function emitClauses(order: Uint32Array | null, cs: Uint32Array, lits: Int32Array, weights: Float64Array, code: Int32Array, weight: Float64Array): void {
  if (order === null) {
    for (let k = 0; k < code.length; k++) code[k] = lits[k] > 0 ? lits[k] - 1 : lits[k];
    weight.set(weights);
    return;
  }
  let lit = 0;
  for (let i = 0; i < order.length; i++) {
    const c = order[i];
    for (let k = cs[c], end = cs[c + 1]; k < end; k++) code[lit++] = lits[k] > 0 ? lits[k] - 1 : lits[k]; // -v is already ~(v - 1)
    weight[i] = weights[c];
  }
}

/** Positions in `order` where the width or the weight id changes. */
function segmentStarts(order: Uint32Array | null, width: Uint32Array, weightId: Uint32Array | null): number[] {
  const starts: number[] = [];
  for (let i = 0; i < width.length; i++) {
    const c = order === null ? i : order[i];
    const prev = i === 0 ? -1 : order === null ? i - 1 : order[i - 1];
    if (prev < 0 || width[c] !== width[prev] || (weightId !== null && weightId[c] !== weightId[prev])) starts.push(i);
  }
  return starts;
}

type WeightIds = Uint32Array & { numIds: number };

/** Dense ids of distinct weights, or null when there are more than `cap` of them. */
function weightIds(weights: Float64Array, cap: number): WeightIds | null {
  const ids = Object.assign(new Uint32Array(weights.length), { numIds: 1 });
  const w0 = weights[0];
  let c = 0;
  while (c < weights.length && weights[c] === w0) c++;
  if (c === weights.length) return ids; // the common unweighted case, without a Map
  const seen = new Map<number, number>([[w0, 0]]);
  for (c = 0; c < weights.length; c++) {
    let id = seen.get(weights[c]);
    if (id === undefined) {
      if (seen.size >= cap) return null;
      id = seen.size;
      seen.set(weights[c], id);
    }
    ids[c] = id;
  }
  ids.numIds = seen.size;
  return ids;
}

/** `items` (null: 0 .. m-1) stably sorted by key[item] in 0 .. range-1; null when already in order. */
function countingSort(items: Uint32Array | null, key: Uint32Array, range: number): Uint32Array | null {
  const m = key.length;
  let sorted = true;
  for (let i = 1; i < m && sorted; i++) sorted = key[items === null ? i : items[i]] >= key[items === null ? i - 1 : items[i - 1]];
  if (sorted) return items;
  const next = new Float64Array(range + 1);
  for (let c = 0; c < m; c++) next[key[c] + 1]++;
  for (let k = 1; k <= range; k++) next[k] += next[k - 1];
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const c = items === null ? i : items[i];
    out[next[key[c]]++] = c;
  }
  return out;
}

/** Clause-range boundaries (parts + 1 of them) giving each part about the same literal + clause work. */
export function splitClauses(L: ClauseLayout, parts: number): Float64Array {
  const bounds = new Float64Array(parts + 1);
  const S = L.segWidth.length;
  const total = L.code.length + 2 * L.numClauses;
  let s = 0;
  let done = 0; // work before segment s
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    while (s < S && done + (L.segStart[s + 1] - L.segStart[s]) * (L.segWidth[s] + 2) <= target) {
      done += (L.segStart[s + 1] - L.segStart[s]) * (L.segWidth[s] + 2);
      s++;
    }
    bounds[p] = s < S ? L.segStart[s] + Math.floor((target - done) / (L.segWidth[s] + 2)) : L.numClauses;
  }
  bounds[parts] = L.numClauses;
  return bounds;
}

// ---- Evaluation ----

/** Clauses per block: their masks (BLOCK × chunk groups words) stay in L1 between the two passes. */
const BLOCK = 256;
/** Below this many clauses of one weight, per-bit adds beat counting plus its flush. */
const MIN_COUNTED_RUN = 32;

/** Per-thread working memory of `evaluateClauses`, grown on demand and then reused. */
export class KernelScratch {
  masks = new Int32Array(0);
  /** Bit-sliced counters per group: ones, twos, fours, eights. */
  planes = new Int32Array(0);
  /** Per candidate lane: how many times its count passed 16. */
  over = new Float64Array(0);

  ensure(groups: number): void {
    if (this.planes.length >= 4 * groups) return;
    this.masks = new Int32Array(BLOCK * groups);
    this.planes = new Int32Array(4 * groups);
    this.over = new Float64Array(32 * groups);
  }
}

/**
 * Adds to acc[j] the steering weight of every reordered clause in c0 .. c1 that candidate j
 * falsifies (acc needs ⌈count/32⌉·32 entries; lanes past `count` collect junk), for the group
 * chunks chunk0 .. chunk1 (default all) and only their lanes. Evaluating clause by clause over all
 * groups of a chunk loads each literal once for up to 32·GC candidates; falsified masks are made
 * in one branch-free pass so the random loads of `bits` overlap.
 */
export function evaluateClauses(L: ClauseLayout, bits: Int32Array, count: number, c0: number, c1: number, s: KernelScratch, acc: Float64Array,
  chunkBytes = DEFAULT_CHUNK_BYTES, chunk0 = 0, chunk1 = Infinity): void {
  const G = (count + 31) >>> 5;
  if (G === 0 || c0 >= c1) return;
  const nPad = paddedVars(L.numVars);
  const GC = chunkGroups(nPad, G, chunkBytes);
  s.ensure(GC);
  const S = L.segWidth.length;
  const firstSeg = findSegment(L.segStart, c0);
  for (let first = chunk0 * GC; first < G && first < chunk1 * GC; first += GC) {
    const Gc = Math.min(GC, G - first);
    const base = first * nPad;
    const lane0 = 32 * first;
    for (let seg = firstSeg; seg < S && L.segStart[seg] < c1; seg++) {
      const a = Math.max(c0, L.segStart[seg]);
      const b = Math.min(c1, L.segStart[seg + 1]);
      const k = L.segWidth[seg];
      const w = L.segWeight[seg];
      if (k === 0) {
        // Empty clauses: every candidate falsifies them.
        let sum = 0;
        for (let c = a; c < b; c++) sum += L.weight[c];
        for (let j = lane0; j < lane0 + 32 * Gc; j++) acc[j] += sum;
        continue;
      }
      const counted = w === w && b - a >= MIN_COUNTED_RUN;
      if (counted) {
        s.planes.fill(0, 0, 4 * Gc);
        s.over.fill(0, 0, 32 * Gc);
      }
      let lit = L.segLit[seg] + (a - L.segStart[seg]) * k;
      if (counted && L.segNegativePairs[seg] === 1) {
        // ANDs fed straight into the counters: no mask round trip through memory.
        countNegativePairs(L.code, lit, b - a, bits, base, Gc, s.planes, s.over);
        flushCounts(Gc, s.planes, s.over, w, acc, lane0);
        continue;
      }
      for (let cb = a; cb < b; cb += BLOCK) {
        const n = Math.min(BLOCK, b - cb);
        if (k === 3) falsified3(L.code, lit, n, bits, base, Gc, s.masks);
        else if (k === 2) falsified2(L.code, lit, n, bits, base, Gc, s.masks);
        else falsifiedK(L.code, lit, n, k, bits, base, Gc, s.masks);
        lit += n * k;
        if (counted) countMasks(s.masks, n, Gc, s.planes, s.over);
        else addMasks(s.masks, n, Gc, L.weight, cb, acc, lane0);
      }
      if (counted) flushCounts(Gc, s.planes, s.over, w, acc, lane0);
    }
  }
}

/** The last segment starting at or before clause c. */
function findSegment(segStart: Uint32Array, c: number): number {
  let lo = 0;
  let hi = segStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (segStart[mid] <= c) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// masks[i·Gc + g] bit j = candidate 32g + j falsifies clause i of the block.

function falsified3(code: Int32Array, lit: number, n: number, bits: Int32Array, base: number, Gc: number, masks: Int32Array): void {
  for (let i = 0, q = 0; i < n; i++, lit += 3) {
    const x = code[lit], y = code[lit + 1], z = code[lit + 2];
    const sx = x >> 31, sy = y >> 31, sz = z >> 31;
    const ix = base + (x ^ sx) * Gc, iy = base + (y ^ sy) * Gc, iz = base + (z ^ sz) * Gc;
    for (let g = 0; g < Gc; g++) masks[q++] = ~((bits[ix + g] ^ sx) | (bits[iy + g] ^ sy) | (bits[iz + g] ^ sz));
  }
}

function falsified2(code: Int32Array, lit: number, n: number, bits: Int32Array, base: number, Gc: number, masks: Int32Array): void {
  for (let i = 0, q = 0; i < n; i++, lit += 2) {
    const x = code[lit], y = code[lit + 1];
    const sx = x >> 31, sy = y >> 31;
    const ix = base + (x ^ sx) * Gc, iy = base + (y ^ sy) * Gc;
    for (let g = 0; g < Gc; g++) masks[q++] = ~((bits[ix + g] ^ sx) | (bits[iy + g] ^ sy));
  }
}

function falsifiedK(code: Int32Array, lit: number, n: number, k: number, bits: Int32Array, base: number, Gc: number, masks: Int32Array): void {
  for (let i = 0, q = 0; i < n; i++, lit += k) {
    for (let g = 0; g < Gc; g++) {
      let sat = 0;
      for (let t = lit; t < lit + k; t++) {
        const x = code[t], sx = x >> 31;
        sat |= bits[base + (x ^ sx) * Gc + g] ^ sx;
      }
      masks[q++] = ~sat;
    }
  }
}

/** Per-bit adds of each clause's own weight (mixed weights or short runs). */
function addMasks(masks: Int32Array, n: number, Gc: number, weight: Float64Array, c: number, acc: Float64Array, lane0: number): void {
  for (let i = 0, q = 0; i < n; i++) {
    const w = weight[c + i];
    for (let g = 0, lane = lane0 + 31; g < Gc; g++, lane += 32) {
      for (let un = masks[q++]; un !== 0; un &= un - 1) acc[lane - Math.clz32(un & -un)] += w;
    }
  }
}

/**
 * Counts falsified clauses per lane with a carry-save adder tree (Harley–Seal style): 8 masks
 * become one carry into the eights plane in ~7 word operations, instead of ~4 float adds each.
 */
function countMasks(masks: Int32Array, n: number, Gc: number, planes: Int32Array, over: Float64Array): void {
  for (let g = 0; g < Gc; g++) {
    let ones = planes[4 * g], twos = planes[4 * g + 1], fours = planes[4 * g + 2], eights = planes[4 * g + 3];
    const lane = 32 * g + 31;
    let q = g;
    let i = 0;
    for (; i + 8 <= n; i += 8, q += 8 * Gc) {
      let a = masks[q], b = masks[q + Gc], u = ones ^ a;
      const twosA = (ones & a) | (u & b);
      ones = u ^ b;
      a = masks[q + 2 * Gc]; b = masks[q + 3 * Gc]; u = ones ^ a;
      const twosB = (ones & a) | (u & b);
      ones = u ^ b;
      u = twos ^ twosA;
      const foursA = (twos & twosA) | (u & twosB);
      twos = u ^ twosB;
      a = masks[q + 4 * Gc]; b = masks[q + 5 * Gc]; u = ones ^ a;
      const twosC = (ones & a) | (u & b);
      ones = u ^ b;
      a = masks[q + 6 * Gc]; b = masks[q + 7 * Gc]; u = ones ^ a;
      const twosD = (ones & a) | (u & b);
      ones = u ^ b;
      u = twos ^ twosC;
      const foursB = (twos & twosC) | (u & twosD);
      twos = u ^ twosD;
      u = fours ^ foursA;
      const eightsA = (fours & foursA) | (u & foursB);
      fours = u ^ foursB;
      for (let carry = eights & eightsA; carry !== 0; carry &= carry - 1) over[lane - Math.clz32(carry & -carry)]++;
      eights ^= eightsA;
    }
    for (; i < n; i++, q += Gc) {
      // Leftover masks ripple in one at a time.
      let carry = masks[q], t = ones & carry;
      ones ^= carry; carry = t;
      t = twos & carry; twos ^= carry; carry = t;
      t = fours & carry; fours ^= carry; carry = t;
      t = eights & carry; eights ^= carry; carry = t;
      for (; carry !== 0; carry &= carry - 1) over[lane - Math.clz32(carry & -carry)]++;
    }
    planes[4 * g] = ones; planes[4 * g + 1] = twos; planes[4 * g + 2] = fours; planes[4 * g + 3] = eights;
  }
}

function flushCounts(Gc: number, planes: Int32Array, over: Float64Array, w: number, acc: Float64Array, lane0: number): void {
  for (let g = 0; g < Gc; g++) {
    const ones = planes[4 * g], twos = planes[4 * g + 1], fours = planes[4 * g + 2], eights = planes[4 * g + 3];
    for (let j = 0; j < 32; j++) {
      const count = 16 * over[32 * g + j] + 8 * ((eights >>> j) & 1) + 4 * ((fours >>> j) & 1) + 2 * ((twos >>> j) & 1) + ((ones >>> j) & 1);
      if (count !== 0) acc[lane0 + 32 * g + j] += w * count;
    }
  }
}
