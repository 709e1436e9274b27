// MAX-SAT's focus source: the variables of a random falsified clause, hard ones first.

import type { Rng } from '../../common/rng.js';
import type { IncrementalCost } from '../../problems/maxsat/incremental-cost.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import type { FocusSource } from './search-point.js';

/**
 * `draw` picks a falsified clause as focused local search does (IncrementalCost.pickFalsified:
 * uniformly among the hard ones while any is falsified, else among the soft ones) and names its
 * variables; a clause longer than the buffer gives a uniform sample of them. `ic` must track its
 * falsified clauses. `unit` is the mean positive soft weight over `normalizer`: one typical clause.
 */
export function clauseFocus(inst: MaxSatInstance, ic: IncrementalCost, normalizer: number): FocusSource {
  if (!ic.tracksFalsified) throw new Error('a clause focus needs an IncrementalCost that tracks falsified clauses');
  const { literals, clauseStart } = inst;
  let sum = 0;
  let count = 0;
  for (let c = 0; c < inst.numClauses; c++) {
    if (inst.hard[c] === 0 && inst.weights[c] > 0) {
      sum += inst.weights[c];
      count++;
    }
  }
  const unit = (count > 0 ? sum / count : 1) / normalizer;
  return {
    unit,
    draw(rng: Rng, out: Int32Array): number {
      const c = ic.pickFalsified(rng);
      if (c < 0) return 0;
      const from = clauseStart[c];
      const len = clauseStart[c + 1] - from;
      let k = 0;
      for (let j = 0; j < len; j++) {
        const lit = literals[from + j];
        const v = (lit < 0 ? -lit : lit) - 1;
        let seen = false;
        for (let i = 0; i < k && !seen; i++) seen = out[i] === v;
        if (seen) continue;
        if (k < out.length) out[k++] = v;
        else {
          // reservoir sampling over the clause's variables beyond the buffer
          const at = rng.below(j + 1);
          if (at < out.length) out[at] = v;
        }
      }
      return k;
    },
  };
}
