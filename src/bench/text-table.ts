// A plain-text table for the benches' console summaries.

/** Prints `header` and `table` with columns padded to width: those in `left` left-aligned, the rest right-aligned. */
export function printTable(header: readonly string[], table: readonly (readonly string[])[], left: readonly number[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((s, i) => (left.includes(i) ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  for (const r of table) console.log(line(r));
}
