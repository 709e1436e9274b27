// Solver progress on stderr: a redrawn bar on a terminal, a `c` line every few seconds otherwise.

import { objectiveOf, type Sense } from '../problems/family.js';
import type { Metrics } from '../problems/engine-problem.js';
import type { TraceEvent } from '../solvers/run-loop.js';
import type { CliIo } from './cli-io.js';

const TTY_EVERY_MS = 100;
const LOG_EVERY_MS = 2000;
const BAR = 24;

export class ProgressReporter {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly maxSteps: number | undefined,
    private readonly timeLimitMs: number | undefined,
    private readonly sense: Sense = 'min',
  ) {}

  update(event: TraceEvent): void {
    if (event.type !== 'progress') return;
    const every = this.io.stderrIsTty ? TTY_EVERY_MS : LOG_EVERY_MS;
    if (event.elapsedMs - this.lastDraw < every) return;
    this.lastDraw = event.elapsedMs;
    const text = `step ${event.step}  best ${objectiveOf(this.sense, event.bestCost)}  ${metricsText(event.metrics)}  ${(event.elapsedMs / 1000).toFixed(1)}s`;
    if (this.io.stderrIsTty) {
      this.io.stderr(`\r${this.bar(event)} ${text}\x1b[K`);
      this.drawn = true;
    } else {
      this.io.stderr(`c ${text}\n`);
    }
  }

  finish(): void {
    if (this.drawn) this.io.stderr('\n');
    this.drawn = false;
  }

  private bar(event: TraceEvent): string {
    const fractions = [
      this.maxSteps === undefined ? 0 : event.step / this.maxSteps,
      this.timeLimitMs === undefined ? 0 : event.elapsedMs / this.timeLimitMs,
    ];
    const done = Math.min(1, Math.max(...fractions));
    const filled = Math.round(done * BAR);
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${(100 * done).toFixed(0).padStart(3)}%`;
  }
}

/** The current point's metrics, short and in words: `sat 91.209%  falsified clauses 8`, `cut weight 11400`, `colours 17  conflicting edges 2`. */
export function metricsText(metrics: Metrics): string {
  return Object.entries(metrics)
    .map(([name, value]) => (name.endsWith('Ratio') ? `${words(name.slice(0, -5))} ${(100 * value).toFixed(3)}%` : `${words(name)} ${value}`))
    .join('  ');
}

/** Metric names whose words are not their camel case split: graph colouring's. */
const NAMED: Readonly<Record<string, string>> = { colors: 'colours', conflicts: 'conflicting edges' };

function words(camel: string): string {
  return Object.hasOwn(NAMED, camel) ? NAMED[camel] : camel.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
