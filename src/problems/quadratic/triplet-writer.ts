// Writes the files rudy, Biq Mac and OR-Library share: count lines, then one `i j value` line per term.

/** Terms `k` = (i[k], j[k], value[k]), 0-based indices (written 1-based). */
export interface TripletTerms {
  readonly i: Int32Array;
  readonly j: Int32Array;
  readonly value: Float64Array;
}

const LINES_PER_CHUNK = 8192;

/** The file as text chunks: `header` lines first, then the terms; bounded memory for big files. */
export function* tripletChunks(header: readonly string[], terms: TripletTerms): Generator<string> {
  yield header.map((line) => `${line}\n`).join('');
  yield* inChunks(termLines(terms));
}

function* termLines(terms: TripletTerms): Generator<string> {
  for (let k = 0; k < terms.i.length; k++) yield `${terms.i[k] + 1} ${terms.j[k] + 1} ${terms.value[k]}\n`;
}

/** Pieces of text joined LINES_PER_CHUNK at a time: few writes, bounded memory. */
export function* inChunks(pieces: Iterable<string>): Generator<string> {
  const parts: string[] = [];
  for (const piece of pieces) {
    parts.push(piece);
    if (parts.length === LINES_PER_CHUNK) {
      yield parts.join('');
      parts.length = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}
