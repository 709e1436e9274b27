// A request to stop (SIGINT/SIGTERM for the process) as an AbortSignal that commands watch.

import { constants } from 'node:os';

/**
 * Turns the first SIGINT or SIGTERM into an abort whose reason is the signal's name. The handlers
 * go with it, so a second signal ends the process the default way (a stuck stop can be forced).
 */
export function stopOnProcessSignals(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** The signal's name when the stop came from one, else "stop". */
export function stopName(stop: AbortSignal): string {
  return typeof stop.reason === 'string' ? stop.reason : 'stop';
}

/** What a shell reports for a death by the stop's signal: 128 + its number (SIGINT 130, SIGTERM 143). */
export function stopExitCode(stop: AbortSignal): number {
  return 128 + (constants.signals[stopName(stop) as NodeJS.Signals] ?? constants.signals.SIGTERM);
}

/** Calls `react` once when `stop` aborts (at once if it has); returns the function that unhooks it. */
export function onStop(stop: AbortSignal | undefined, react: () => void): () => void {
  if (stop === undefined) return () => {};
  if (stop.aborted) {
    react();
    return () => {};
  }
  stop.addEventListener('abort', react, { once: true });
  return () => stop.removeEventListener('abort', react);
}

/** Resolves with `stopExitCode` once `stop` aborts; never without a stop. */
export function exitCodeWhenStopped(stop: AbortSignal | undefined): Promise<number> {
  return new Promise((resolve) => onStop(stop, () => resolve(stopExitCode(stop as AbortSignal))));
}

/**
 * Whether a stop was requested, after one turn of the event loop: a signal that came during
 * synchronous work (building a solver) is only delivered once the loop runs.
 */
export async function stopRequested(stop: AbortSignal | undefined): Promise<boolean> {
  if (stop === undefined) return false;
  await new Promise<void>((resolve) => setImmediate(resolve));
  return stop.aborted;
}
