// A plain-text table for console summaries (benches, the bench command).

/** `header` and `rows` as lines, columns padded to width: those in `left` left-aligned, the rest right-aligned. */
export function tableLines(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((s, i) => (left.includes(i) ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Prints the table of `tableLines`. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[]): void {
  for (const l of tableLines(header, rows, left)) console.log(l);
}
