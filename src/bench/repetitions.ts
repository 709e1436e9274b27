// Repeated measurements summarised: how many repetitions a bench takes, and their median and spread.

/**
 * The summary a benchmark prints in place of one run. The spread is the interquartile range
 * q3 − q1, quartiles interpolated linearly between order statistics (the sample at rank
 * (count − 1)·q, as R's type 7 and numpy's default do); min and max show the extremes.
 */
export interface Summary {
  readonly count: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly min: number;
  readonly max: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending, non-empty `sorted`, interpolated between neighbours. */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must lie in 0..1, got ${q}`);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('no samples to summarise');
  if (samples.some((x) => !Number.isFinite(x))) throw new RangeError(`samples must be finite numbers: ${samples.join(', ')}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const q1 = quantileOfSorted(sorted, 0.25);
  const q3 = quantileOfSorted(sorted, 0.75);
  return { count: sorted.length, median: quantileOfSorted(sorted, 0.5), q1, q3, iqr: q3 - q1, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** For JSON output: every figure rounded to `digits` decimals. */
export function roundSummary(s: Summary, digits: number): Summary {
  const r = (x: number): number => Number(x.toFixed(digits));
  return { count: s.count, median: r(s.median), q1: r(s.q1), q3: r(s.q3), iqr: r(s.iqr), min: r(s.min), max: r(s.max) };
}

/** "median [IQR x, min–max]", e.g. "1.62 [IQR 0.05, 1.55–1.70]"; one sample prints just its value and "(1 run)". */
export function formatSummary(s: Summary, format: (x: number) => string = String): string {
  if (s.count === 1) return `${format(s.median)} (1 run)`;
  return `${format(s.median)} [IQR ${format(s.iqr)}, ${format(s.min)}–${format(s.max)}]`;
}

/** The value of a `--repeat` option: a whole number ≥ 1, `fallback` when absent. */
export function repetitionCount(text: string | undefined, fallback = 5): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1) throw new RangeError(`--repeat takes a whole number ≥ 1, got "${text}"`);
  return n;
}

/** The value of a comma-list option such as `--vars 1000,10000`: whole numbers ≥ 0, anything else refused. */
export function numberList(text: string, flag: string): number[] {
  return text.split(',').map((s) => {
    const n = Number(s.trim());
    if (s.trim() === '' || !Number.isInteger(n) || n < 0) throw new RangeError(`--${flag} takes whole numbers, got "${text}"`);
    return n;
  });
}
