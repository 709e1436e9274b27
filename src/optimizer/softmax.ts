// Row-wise softmax weights exp(−(C_iv − min_w C_iw)/ε), normalised per row (spec §5.2).

/**
 * Row i of `out` becomes softmax(−(c_i· − min_w c_iw)/ε) and sums to 1; the 1/P row mass of the
 * transport plan is the caller's. Expects sanitised (finite) costs; `out` may alias `c`.
 * Allocates nothing.
 */
export function softmaxRows(c: Float64Array, rows: number, cols: number, epsilon: number, out: Float64Array): void {
  // Written so that NaN fails it too.
  if (!(epsilon > 0 && epsilon < Infinity)) throw new RangeError(`softmax epsilon must be positive and finite, got ${epsilon}`);
  const n = rows * cols;
  if (c.length < n || out.length < n) throw new RangeError(`softmax needs ${n} entries, got cost ${c.length} and output ${out.length}`);
  for (let base = 0; base < n; base += cols) {
    const end = base + cols;
    let min = c[base];
    for (let k = base + 1; k < end; k++) if (c[k] < min) min = c[k];
    // min − c ≤ 0 and we divide rather than multiply by 1/ε: 1/ε overflows for subnormal ε and
    // 0·∞ would be NaN. The row minimum contributes exp(0) = 1, so sum ≥ 1.
    let sum = 0;
    for (let k = base; k < end; k++) {
      const w = Math.exp((min - c[k]) / epsilon);
      out[k] = w;
      sum += w;
    }
    const inv = 1 / sum;
    for (let k = base; k < end; k++) out[k] *= inv;
  }
}
