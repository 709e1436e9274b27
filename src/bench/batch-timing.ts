// Timing one batch call over repetitions: warm-up excluded, each repetition long enough to time, within a budget.

export interface TimingOptions {
  /** Repetitions wanted (≥ 1). */
  readonly repeat: number;
  /** Wall milliseconds the whole measurement may take, warm-up included; it can cut repetitions, never below one. */
  readonly budgetMs: number;
  /** A repetition repeats the call until it lasts about this long, so fast calls are not lost in timer noise. */
  readonly minRepetitionMs?: number;
}

export interface TimedRepetitions {
  /** Milliseconds per call, one entry per repetition (the warm-up is not among them). */
  readonly msPerCall: number[];
  readonly callsPerRepetition: number;
  /** The first call (first touch of buffers, JIT), timed but excluded. */
  readonly warmupMs: number;
  /** True when the budget allowed fewer repetitions than asked for. */
  readonly cut: boolean;
}

/** At most this many calls make one repetition. */
const MAX_CALLS = 10_000;

/**
 * Two untimed-for-statistics calls come first: the warm-up, and a second call whose time sizes a
 * repetition (calls = ⌈minRepetitionMs / that time⌉). Every repetition then makes the same calls.
 */
export async function timeRepetitions(call: () => Promise<void>, o: TimingOptions): Promise<TimedRepetitions> {
  let t = performance.now();
  await call();
  const warmupMs = performance.now() - t;
  t = performance.now();
  await call();
  const probeMs = Math.max(performance.now() - t, 1e-3);
  const calls = Math.min(MAX_CALLS, Math.max(1, Math.ceil((o.minRepetitionMs ?? 20) / probeMs)));
  const left = o.budgetMs - warmupMs - probeMs;
  const reps = Math.max(1, Math.min(o.repeat, Math.floor(left / (calls * probeMs))));
  const msPerCall: number[] = [];
  for (let r = 0; r < reps; r++) {
    t = performance.now();
    for (let c = 0; c < calls; c++) await call();
    msPerCall.push((performance.now() - t) / calls);
  }
  return { msPerCall, callsPerRepetition: calls, warmupMs, cut: reps < o.repeat };
}
