// What `info` and the store show about a QUBO instance, in the objective's own terms; JSON-safe.

import { engineSign, type QuboInstance } from './instance.js';

export interface QuboSummary {
  readonly n: number;
  /** Nonzero coefficients of the objective as expanded: linear (diagonal) ones plus pairs. */
  readonly nonzeros: number;
  /** Nonzeros of the full symmetric matrix over n² (a pair fills two cells), as the QUBO libraries quote it. */
  readonly density: number;
  readonly sense: 'min' | 'max';
  /** Exact decimal strings, in the objective's sense; the coefficients as expanded (x'Qx: off-diagonal entries doubled). */
  readonly offset: string;
  readonly coefficientMin: string | null;
  readonly coefficientMax: string | null;
  readonly name?: string;
  /** OR-Library: the instance read (1-based) and how many the file holds. */
  readonly instance?: number;
  readonly instances?: number;
}

export function summarizeQubo(inst: QuboInstance): QuboSummary {
  const { model } = inst;
  const sign = BigInt(engineSign(inst.sense));
  let linear = 0;
  let min: bigint | null = null;
  let max: bigint | null = null;
  const see = (engineCoefficient: bigint): void => {
    const c = sign * engineCoefficient;
    if (min === null || c < min) min = c;
    if (max === null || c > max) max = c;
  };
  for (const c of model.linearExact) {
    if (c === 0n) continue;
    linear++;
    see(c);
  }
  for (const c of model.pairExact) see(c);
  const pairs = model.pairExact.length;
  const n = model.n;
  return {
    n,
    nonzeros: linear + pairs,
    density: n === 0 ? 0 : (linear + 2 * pairs) / (n * n),
    sense: inst.sense,
    offset: (sign * model.offset).toString(),
    coefficientMin: min === null ? null : String(min),
    coefficientMax: max === null ? null : String(max),
    ...(inst.name === undefined ? {} : { name: inst.name }),
    ...(inst.instance === undefined ? {} : { instance: inst.instance.index, instances: inst.instance.count }),
  };
}
