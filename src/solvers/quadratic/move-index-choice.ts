// Which move index a tabu search uses on a model: the one a measured cost model says is cheapest per move.

import type { QuadraticEvaluator } from '../../problems/quadratic/evaluator.js';
import type { QuadraticModel } from '../../problems/quadratic/model.js';
import { BucketMoves } from './bucket-moves.js';
import { deltaReach, type MoveIndex } from './move-index.js';
import { ScanMoves } from './scan-moves.js';
import { TreeMoves } from './tree-moves.js';

export type MoveIndexKind = 'scan' | 'tree' | 'buckets';

/** Most bucket slots (per set, Σ over variables of 2·reach + 1) the bucket index may allocate: 64 MiB. */
export const MAX_BUCKET_SLOTS = 1 << 24;

/**
 * Estimated nanoseconds per move (choice, flip, index upkeep, tabu bookkeeping) on one core of
 * the development machine, fitted to Gset, OR-Library and gka runs (n 50…10 000, mean degree
 * 2…124): a scan pays ~3 ns per variable, a tree ~9 ns per level per changed leaf, buckets
 * ~35 ns per neighbour. Only the ratios matter (and the scale, for sizing steps).
 */
export function moveCostNs(model: QuadraticModel, kind: MoveIndexKind): number {
  const n = model.n;
  const degree = n === 0 ? 0 : model.adjStart[n] / n;
  if (kind === 'scan') return 200 + 3 * n + 10 * degree;
  if (kind === 'tree') return 300 + 9 * (degree + 3) * Math.log2(n + 1);
  return 300 + 35 * degree;
}

/**
 * Buckets need exact integer deltas, and pay only while they are few: at most n + 64 of them
 * (every Gset graph has under 0.4 n) and at most MAX_BUCKET_SLOTS slots. QUBO coefficients spread
 * the deltas over 10–240 n buckets (OR-Library, gka), and there buckets measured 25–40% slower
 * than a scan: mostly empty buckets, slot arrays beyond the cache.
 */
export function bucketsFit(model: QuadraticModel, reach: Float64Array = deltaReach(model)): boolean {
  if (!model.floatExact) return false;
  let bound = 0;
  let slots = 0;
  for (let v = 0; v < model.n; v++) {
    bound = Math.max(bound, reach[v]);
    slots += 2 * reach[v] + 1;
  }
  return 2 * bound + 1 <= model.n + 64 && slots <= MAX_BUCKET_SLOTS;
}

/** The cheapest index by moveCostNs among those that fit the model (ties: scan, tree, buckets). */
export function autoMoveIndex(model: QuadraticModel): MoveIndexKind {
  const kinds: MoveIndexKind[] = bucketsFit(model) ? ['scan', 'tree', 'buckets'] : ['scan', 'tree'];
  let best = kinds[0];
  for (const kind of kinds) if (moveCostNs(model, kind) < moveCostNs(model, best)) best = kind;
  return best;
}

export function openMoveIndex(evaluator: QuadraticEvaluator, kind: MoveIndexKind): MoveIndex {
  if (kind === 'scan') return new ScanMoves(evaluator);
  if (kind === 'tree') return new TreeMoves(evaluator);
  const reach = deltaReach(evaluator.model);
  if (!evaluator.model.floatExact) throw new RangeError('bucket moves need a float-exact model');
  return new BucketMoves(evaluator, reach);
}
