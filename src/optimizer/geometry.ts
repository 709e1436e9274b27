// Unit-radius polytope templates (orthoplex, simplex, cube) in the exact row order of spec §2.1.

import type { PolytopeType } from './config.js';

function checkDim(p: number): void {
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`polytope dimension must be an integer ≥ 1, got ${p}`);
}

/** Number of vertices V of the unit template: 2p, p+1 or 2^p. */
export function vertexCount(type: PolytopeType, p: number): number {
  checkDim(p);
  switch (type) {
    case 'orthoplex':
      return 2 * p;
    case 'simplex':
      return p + 1;
    case 'cube':
      return 2 ** p;
    default:
      throw new RangeError(`unknown polytope type ${String(type satisfies never)}`);
  }
}

/** The V×p template, row-major; every row has unit norm and the rows sum to zero. */
export function polytopeTemplate(type: PolytopeType, p: number): Float64Array {
  const V = vertexCount(type, p);
  const out = new Float64Array(V * p);
  if (type === 'orthoplex') fillOrthoplex(out, p);
  else if (type === 'simplex') fillSimplex(out, p);
  else fillCube(out, V, p);
  return out;
}

/** e_1 … e_p, then −e_1 … −e_p. */
function fillOrthoplex(out: Float64Array, p: number): void {
  for (let j = 0; j < p; j++) {
    out[j * p + j] = 1;
    out[(p + j) * p + j] = -1;
  }
}

/** Regular simplex from the standard basis pulled towards the extra vertex 1/√p. */
function fillSimplex(out: Float64Array, p: number): void {
  const diag = Math.sqrt(1 + 1 / p);
  const shift = (Math.sqrt(p + 1) + 1) / p ** 1.5;
  const apex = 1 / Math.sqrt(p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) out[j * p + k] = (j === k ? diag : 0) - shift;
    out[p * p + j] = apex;
  }
  // The construction is already centred; the reference still subtracts the centroid, and so do
  // we, so that the last-bit rounding matches.
  for (let k = 0; k < p; k++) {
    let sum = 0;
    for (let v = 0; v <= p; v++) sum += out[v * p + k];
    const mean = sum / (p + 1);
    for (let v = 0; v <= p; v++) out[v * p + k] -= mean;
  }
}

/** Vertex k has coordinate j = (1 − 2·bit_j(k))/√p, bit 0 least significant. */
function fillCube(out: Float64Array, V: number, p: number): void {
  const h = 1 / Math.sqrt(p);
  for (let k = 0; k < V; k++) {
    let bits = k;
    for (let j = 0; j < p; j++) {
      out[k * p + j] = bits % 2 === 0 ? h : -h;
      bits = Math.floor(bits / 2);
    }
  }
}
