// What a search over 0/1 variables needs from a problem: the current point, its cost, and move deltas.

/**
 * An incremental evaluator over a binary assignment (MAX-SAT's IncrementalCost, the quadratic
 * models' local fields). `cost` and the deltas are the float steering cost in the engine's sense
 * (minimised); they never decide what is reported, the family's exact score does.
 */
export interface BinaryEvaluator {
  /** 0/1 per variable; owned by the evaluator, changed only through `flip`. */
  readonly assignment: Uint8Array;
  /** Steering cost of the current assignment. */
  readonly cost: number;
  flip(v: number): void;
  /** Cost change if `v` were flipped; nothing changes. */
  flipDelta(v: number): number;
  /** out[0] = flip a, out[1] = flip b, out[2] = flip both (a ≠ b). */
  pairDeltas(a: number, b: number, out: Float64Array): void;
  /** Cost change if the `count` distinct variables vars[0..count) were all flipped. */
  multiFlipDelta(vars: Int32Array, count: number): number;
}
