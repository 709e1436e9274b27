// What the full-space block optimizer needs from a problem: costs of one-block changes to a point.

export interface BlockObjective {
  /** Number of real coordinates of the decision vector (padding excluded). */
  readonly dim: number;
  /** Fixes the point whose blocks the following evaluations perturb. */
  setPoint(x: Float64Array): void;
  /**
   * Optional, used by focused steps: of the point last set, only coordinates [start, start + len)
   * changed, to x[start .. start + len). Without it the optimizer calls setPoint(x).
   */
  setBlock?(start: number, len: number, x: Float64Array): void;
  /**
   * out[j] = cost of the set point with coordinates [start, start + len) replaced by
   * points[j·len .. (j + 1)·len), for j < count. Must not keep `points` or `out`.
   */
  evaluateBlock(start: number, len: number, points: Float64Array, count: number, out: Float64Array): void;
}

/** A block objective over a plain function of the whole vector, for tests and small problems. */
export function blockObjectiveOf(dim: number, f: (x: Float64Array) => number): BlockObjective {
  const base = new Float64Array(dim);
  const probe = new Float64Array(dim);
  return {
    dim,
    setPoint(x) {
      base.set(x.subarray(0, dim));
    },
    evaluateBlock(start, len, points, count, out) {
      probe.set(base);
      for (let j = 0; j < count; j++) {
        for (let d = 0; d < len; d++) probe[start + d] = points[j * len + d];
        out[j] = f(probe);
      }
    },
  };
}
