// Haar-random rotations on SO(p) and rotated polytope directions (spec §2.2).

import type { Rng } from '../common/rng.js';

const TWO_PI = 2 * Math.PI;

/**
 * Writes a Haar-random p×p rotation (row-major) into `out`. `work` needs 2·p·p entries for
 * p > 2 and is not touched for p ≤ 2. Allocates nothing.
 */
export function randomRotation(p: number, rng: Rng, out: Float64Array, work: Float64Array): void {
  if (p === 2) {
    // Called once per particle per step (500K times at 1M variables): one draw, no checks.
    const phi = TWO_PI * rng.uniform32();
    const cos = Math.cos(phi);
    const sin = Math.sin(phi);
    out[0] = cos;
    out[1] = -sin;
    out[2] = sin;
    out[3] = cos;
    return;
  }
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`rotation dimension must be an integer ≥ 1, got ${p}`);
  if (out.length < p * p) throw new RangeError(`rotation output needs ${p * p} entries, got ${out.length}`);
  if (p === 1) {
    out[0] = 1;
    return;
  }
  if (work.length < 2 * p * p) throw new RangeError(`rotation work needs ${2 * p * p} entries, got ${work.length}`);
  for (let k = 0; k < p * p; k++) work[k] = rng.normal();
  orthogonalFactor(work, p, out);
  // Q is Haar on O(p); flipping one column on the det = −1 half maps it onto Haar on SO(p).
  if (determinant(out, p, work) < 0) {
    for (let i = 0; i < p; i++) out[i * p] = -out[i * p];
  }
}

/**
 * Q of Z = QR normalised to diag(R) ≥ 0 (column j of Q times sign(R_jj), sign(0) = +1).
 * Householder rather than Gram–Schmidt so that QᵀQ = I to machine precision however badly
 * conditioned Z is. Z sits in work[0, p²) and ends up holding R on and above the diagonal;
 * the unit reflectors go to work[p², 2p²).
 */
function orthogonalFactor(work: Float64Array, p: number, q: Float64Array): void {
  for (let k = 0; k < p - 1; k++) reflectColumn(work, p, k);
  q.fill(0, 0, p * p);
  for (let i = 0; i < p; i++) q[i * p + i] = 1;
  // Q = H_0 H_1 … H_{p−2} · I, so the last reflector is applied first.
  for (let k = p - 2; k >= 0; k--) applyReflector(work, p, k, q);
  for (let j = 0; j < p; j++) {
    if (work[j * p + j] < 0) for (let i = 0; i < p; i++) q[i * p + j] = -q[i * p + j];
  }
}

/** Zeroes column k of A below the diagonal with a unit reflector v_k and applies it to the columns right of k. */
function reflectColumn(work: Float64Array, p: number, k: number): void {
  const v = p * p + k * p;
  let norm2 = 0;
  for (let i = k; i < p; i++) norm2 += work[i * p + k] * work[i * p + k];
  const x0 = work[k * p + k];
  // alpha takes the sign opposite to x0 so that x0 − alpha never cancels.
  const alpha = x0 < 0 ? Math.sqrt(norm2) : -Math.sqrt(norm2);
  work[v + k] = x0 - alpha;
  let vNorm2 = work[v + k] * work[v + k];
  for (let i = k + 1; i < p; i++) {
    work[v + i] = work[i * p + k];
    vNorm2 += work[v + i] * work[v + i];
  }
  const scale = vNorm2 > 0 ? 1 / Math.sqrt(vNorm2) : 0;
  for (let i = k; i < p; i++) work[v + i] *= scale;
  work[k * p + k] = alpha;
  for (let i = k + 1; i < p; i++) work[i * p + k] = 0;
  for (let c = k + 1; c < p; c++) {
    let s = 0;
    for (let i = k; i < p; i++) s += work[v + i] * work[i * p + c];
    s *= 2;
    for (let i = k; i < p; i++) work[i * p + c] -= s * work[v + i];
  }
}

/** q ← (I − 2 v_k v_kᵀ) q; only rows k… change. */
function applyReflector(work: Float64Array, p: number, k: number, q: Float64Array): void {
  const v = p * p + k * p;
  for (let c = 0; c < p; c++) {
    let s = 0;
    for (let i = k; i < p; i++) s += work[v + i] * q[i * p + c];
    s *= 2;
    for (let i = k; i < p; i++) q[i * p + c] -= s * work[v + i];
  }
}

/** Row v of `out` is R·u_v for the V×p template rows u_v. `out` must not alias R or the template. */
export function rotateTemplate(R: Float64Array, template: Float64Array, V: number, p: number, out: Float64Array): void {
  if (p === 2) {
    const r00 = R[0], r01 = R[1], r10 = R[2], r11 = R[3];
    for (let k = 0; k < 2 * V; k += 2) {
      const u0 = template[k], u1 = template[k + 1];
      out[k] = r00 * u0 + r01 * u1;
      out[k + 1] = r10 * u0 + r11 * u1;
    }
    return;
  }
  for (let v = 0; v < V; v++) {
    const row = v * p;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += R[i * p + j] * template[row + j];
      out[row + i] = s;
    }
  }
}

/** det(m) for a p×p row-major matrix by LU with partial pivoting; `work` needs p·p entries. */
export function determinant(m: Float64Array, p: number, work: Float64Array): number {
  if (work.length < p * p) throw new RangeError(`determinant work needs ${p * p} entries, got ${work.length}`);
  for (let k = 0; k < p * p; k++) work[k] = m[k];
  let det = 1;
  for (let k = 0; k < p; k++) {
    let pivot = k;
    for (let i = k + 1; i < p; i++) if (Math.abs(work[i * p + k]) > Math.abs(work[pivot * p + k])) pivot = i;
    const d = work[pivot * p + k];
    if (d === 0) return 0;
    if (pivot !== k) {
      det = -det;
      for (let j = k; j < p; j++) {
        const t = work[k * p + j];
        work[k * p + j] = work[pivot * p + j];
        work[pivot * p + j] = t;
      }
    }
    det *= d;
    for (let i = k + 1; i < p; i++) {
      const f = work[i * p + k] / d;
      if (f !== 0) for (let j = k + 1; j < p; j++) work[i * p + j] -= f * work[k * p + j];
    }
  }
  return det;
}
