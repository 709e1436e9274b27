// A quadratic model's focus source: sampled variables whose flip improves, else random ones.

import type { Rng } from '../../common/rng.js';
import type { QuadraticEvaluator } from '../../problems/quadratic/evaluator.js';
import type { FocusSource } from './search-point.js';

/** Variables sampled per draw. */
const SAMPLES = 8;

/**
 * Quadratic models keep no set of improving flips, so `draw` samples SAMPLES variables and names
 * those whose flip lowers the cost, topped up with random variables to two (a pair to probe).
 * O(SAMPLES) per draw. `unit` is the mean |pair coefficient| (|linear| without pairs) over `normalizer`.
 */
export function quadraticFocus(evaluator: QuadraticEvaluator, normalizer: number): FocusSource {
  const { model } = evaluator;
  const n = model.n;
  let sum = 0;
  for (let k = 0; k < model.pairQ.length; k++) sum += Math.abs(model.pairQ[k]);
  let count = model.pairQ.length;
  if (count === 0) {
    for (let v = 0; v < n; v++) sum += Math.abs(model.linear[v]);
    count = n;
  }
  const unit = (sum > 0 ? sum / count : 1) / normalizer;
  return {
    unit,
    draw(rng: Rng, out: Int32Array): number {
      if (n === 0) return 0;
      let k = 0;
      for (let s = 0; s < SAMPLES && k < out.length; s++) {
        const v = rng.below(n);
        if (evaluator.flipDelta(v) < 0 && !out.subarray(0, k).includes(v)) out[k++] = v;
      }
      const want = Math.min(2, n, out.length);
      while (k < want) {
        const v = rng.below(n);
        if (!out.subarray(0, k).includes(v)) out[k++] = v;
      }
      return k;
    },
  };
}
