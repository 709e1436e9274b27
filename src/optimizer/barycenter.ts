// Barycentric projection of a plan or weight matrix onto the step vertices (spec §4, §15 item 21).

/**
 * out_i = Σ_v w_iv·y_iv / Σ_v w_iv. Dividing by the realised row sum (not by a_i) keeps the step
 * translation-invariant when a Sinkhorn plan has not converged. A row with zero mass carries no
 * preference, so it gets the plain vertex mean, which for a centred template is the particle
 * itself (no move); a non-finite row mass propagates NaN to the caller's NaN guard.
 */
export function barycentricStep(
  weights: Float64Array,
  vertices: Float64Array,
  rows: number,
  V: number,
  p: number,
  out: Float64Array,
): void {
  for (let i = 0; i < rows; i++) {
    const wRow = i * V;
    let mass = 0;
    for (let v = 0; v < V; v++) mass += weights[wRow + v];
    const o = i * p;
    for (let d = 0; d < p; d++) out[o + d] = 0;
    for (let v = 0; v < V; v++) {
      // Normalise each weight before use: tiny (subnormal) masses would lose all precision in
      // w·y, and huge ones could overflow it.
      const w = mass === 0 ? 1 / V : weights[wRow + v] / mass;
      const y = (wRow + v) * p;
      for (let d = 0; d < p; d++) out[o + d] += w * vertices[y + d];
    }
  }
}
