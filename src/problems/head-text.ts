// The first bytes of a file as text, and its first content lines: what every family sniffs.

/** Bytes of text a family is recognised from. */
export const SNIFF_BYTES = 4096;

/** The first bytes of `bytes` as text, for sniffing (a cut multi-byte character is harmless). */
export function headText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SNIFF_BYTES));
}

/** The first `count` lines of `head` that are neither blank nor comments (as `comment` matches), trimmed; fewer when it ends. */
export function contentLines(head: string, count: number, comment: RegExp): string[] {
  const lines: string[] = [];
  for (const raw of head.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.trim();
    if (line === '' || comment.test(line)) continue;
    lines.push(line);
    if (lines.length === count) break;
  }
  return lines;
}
