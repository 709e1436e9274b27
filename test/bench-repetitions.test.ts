import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeRepetitions } from '../src/bench/batch-timing.js';
import { formatSummary, numberList, quantileOfSorted, repetitionCount, roundSummary, summarize } from '../src/bench/repetitions.js';

test('an odd count: the middle sample is the median, quartiles fall on samples', () => {
  // sorted 1 2 3 4 10: ranks (5 − 1)·q = 1, 2, 3
  assert.deepEqual(summarize([10, 3, 1, 4, 2]), { count: 5, median: 3, q1: 2, q3: 4, iqr: 2, min: 1, max: 10 });
});

test('an even count: the median and quartiles interpolate between neighbours', () => {
  // sorted 1 2 4 8: median at rank 1.5 → 3; q1 at rank 0.75 → 1.75; q3 at rank 2.25 → 5
  assert.deepEqual(summarize([8, 1, 4, 2]), { count: 4, median: 3, q1: 1.75, q3: 5, iqr: 3.25, min: 1, max: 8 });
  assert.equal(summarize([5, 7]).median, 6);
});

test('one sample is its own median with no spread', () => {
  assert.deepEqual(summarize([2.5]), { count: 1, median: 2.5, q1: 2.5, q3: 2.5, iqr: 0, min: 2.5, max: 2.5 });
  assert.equal(formatSummary(summarize([2.5])), '2.5 (1 run)');
});

test('identical samples have zero spread', () => {
  const s = summarize([7, 7, 7, 7, 7, 7]);
  assert.equal(s.median, 7);
  assert.equal(s.iqr, 0);
  assert.equal(s.min, 7);
  assert.equal(s.max, 7);
});

test('one outlier moves the max, not the median or the IQR', () => {
  const calm = summarize([10, 11, 12, 13, 14]);
  const wild = summarize([10, 11, 12, 13, 1000]);
  assert.equal(wild.median, calm.median);
  assert.equal(wild.iqr, calm.iqr);
  assert.equal(wild.max, 1000);
});

test('summarize leaves its input in place and refuses empty or non-finite samples', () => {
  const samples = [3, 1, 2];
  summarize(samples);
  assert.deepEqual(samples, [3, 1, 2]);
  assert.throws(() => summarize([]), RangeError);
  assert.throws(() => summarize([1, NaN]), RangeError);
  assert.throws(() => summarize([1, Infinity]), RangeError);
});

test('quantiles at the ends are min and max; q outside 0..1 is refused', () => {
  assert.equal(quantileOfSorted([1, 2, 3], 0), 1);
  assert.equal(quantileOfSorted([1, 2, 3], 1), 3);
  assert.equal(quantileOfSorted([0, 10], 0.3), 3);
  assert.throws(() => quantileOfSorted([1, 2], 1.5), RangeError);
});

test('formatting: median [IQR, min–max] with the caller’s number format; rounding for JSON', () => {
  const s = summarize([1.234, 1.5, 1.1, 1.6, 1.55]);
  assert.equal(formatSummary(s, (x) => x.toFixed(2)), '1.50 [IQR 0.32, 1.10–1.60]');
  assert.deepEqual(roundSummary(s, 1), { count: 5, median: 1.5, q1: 1.2, q3: 1.6, iqr: 0.3, min: 1.1, max: 1.6 });
});

test('--repeat: default 5, whole numbers from 1, anything else refused', () => {
  assert.equal(repetitionCount(undefined), 5);
  assert.equal(repetitionCount('1'), 1);
  assert.equal(repetitionCount('12'), 12);
  for (const bad of ['0', '-3', '2.5', 'five', '', ' ']) assert.throws(() => repetitionCount(bad), RangeError, bad);
});

test('comma-list options: whole numbers from 0, anything else refused with the flag named', () => {
  assert.deepEqual(numberList('1000,10000, 100000', 'vars'), [1000, 10000, 100000]);
  assert.deepEqual(numberList('0', 'quality-seconds'), [0]);
  for (const bad of ['', '1,,2', '-1', '2.5', 'ten']) assert.throws(() => numberList(bad, 'vars'), /--vars takes whole numbers/, bad);
});

const busy = (ms: number) => async () => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

test('timing: a warm-up and a sizing call, then `repeat` repetitions of equal call counts', async () => {
  let calls = 0;
  const wait = busy(1);
  const timed = await timeRepetitions(async () => { calls++; await wait(); }, { repeat: 3, budgetMs: 10_000, minRepetitionMs: 4 });
  assert.equal(timed.msPerCall.length, 3);
  assert.equal(timed.cut, false);
  assert.ok(timed.callsPerRepetition >= 1 && timed.callsPerRepetition <= 4);
  assert.equal(calls, 2 + 3 * timed.callsPerRepetition);
  for (const ms of timed.msPerCall) assert.ok(ms >= 1, `${ms} ms per call for a 1 ms call`);
});

test('timing: a budget too small for the repetitions keeps one and says it was cut', async () => {
  const timed = await timeRepetitions(busy(5), { repeat: 5, budgetMs: 12, minRepetitionMs: 1 });
  assert.equal(timed.msPerCall.length, 1);
  assert.equal(timed.callsPerRepetition, 1);
  assert.equal(timed.cut, true);
});
