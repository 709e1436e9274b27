// How Max-Cut and QUBO files are told apart from the first lines of text (and the file name).

import { contentLines } from '../head-text.js';

/**
 * The rules, in the registry's order (MAX-SAT asks first: `p`/`h` lines, headerless clauses):
 *  - text starting with `{`                            → qubo-json
 *  - a first line of ONE number, then an `n m` line    → orlib (the number is the instance count)
 *  - a first line `n m`: rudy and Biq Mac look alike, so the name decides: `.sparse` → biqmac,
 *    anything else (Gset's .txt, .rud) → rudy; a user who names the family qubo gets biqmac.
 * When the user named the family (`claimed`), weaker evidence suffices: one number → orlib even
 * without a second line, any `n m`-like line → that family's format.
 */

/** Comment lines of the triplet formats (the LineReader's rule: `c` or `#` first). */
const COMMENT = /^[c#]/;
const INTEGERS = /^-?\d+(?:[ \t]+-?\d+)*$/;

export type QuadraticFormat = 'rudy' | 'orlib' | 'biqmac' | 'qubo-json';

export function sniffMaxCut(head: string, fileName: string | undefined, claimed: boolean): 'rudy' | null {
  if (claimed) return 'rudy';
  const [first] = contentLines(head, 1, COMMENT);
  return numbersOn(first) === 2 && !isSparseName(fileName) ? 'rudy' : null;
}

export function sniffQubo(head: string, fileName: string | undefined, claimed: boolean): Exclude<QuadraticFormat, 'rudy'> | null {
  if (startsJson(head)) return 'qubo-json';
  const [first, second] = contentLines(head, 2, COMMENT);
  const count = numbersOn(first);
  if (count === 1 && (claimed || numbersOn(second) === 2)) return 'orlib';
  if (count === 2 && (claimed || isSparseName(fileName))) return 'biqmac';
  return null;
}

export function startsJson(head: string): boolean {
  return /^\uFEFF?\s*\{/.test(head);
}

/** `.sparse` (optionally gzipped): the Biq Mac library's extension. */
export function isSparseName(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.sparse(\.gz)?$/i.test(fileName);
}

/** How many integers the line holds when it holds nothing else; 0 otherwise (or no line). */
function numbersOn(line: string | undefined): number {
  if (line === undefined || !INTEGERS.test(line)) return 0;
  return line.split(/[ \t]+/).length;
}
