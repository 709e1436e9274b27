// A colouring as the bytes every layer above the solvers carries (runs, workers, the store): 4 per vertex.

/** Bytes per vertex: a little-endian uint32 colour, so no colour count is ever too large to store. */
export const COLOUR_BYTES = 4;

/** The bytes of a colouring (colors[v] ≥ 0 integers; vertex 0 first). */
export function encodeColours(colors: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(colors.length * COLOUR_BYTES);
  const view = new DataView(bytes.buffer);
  for (let v = 0; v < colors.length; v++) view.setUint32(v * COLOUR_BYTES, colors[v], true);
  return bytes;
}

/** The colours of `numVertices` vertices back from their bytes. */
export function decodeColours(bytes: Uint8Array, numVertices: number): Uint32Array {
  if (!Number.isInteger(numVertices) || bytes.length !== numVertices * COLOUR_BYTES) {
    throw new RangeError(`a colouring of ${numVertices} vertices takes ${numVertices * COLOUR_BYTES} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const colors = new Uint32Array(numVertices);
  for (let v = 0; v < numVertices; v++) colors[v] = view.getUint32(v * COLOUR_BYTES, true);
  return colors;
}
