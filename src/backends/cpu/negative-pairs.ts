// Counting (¬x ∨ ¬y) clauses falsified per lane, i.e. pairs with x ∧ y: the quadratic pair term's hot loop.

/**
 * Adds, per candidate lane, the number of the n clauses at code[lit ..] (two negative literals
 * each, ~v encoded) that are falsified, i.e. bits[x] & bits[y], into the bit-sliced counters
 * (ones, twos, fours, eights per group; carries out of eights count 16 each in `over`), exactly as
 * countMasks does for stored masks. Eight pairs at a time go through a carry-save adder tree with
 * their ANDs made on the fly, so nothing round-trips through a mask buffer: for each group the
 * counters are loaded and stored once per eight pairs, and the 16 rows are read sequentially.
 */
export function countNegativePairs(code: Int32Array, lit: number, n: number, bits: Int32Array, base: number, Gc: number,
  planes: Int32Array, over: Float64Array): void {
  let i = 0;
  for (; i + 8 <= n; i += 8, lit += 16) {
    const x0 = base + ~code[lit] * Gc, y0 = base + ~code[lit + 1] * Gc;
    const x1 = base + ~code[lit + 2] * Gc, y1 = base + ~code[lit + 3] * Gc;
    const x2 = base + ~code[lit + 4] * Gc, y2 = base + ~code[lit + 5] * Gc;
    const x3 = base + ~code[lit + 6] * Gc, y3 = base + ~code[lit + 7] * Gc;
    const x4 = base + ~code[lit + 8] * Gc, y4 = base + ~code[lit + 9] * Gc;
    const x5 = base + ~code[lit + 10] * Gc, y5 = base + ~code[lit + 11] * Gc;
    const x6 = base + ~code[lit + 12] * Gc, y6 = base + ~code[lit + 13] * Gc;
    const x7 = base + ~code[lit + 14] * Gc, y7 = base + ~code[lit + 15] * Gc;
    for (let g = 0, p = 0; g < Gc; g++, p += 4) {
      let ones = planes[p], twos = planes[p + 1], fours = planes[p + 2], eights = planes[p + 3];
      let a = bits[x0 + g] & bits[y0 + g], b = bits[x1 + g] & bits[y1 + g], u = ones ^ a;
      const twosA = (ones & a) | (u & b);
      ones = u ^ b;
      a = bits[x2 + g] & bits[y2 + g]; b = bits[x3 + g] & bits[y3 + g]; u = ones ^ a;
      const twosB = (ones & a) | (u & b);
      ones = u ^ b;
      u = twos ^ twosA;
      const foursA = (twos & twosA) | (u & twosB);
      twos = u ^ twosB;
      a = bits[x4 + g] & bits[y4 + g]; b = bits[x5 + g] & bits[y5 + g]; u = ones ^ a;
      const twosC = (ones & a) | (u & b);
      ones = u ^ b;
      a = bits[x6 + g] & bits[y6 + g]; b = bits[x7 + g] & bits[y7 + g]; u = ones ^ a;
      const twosD = (ones & a) | (u & b);
      ones = u ^ b;
      u = twos ^ twosC;
      const foursB = (twos & twosC) | (u & twosD);
      twos = u ^ twosD;
      u = fours ^ foursA;
      const eightsA = (fours & foursA) | (u & foursB);
      fours = u ^ foursB;
      for (let carry = eights & eightsA; carry !== 0; carry &= carry - 1) over[32 * g + 31 - Math.clz32(carry & -carry)]++;
      eights ^= eightsA;
      planes[p] = ones; planes[p + 1] = twos; planes[p + 2] = fours; planes[p + 3] = eights;
    }
  }
  for (; i < n; i++, lit += 2) {
    // Leftover pairs ripple in one at a time.
    const x = base + ~code[lit] * Gc, y = base + ~code[lit + 1] * Gc;
    for (let g = 0, p = 0; g < Gc; g++, p += 4) {
      let carry = bits[x + g] & bits[y + g], t = planes[p] & carry;
      planes[p] ^= carry; carry = t;
      t = planes[p + 1] & carry; planes[p + 1] ^= carry; carry = t;
      t = planes[p + 2] & carry; planes[p + 2] ^= carry; carry = t;
      t = planes[p + 3] & carry; planes[p + 3] ^= carry; carry = t;
      for (; carry !== 0; carry &= carry - 1) over[32 * g + 31 - Math.clz32(carry & -carry)]++;
    }
  }
}
