// Exact integer coefficients as signed base-256 digits: small enough for float32 (and TF32) device sums.

/** Digits of 8 bits: products with 0/1 stay exact even where a GPU rounds matmul inputs to TF32 (11 bits). */
export const DIGIT_BITS = 8;
const BASE = 2 ** DIGIT_BITS;
const SAFE = 2 ** 52;

/**
 * c = Σ_k digit_k · 256^k with every digit carrying c's sign and |digit_k| ≤ 255. Same-signed
 * digits make Σ_k |digit_k|·256^k = |c|: a partial sum over any digits of any terms is bounded by
 * Σ|c|, so while that stays below 2^53 the host's float64 recombination is exact.
 */
export class DigitTable {
  /** Digit columns: enough for the widest coefficient (at least 1). */
  readonly columns: number;

  constructor(coefficients: Iterable<bigint>) {
    let widest = 1;
    for (const c of coefficients) widest = Math.max(widest, digitsNeeded(c < 0n ? -c : c));
    this.columns = widest;
  }

  /** Writes c's digits to out[at .. at + columns). */
  write(c: bigint, out: Float32Array, at: number): void {
    const sign = c < 0n ? -1 : 1;
    let a = c < 0n ? -c : c;
    if (a <= BigInt(SAFE)) {
      let x = Number(a);
      for (let k = 0; k < this.columns; k++, x = Math.floor(x / BASE)) out[at + k] = sign * (x % BASE);
      return;
    }
    for (let k = 0; k < this.columns; k++, a >>= BigInt(DIGIT_BITS)) out[at + k] = sign * Number(a & BigInt(BASE - 1));
  }

  /** Σ_k sums[at + k] · 256^k in float64: exact while the model is floatExact. */
  combine(sums: ArrayLike<number>, at: number): number {
    let total = 0;
    for (let k = 0, scale = 1; k < this.columns; k++, scale *= BASE) total += sums[at + k] * scale;
    return total;
  }
}

function digitsNeeded(a: bigint): number {
  let k = 1;
  for (let top = BigInt(BASE); a >= top; top <<= BigInt(DIGIT_BITS)) k++;
  return k;
}
