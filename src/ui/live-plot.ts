// The run page's convergence plot: best objective (left axis) and the current point's cost (right
// axis) against elapsed time or steps. Stream events are queued and drawn once per animation frame
// (one setData for however many arrived), so a burst of thousands of events a second costs one
// redraw per frame, never one per event.

import uPlot from 'uplot';
import type { TraceEvent } from './types.js';

export type XAxis = 'time' | 'steps';

export interface PlotOptions {
  readonly xAxis: XAxis;
  readonly logY: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** One event as plotted: x values in both units, the best objective (float for drawing only) and the cost. */
interface Point {
  readonly t: number;
  readonly step: number;
  readonly best: number | null;
  readonly cost: number | null;
}

/** Events that carry a point: progress and improvement (status events only change the badge). */
export function toPoint(e: TraceEvent): Point | null {
  if (e.type === 'status') return null;
  return {
    t: (e.elapsedMs ?? 0) / 1000,
    step: e.step ?? 0,
    best: e.bestObjective === undefined ? null : Number(e.bestObjective),
    cost: typeof e.cost === 'number' ? e.cost : null,
  };
}

export class LivePlot {
  private readonly t: number[] = [];
  private readonly step: number[] = [];
  private readonly best: (number | null)[] = [];
  private readonly cost: (number | null)[] = [];
  private pending: TraceEvent[] = [];
  private frame = 0;
  private lastDraw = 0;
  private plot: uPlot | null = null;
  private opts: PlotOptions;
  /** Frames drawn and events drawn, for the page's tests and the bench. */
  flushes = 0;

  constructor(
    private readonly target: HTMLElement,
    opts: PlotOptions,
    private readonly onFlush: (plot: LivePlot) => void = () => {},
  ) {
    this.opts = opts;
    this.build();
  }

  get length(): number {
    return this.t.length;
  }

  /** Queues an event; it is drawn at the next animation frame with every other event queued by then. */
  push(e: TraceEvent): void {
    this.pending.push(e);
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Adds many events at once (a stored trace) and draws them in one go. */
  pushAll(events: readonly TraceEvent[]): void {
    for (const e of events) this.add(e);
    this.draw();
  }

  /** Whether every best objective so far is positive (a log axis can show it). */
  logPossible(): boolean {
    return this.best.every((v) => v === null || v > 0);
  }

  setOptions(opts: Partial<PlotOptions>): void {
    this.opts = { ...this.opts, ...opts };
    this.build();
  }

  destroy(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.plot?.destroy();
    this.plot = null;
  }

  private flush(): void {
    this.frame = 0;
    const batch = this.pending;
    this.pending = [];
    for (const e of batch) this.add(e);
    // A redraw costs time in proportion to the points: past 20,000 they are drawn less often (up to
    // once a second at 120,000), so a long run's stream never takes every frame. Nothing is dropped.
    const interval = Math.min(1000, Math.max(0, (this.t.length - 20_000) / 100));
    if (performance.now() - this.lastDraw < interval) {
      this.frame = requestAnimationFrame(() => this.flush());
      return;
    }
    this.draw();
  }

  private add(e: TraceEvent): void {
    const p = toPoint(e);
    if (p === null) return;
    this.t.push(p.t);
    this.step.push(p.step);
    this.best.push(p.best);
    this.cost.push(p.cost);
  }

  private data(): uPlot.AlignedData {
    const x = this.opts.xAxis === 'time' ? this.t : this.step;
    // A log axis cannot show 0 or less: such points are left out rather than breaking the scale.
    const best = this.opts.logY ? this.best.map((v) => (v !== null && v > 0 ? v : null)) : this.best;
    return [x, best, this.cost];
  }

  private draw(): void {
    this.lastDraw = performance.now();
    this.flushes += 1;
    this.plot?.setData(this.data());
    this.target.dataset.points = String(this.t.length);
    this.onFlush(this);
  }

  private build(): void {
    this.plot?.destroy();
    const width = this.opts.width ?? Math.max(320, this.target.clientWidth || 800);
    const opts: uPlot.Options = {
      width,
      height: this.opts.height ?? 320,
      scales: { x: { time: false }, y: this.opts.logY ? { distr: 3 } : {}, cost: {} },
      axes: [
        { label: this.opts.xAxis === 'time' ? 'elapsed (s)' : 'step' },
        { label: 'best objective', scale: 'y', size: 70 },
        { label: 'current cost', scale: 'cost', side: 1, grid: { show: false }, size: 60 },
      ],
      series: [
        { label: this.opts.xAxis === 'time' ? 's' : 'step' },
        { label: 'best objective', stroke: '#1f6feb', width: 2, scale: 'y', spanGaps: true, paths: uPlot.paths.stepped?.({ align: 1 }) },
        { label: 'current cost', stroke: '#d98b1a', width: 1, scale: 'cost', spanGaps: true },
      ],
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
    };
    this.target.replaceChildren();
    this.plot = new uPlot(opts, this.data(), this.target);
    this.target.dataset.points = String(this.t.length);
  }
}
