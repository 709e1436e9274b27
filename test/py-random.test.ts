// Golden values below were produced with CPython 3.11's random.Random.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PyRandom, type PyRandomState } from '../src/common/py-random.js';

function words(rng: PyRandom, count: number): number[] {
  return Array.from({ length: count }, () => rng.nextU32());
}

const U32_GOLDEN: ReadonlyArray<{
  seed: number | bigint;
  first: number[];
  around624: number[];
  at999: number;
}> = [
  {
    seed: 0,
    first: [3626764237, 1654615998, 3255389356, 3823568514, 1806341205],
    around624: [2390040247, 2229104038, 1244770883],
    at999: 2971151651,
  },
  {
    seed: 42,
    first: [2746317213, 478163327, 107420369, 3184935163, 1181241943],
    around624: [2929454134, 1071722055, 2864457210],
    at999: 4212168831,
  },
  {
    seed: 2 ** 32 + 5,
    first: [675479763, 2085189291, 1213270837, 3822202474, 2596110301],
    around624: [3470195681, 3856972768, 3653217955],
    at999: 3832908751,
  },
  {
    seed: 2n ** 40n,
    first: [445128065, 1517081360, 2880015531, 282029048, 1832466665],
    around624: [2906907585, 392568815, 3954458240],
    at999: 786715518,
  },
  {
    seed: 2n ** 100n + 12345n,
    first: [1910715478, 278772827, 1297592944, 2561083672, 2982097399],
    around624: [1718060681, 3136327199, 1989026431],
    at999: 2598345856,
  },
];

for (const g of U32_GOLDEN) {
  test(`the 32-bit stream for seed ${g.seed} matches CPython across the first regeneration`, () => {
    const out = words(new PyRandom(g.seed), 1000);
    assert.deepEqual(out.slice(0, 5), g.first);
    assert.deepEqual(out.slice(623, 626), g.around624);
    assert.equal(out[999], g.at999);
    assert.ok(out.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff));
  });
}

test('a negative seed gives the same stream as its absolute value, as in CPython', () => {
  assert.deepEqual(words(new PyRandom(-42), 700), words(new PyRandom(42), 700));
  assert.deepEqual(words(new PyRandom(-42n), 10), words(new PyRandom(42), 10));
});

test('a number seed and the equal bigint seed give the same stream', () => {
  assert.deepEqual(words(new PyRandom(2 ** 32 + 5), 20), words(new PyRandom(2n ** 32n + 5n), 20));
});

test('random() reproduces CPython doubles exactly for seeds 0 and 42', () => {
  const r0 = new PyRandom(0);
  assert.deepEqual(
    [r0.random(), r0.random(), r0.random(), r0.random()],
    [0.8444218515250481, 0.7579544029403025, 0.420571580830845, 0.25891675029296335],
  );
  const r42 = new PyRandom(42);
  assert.deepEqual(
    [r42.random(), r42.random(), r42.random(), r42.random()],
    [0.6394267984578837, 0.025010755222666936, 0.27502931836911926, 0.22321073814882275],
  );
});

test('randbelow matches CPython _randbelow for small, 2^31-2^32 and multi-word bounds', () => {
  const ns = [
    1, 2, 3, 10, 1000, 2 ** 31 - 1, 2 ** 31 + 1, 3 * 2 ** 30, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 7,
    2 ** 53 - 1, 2 ** 53,
  ];
  const expected = [
    0, 0, 2, 4, 250, 479341423, 599310825, 3163119785, 440213415, 1812140441, 201991441006,
    2095622856943755, 7557396729776374,
  ];
  const rng = new PyRandom(42);
  assert.deepEqual(ns.map((n) => rng.randbelow(n)), expected);
});

test('getrandbits matches CPython for one-word and two-word widths', () => {
  const rng = new PyRandom(7);
  assert.deepEqual(
    [1, 31, 32, 33, 48, 53].map((k) => rng.getrandbits(k)),
    [0, 2035525362, 647892279, 5990721294, 20388417142736, 4826799443740708],
  );
  assert.equal(rng.getrandbits(0), 0);
  assert.throws(() => rng.getrandbits(54), RangeError);
  assert.throws(() => rng.getrandbits(-1), RangeError);
});

test('sample(range) matches CPython on both the pool and the set method', () => {
  const rng = new PyRandom(42);
  assert.deepEqual(rng.sample(1, 11, 3), [2, 1, 5]); // n = 10: pool
  assert.deepEqual(rng.sample(1, 22, 3), [8, 21, 5]); // n = 21: still pool
  assert.deepEqual(rng.sample(1, 23, 3), [4, 22, 18]); // n = 22: set
  assert.deepEqual(rng.sample(0, 85, 6), [11, 75, 54, 4, 3, 84]); // k = 6: setsize 85, pool
  assert.deepEqual(rng.sample(0, 86, 6), [27, 29, 64, 77, 3, 71]); // set
  const big = rng.sample(0, 1_000_000, 100); // k > 64: Set-backed rejection
  assert.deepEqual(big.slice(0, 5), [208496, 750800, 681453, 735392, 571412]);
  assert.equal(big.reduce((a, b) => a + b, 0), 49425322);
  assert.equal(new Set(big).size, 100);
  assert.deepEqual(rng.sample(3, 3 + 2 ** 40, 4), [123591978556, 881823156223, 142883859105, 465207999194]);
  assert.equal(rng.nextU32(), 2815087637);
});

test('sample rejects k outside 0..n and handles empty requests', () => {
  const rng = new PyRandom(1);
  assert.throws(() => rng.sample(1, 3, 3), RangeError);
  assert.throws(() => rng.sample(5, 1, 1), RangeError);
  assert.throws(() => rng.sample(0, 10, -1), RangeError);
  assert.deepEqual(rng.sample(0, 1000, 0), []);
  assert.deepEqual(rng.sample(5, 1, 0), []);
});

test('serialize and restore continue the same stream, through JSON', () => {
  const rng = new PyRandom(12345);
  for (let i = 0; i < 777; i++) rng.nextU32();
  const state: PyRandomState = JSON.parse(JSON.stringify(rng.serialize()));
  assert.equal(state.words.length, 624);
  assert.ok(state.words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff));
  const copy = PyRandom.restore(state);
  assert.deepEqual(words(copy, 3), [1355172685, 1012240244, 1095706256]);
  assert.deepEqual(words(rng, 3), [1355172685, 1012240244, 1095706256]);
  // Both keep agreeing across a regeneration and on the derived draws.
  for (let i = 0; i < 1000; i++) {
    assert.equal(copy.random(), rng.random());
    assert.equal(copy.randbelow(1 + i * 7919), rng.randbelow(1 + i * 7919));
  }
  const fresh = PyRandom.restore(new PyRandom(3).serialize());
  assert.deepEqual(words(fresh, 5), words(new PyRandom(3), 5));
});

test('restore refuses malformed state', () => {
  const good = new PyRandom(1).serialize();
  assert.throws(() => PyRandom.restore({ ...good, index: 625 }), RangeError);
  assert.throws(() => PyRandom.restore({ ...good, words: good.words.slice(1) }), RangeError);
  assert.throws(() => PyRandom.restore({ ...good, words: [...good.words.slice(1), 2 ** 32] }), RangeError);
  assert.throws(() => PyRandom.restore({ ...good, kind: 'pcg' } as unknown as PyRandomState), RangeError);
});

test('randbelow never returns a value at or above its bound', () => {
  const rng = new PyRandom(99);
  const bounds = [1, 2, 3, 5, 7, 17, 1000, 65537, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32, 2 ** 33 + 1];
  for (const n of bounds) {
    for (let i = 0; i < 2000; i++) {
      const r = rng.randbelow(n);
      assert.ok(Number.isInteger(r) && r >= 0 && r < n, `randbelow(${n}) gave ${r}`);
    }
  }
  assert.throws(() => rng.randbelow(0), RangeError);
  assert.throws(() => rng.randbelow(1.5), RangeError);
  assert.throws(() => rng.randbelow(2 ** 53 + 2), RangeError);
});

test('seeds that are not integers are refused', () => {
  assert.throws(() => new PyRandom(1.5), RangeError);
  assert.throws(() => new PyRandom(Number.NaN), RangeError);
  assert.throws(() => new PyRandom(2 ** 60), RangeError);
});
