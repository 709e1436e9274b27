// Several runs' best-objective curves on one plot: each run's (x, best) table joined on x by uPlot.

import uPlot from 'uplot';
import { toPoint, type XAxis } from './live-plot.js';
import type { TraceEvent } from './types.js';

export interface CompareSeries {
  readonly label: string;
  readonly events: readonly TraceEvent[];
}

const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df', '#d98b1a', '#0598bc', '#bf3989', '#57606a'];

/** One run's curve as an aligned table, x ascending and without repeats (the last value at an x wins). */
export function curveOf(events: readonly TraceEvent[], xAxis: XAxis, logY: boolean): uPlot.AlignedData {
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  for (const e of events) {
    const p = toPoint(e);
    if (p === null || p.best === null) continue;
    const x = xAxis === 'time' ? p.t : p.step;
    const y = logY && p.best <= 0 ? null : p.best;
    if (xs.length > 0 && x <= xs[xs.length - 1]) {
      if (x === xs[xs.length - 1]) ys[ys.length - 1] = y;
      continue;
    }
    xs.push(x);
    ys.push(y);
  }
  return [xs, ys];
}

export function comparePlot(target: HTMLElement, runs: readonly CompareSeries[], xAxis: XAxis, logY: boolean): uPlot {
  const tables = runs.map((r) => curveOf(r.events, xAxis, logY));
  const data = tables.length === 0 ? ([[]] as uPlot.AlignedData) : uPlot.join(tables);
  const opts: uPlot.Options = {
    width: Math.max(320, target.clientWidth || 800),
    height: 360,
    scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
    axes: [{ label: xAxis === 'time' ? 'elapsed (s)' : 'step' }, { label: 'best objective', size: 70 }],
    series: [
      { label: xAxis === 'time' ? 's' : 'step' },
      ...runs.map((r, i) => ({ label: r.label, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true, paths: uPlot.paths.stepped?.({ align: 1 as const }) })),
    ],
  };
  target.replaceChildren();
  const plot = new uPlot(opts, data, target);
  target.dataset.series = String(runs.length);
  target.dataset.points = String(data[0].length);
  return plot;
}
