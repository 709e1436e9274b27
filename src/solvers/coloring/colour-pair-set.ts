// An insert-only hash set of (vertex, colour) pairs: which colours each vertex's neighbours already wear.

/**
 * Open addressing with linear probing over two Int32Arrays, sized once for the most pairs it can
 * receive (DSATUR adds at most one pair per edge end), so it never grows and its load stays ≤ 1/2.
 * Per-vertex colour counters (n × colours) would not fit large sparse graphs; a JS Set of packed
 * numbers would, but allocates and hashes slower.
 */
export class ColourPairSet {
  private readonly vertexAt: Int32Array;
  private readonly colourAt: Int32Array;
  private readonly mask: number;
  private count = 0;

  /** Room for `capacity` distinct pairs. */
  constructor(readonly capacity: number) {
    let slots = 2;
    while (slots < 2 * capacity) slots *= 2;
    this.mask = slots - 1;
    this.vertexAt = new Int32Array(slots).fill(-1);
    this.colourAt = new Int32Array(slots);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the pair; true when it was not there before. */
  add(vertex: number, colour: number): boolean {
    const { vertexAt, colourAt, mask } = this;
    let slot = hash(vertex, colour) & mask;
    for (;;) {
      const held = vertexAt[slot];
      if (held === -1) break;
      if (held === vertex && colourAt[slot] === colour) return false;
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.capacity) throw new RangeError(`colour pair set is full (${this.capacity} pairs)`);
    vertexAt[slot] = vertex;
    colourAt[slot] = colour;
    this.count++;
    return true;
  }
}

/** Mixes both halves (a multiply–xorshift finaliser) so consecutive vertices and colours spread over the table. */
function hash(vertex: number, colour: number): number {
  let h = Math.imul(vertex, 0x9e3779b1) ^ Math.imul(colour + 1, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
