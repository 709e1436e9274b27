// A bit-exact re-implementation of the parts of CPython's `random.Random` (MT19937) that the
// instance generators need: int seeding, getrandbits, _randbelow, random() and sample(range).
//
// Every method consumes generator words in exactly the order CPython does, so a stream started
// from the same seed yields the same values in Python and here.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** JSON-able generator state: the 624 state words and the position within them. */
export interface PyRandomState {
  readonly kind: 'mt19937';
  /** 624 unsigned 32-bit words. */
  readonly words: number[];
  /** Next word to temper, 0..624 (624 means "regenerate before the next draw"). */
  readonly index: number;
}

export class PyRandom {
  /** State words, stored as signed int32 (V8 keeps those unboxed; uint32 > 2^31 would not). */
  private readonly mt = new Int32Array(N);
  private mti = N + 1;
  /** Scratch for the pool method of `sample`, grown on demand. */
  private pool: Float64Array | null = null;

  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /** Re-seeds exactly like `random.seed(int)` in CPython (the sign of the seed is ignored). */
  seed(seed: number | bigint): void {
    let s: bigint;
    if (typeof seed === 'bigint') {
      s = seed;
    } else {
      if (!Number.isSafeInteger(seed)) {
        throw new RangeError(`PyRandom seed must be a safe integer or a bigint, got ${seed}`);
      }
      s = BigInt(seed);
    }
    if (s < 0n) s = -s;
    const key: number[] = [];
    do {
      key.push(Number(s & 0xffffffffn));
      s >>= 32n;
    } while (s > 0n);
    this.initByArray(key);
  }

  static restore(state: PyRandomState): PyRandom {
    if (
      state === null ||
      typeof state !== 'object' ||
      state.kind !== 'mt19937' ||
      !Array.isArray(state.words) ||
      state.words.length !== N ||
      !Number.isInteger(state.index) ||
      state.index < 0 ||
      state.index > N
    ) {
      throw new RangeError('PyRandom.restore: not a serialized MT19937 state');
    }
    const rng = new PyRandom(0);
    for (let i = 0; i < N; i++) {
      const w = state.words[i];
      if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) {
        throw new RangeError(`PyRandom.restore: state word ${i} is not an unsigned 32-bit integer`);
      }
      rng.mt[i] = w | 0;
    }
    rng.mti = state.index;
    return rng;
  }

  serialize(): PyRandomState {
    const words = new Array<number>(N);
    for (let i = 0; i < N; i++) words[i] = this.mt[i] >>> 0;
    return { kind: 'mt19937', words, index: this.mti };
  }

  /** An independent generator at the same position of the same stream. */
  clone(): PyRandom {
    return PyRandom.restore(this.serialize());
  }

  /** The next tempered MT19937 output (CPython's `genrand_uint32`), in [0, 2^32). */
  nextU32(): number {
    return this.nextI32() >>> 0;
  }

  /** The same output as `nextU32`, reinterpreted as a signed int32 (stays unboxed in V8). */
  nextI32(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return y ^ (y >>> 18);
  }

  /**
   * `random.getrandbits(k)`. For k ≤ 32 this is one word shifted right; for 32 < k ≤ 53 the
   * words fill the result least-significant first and the last one keeps only its top bits.
   */
  getrandbits(k: number): number {
    if (k <= 32) {
      if (k >= 1 && Number.isInteger(k)) return this.nextI32() >>> (32 - k);
      if (k === 0) return 0;
    } else if (k <= 53 && Number.isInteger(k)) {
      const lo = this.nextI32() >>> 0;
      const hi = this.nextI32() >>> (64 - k);
      return hi * TWO_POW_32 + lo;
    }
    throw new RangeError(`getrandbits: k must be an integer in [0, 53], got ${k}`);
  }

  /** CPython's `_randbelow(n)` (rejection sampling with bit_length(n) bits), 1 ≤ n ≤ 2^53. */
  randbelow(n: number): number {
    if (n >= 1 && n < TWO_POW_32 && Number.isInteger(n)) {
      const shift = Math.clz32(n); // 32 - bit_length(n)
      let r = this.nextI32() >>> shift;
      while (r >= n) r = this.nextI32() >>> shift;
      return r;
    }
    if (n >= TWO_POW_32 && n <= TWO_POW_53 && Number.isInteger(n)) {
      // k = bit_length(n) in 33..54 bits: a full low word, then the top (k - 32) bits of the
      // next word. For k = 54 (n = 2^53) r may exceed 2^53 and round, but every such r is
      // still >= n and is rejected, so the accepted values are exact.
      const shift = Math.clz32(Math.floor(n / TWO_POW_32)); // 32 - (k - 32)
      for (;;) {
        const lo = this.nextI32() >>> 0;
        const r = (this.nextI32() >>> shift) * TWO_POW_32 + lo;
        if (r < n) return r;
      }
    }
    throw new RangeError(`randbelow: n must be an integer in [1, 2^53], got ${n}`);
  }

  /** `random.random()`: 53 random bits from two words, as a double in [0, 1). */
  random(): number {
    const a = this.nextI32() >>> 5;
    const b = this.nextI32() >>> 6;
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** `random.sample(range(start, endExclusive), k)`, as a new array. */
  sample(start: number, endExclusive: number, k: number): number[] {
    const out = new Array<number>(k);
    this.sampleRangeInto(start, endExclusive, k, out, 0);
    return out;
  }

  /**
   * `random.sample(range(start, endExclusive), k)` written to `out[offset .. offset + k)`.
   * Allocation-free for the rejection method with k ≤ 64 and for the pool method once the
   * scratch pool is large enough. `out` must hold the values exactly (an Int32Array only for
   * ranges inside the int32 range): for k ≤ 64 it doubles as the set of earlier picks.
   */
  sampleRangeInto(
    start: number,
    endExclusive: number,
    k: number,
    out: { [i: number]: number; length: number },
    offset = 0,
  ): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(endExclusive)) {
      throw new RangeError('sample: range bounds must be safe integers');
    }
    const n = Math.max(0, endExclusive - start);
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new RangeError(`sample: k must be an integer in [0, ${n}], got ${k}`);
    }
    if (offset < 0 || offset + k > out.length) {
      throw new RangeError('sample: output too short');
    }
    let setsize = 21;
    // CPython: setsize += 4 ** _ceil(_log(k * 3, 4)); math.log(x, b) is log(x) / log(b).
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      // Pool method: the not-yet-selected values live in pool[0 .. n - i).
      if (this.pool === null || this.pool.length < n) this.pool = new Float64Array(Math.max(n, 32));
      const pool = this.pool;
      for (let i = 0; i < n; i++) pool[i] = start + i;
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        out[offset + i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
      return;
    }
    // Set method: draw indices, redrawing those already selected.
    if (k <= 64) {
      // `out` itself is the selected set (values are start + index, a bijection).
      for (let i = 0; i < k; i++) {
        let v = start + this.randbelow(n);
        for (let t = 0; t < i; t++) {
          if (out[offset + t] === v) {
            v = start + this.randbelow(n);
            t = -1; // rescan against all earlier picks
          }
        }
        out[offset + i] = v;
      }
      return;
    }
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = this.randbelow(n);
      while (selected.has(j)) j = this.randbelow(n);
      selected.add(j);
      out[offset + i] = start + j;
    }
  }

  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.mti = 0;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s | 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.mti = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = (mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000 | 0;
  }
}
