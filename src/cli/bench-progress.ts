// Benchmark progress on stderr: a redrawn cell bar on a terminal, a `c` line every few seconds otherwise.

import type { BenchProgress } from '../jobs/benchmark-runner.js';
import type { CliIo } from './cli-io.js';

const TTY_EVERY_MS = 100;
const LOG_EVERY_MS = 2000;
const BAR = 24;

export class BenchProgressPrinter {
  private lastDraw = -Infinity;
  private drawn = false;
  private latest: BenchProgress | null = null;
  private readonly started = performance.now();

  constructor(private readonly io: CliIo) {}

  update(progress: BenchProgress): void {
    this.latest = progress;
    const now = performance.now();
    if (now - this.lastDraw < (this.io.stderrIsTty ? TTY_EVERY_MS : LOG_EVERY_MS)) return;
    this.lastDraw = now;
    this.draw(progress);
  }

  /** Draws the last state once more (so the final count shows) and ends the bar's line. */
  finish(): void {
    if (this.latest !== null) this.draw(this.latest);
    if (this.drawn) this.io.stderr('\n');
    this.drawn = false;
  }

  private draw(p: BenchProgress): void {
    const fraction = p.total === 0 ? 1 : p.done / p.total;
    const errors = p.errors > 0 ? `, ${p.errors} errors` : '';
    const current = p.running[0];
    const now = current === undefined ? '' : `  ${current.instance} ${current.solverKey} #${current.seed}${p.running.length > 1 ? ` +${p.running.length - 1}` : ''}`;
    const text = `${p.done}/${p.total} cells${errors}  ${((performance.now() - this.started) / 1000).toFixed(0)}s`;
    if (this.io.stderrIsTty) {
      const filled = Math.round(Math.min(1, fraction) * BAR);
      this.io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${(100 * fraction).toFixed(0).padStart(3)}% ${text}${now}\x1b[K`);
      this.drawn = true;
    } else {
      this.io.stderr(`c ${text}\n`);
    }
  }
}
