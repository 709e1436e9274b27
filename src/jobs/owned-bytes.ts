// Bytes safe to transfer between threads: transferring detaches the whole underlying buffer.

/** `bytes` itself when it owns its whole buffer, else a copy that does. */
export function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
}
