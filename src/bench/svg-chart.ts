// Line charts as inline SVG text: log or linear x axis, linear y axis, ticks, axis labels, legend.

export interface ChartSeries {
  readonly label: string;
  readonly points: readonly (readonly [x: number, y: number])[];
  /** Which colour and dash to use (so a solver keeps its colour across charts); default: its position. */
  readonly styleIndex?: number;
}

export interface LineChartOptions {
  /** Read by screen readers and shown as a tooltip; not drawn (the page has a heading). */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Fixed y range; otherwise the data's, widened to round ticks. */
  readonly yDomain?: readonly [number, number];
  readonly formatX?: (x: number) => string;
  readonly formatY?: (y: number) => string;
}

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), yellow left out: too pale on white. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
/** After the palette runs out, dashes tell series apart. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;

export function seriesStyle(index: number): { color: string; dash: string } {
  return { color: PALETTE[index % PALETTE.length], dash: DASHES[Math.floor(index / PALETTE.length) % DASHES.length] };
}

/** Escapes text for XML/HTML content and quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const round = (v: number): string => String(Math.round(v * 10) / 10);
const clean = (v: number): number => Number(v.toPrecision(12));

/** Powers of ten within [min, max]; with fewer than two, the 2× and 5× steps too. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const within = (v: number): boolean => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const decades: number[] = [];
  for (let k = lo; k <= hi; k++) decades.push(clean(10 ** k));
  const majors = decades.filter(within);
  if (majors.length >= 2) return majors;
  return decades.flatMap((d) => [d, clean(2 * d), clean(5 * d)]).filter(within);
}

/** Round ticks (steps of 1, 2 or 5 × 10^k) covering [min, max], about `target` of them. */
export function linearTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max === min) return [clean(min)];
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) as number;
  const ticks: number[] = [];
  // By index, not by repeated addition, so rounding errors do not accumulate.
  for (let i = Math.floor(min / step); i * step <= max + step * 1e-9; i++) if (i * step >= min - step * 1e-9) ticks.push(clean(i * step));
  return ticks;
}

/** A self-contained <svg> line chart (no xmlns needed inline in HTML, no fonts or scripts). */
export function lineChart(series: readonly ChartSeries[], options: LineChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 340;
  const formatX = options.formatX ?? ((x: number) => String(x));
  const formatY = options.formatY ?? ((y: number) => String(y));
  const legendWidth = 180;
  const m = { left: 58, right: legendWidth + 16, top: 14, bottom: 48 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const xs = series.flatMap((s) => s.points.map(([x]) => x)).filter((x) => Number.isFinite(x) && (!options.logX || x > 0));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y)).filter(Number.isFinite);
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="#fff" stroke="#9aa3ad"/>`,
  ];
  const xLabelAt = `x="${round(m.left + plotW / 2)}" y="${height - 8}"`;
  parts.push(`<text class="axis-label" ${xLabelAt} text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  parts.push(`<text class="axis-label" transform="translate(14 ${round(m.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`);
  if (xs.length === 0 || ys.length === 0) {
    parts.push(`<text x="${round(m.left + plotW / 2)}" y="${round(m.top + plotH / 2)}" text-anchor="middle" fill="#6b7580">no anytime data</text>`, '</svg>');
    return parts.join('');
  }

  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs) > xMin ? Math.max(...xs) : xMin * (options.logX ? 10 : 1) + (options.logX ? 0 : 1);
  const yTicks = options.yDomain !== undefined ? linearTicks(options.yDomain[0], options.yDomain[1]) : linearTicks(Math.min(...ys), Math.max(...ys));
  const [yMin, yMax] = options.yDomain ?? [Math.min(yTicks[0], ...ys), Math.max(yTicks[yTicks.length - 1], ...ys)];
  const ySpan = yMax > yMin ? yMax - yMin : 1;
  const sx = options.logX
    ? (x: number) => m.left + (plotW * Math.log(x / xMin)) / Math.log(xMax / xMin)
    : (x: number) => m.left + (plotW * (x - xMin)) / (xMax - xMin);
  const sy = (y: number) => m.top + plotH - (plotH * (Math.min(yMax, Math.max(yMin, y)) - yMin)) / ySpan;

  // Grid lines and ticks.
  for (const y of yTicks) {
    const py = round(sy(y));
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${py}" y2="${py}" stroke="#e3e7eb"/>`);
    parts.push(`<line x1="${m.left - 5}" x2="${m.left}" y1="${py}" y2="${py}" stroke="#4a5561"/>`);
    parts.push(`<text class="tick" x="${m.left - 8}" y="${py}" dy="0.32em" text-anchor="end">${escapeXml(formatY(y))}</text>`);
  }
  const xTicks = options.logX ? logTicks(xMin, xMax) : linearTicks(xMin, xMax, 6);
  if (options.logX) {
    // Unlabelled minor ticks at 2…9 × 10^k show the scale is logarithmic.
    for (let k = Math.floor(Math.log10(xMin)); k <= Math.ceil(Math.log10(xMax)); k++) {
      for (let d = 2; d <= 9; d++) {
        const x = d * 10 ** k;
        if (x < xMin || x > xMax) continue;
        const px = round(sx(x));
        parts.push(`<line x1="${px}" x2="${px}" y1="${m.top + plotH}" y2="${m.top + plotH + 3}" stroke="#4a5561"/>`);
      }
    }
  }
  for (const x of xTicks) {
    const px = round(sx(x));
    parts.push(`<line x1="${px}" x2="${px}" y1="${m.top}" y2="${m.top + plotH}" stroke="#e3e7eb"/>`);
    parts.push(`<line x1="${px}" x2="${px}" y1="${m.top + plotH}" y2="${m.top + plotH + 6}" stroke="#4a5561"/>`);
    parts.push(`<text class="tick" x="${px}" y="${m.top + plotH + 19}" text-anchor="middle">${escapeXml(formatX(x))}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9aa3ad"/>`);

  // One polyline per series, then the legend beside the plot.
  series.forEach((s, i) => {
    const { color, dash } = seriesStyle(s.styleIndex ?? i);
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!options.logX || x > 0));
    const dashAttr = dash === '' ? '' : ` stroke-dasharray="${dash}"`;
    if (pts.length > 0) {
      const coords = pts.map(([x, y]) => `${round(sx(x))},${round(sy(y))}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"${dashAttr} points="${coords}"><title>${escapeXml(s.label)}</title></polyline>`);
    }
    const ly = m.top + 10 + i * 20;
    const lx = width - legendWidth;
    const label = s.label.length > 24 ? `${s.label.slice(0, 23)}…` : s.label;
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2.5"${dashAttr}/>`);
    parts.push(`<text class="legend" x="${lx + 28}" y="${ly}" dy="0.32em"><title>${escapeXml(s.label)}</title>${escapeXml(label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
