// Bodies built to hit a parser's worst case at a given size: digit runs, deep spans, huge headers,
// many comments, CR-only lines, NULs… Each must parse or fail in time linear in its size.

import type { ParseOptions } from '../problems/maxsat/parse-options.js';

export interface AdversarialBody {
  readonly name: string;
  readonly parser: 'dimacs' | 'rudy' | 'orlib' | 'biqmac' | 'qubo-json' | 'col';
  /** OR-Library: the instance to read. */
  readonly select?: number;
  readonly options?: ParseOptions;
  /** A body of about `bytes` bytes. */
  make(bytes: number): Buffer;
}

/** `pattern` repeated a whole number of times, about `bytes` long. */
const fill = (bytes: number, pattern: string): Buffer => Buffer.alloc(Math.max(0, bytes - (bytes % pattern.length)), pattern, 'latin1');
const around = (head: string, middle: Buffer, tail = ''): Buffer => Buffer.concat([Buffer.from(head, 'latin1'), middle, Buffer.from(tail, 'latin1')]);

/** `pattern` k times after the header `head(k)`, about `bytes` long: a body whose counts are right. */
function counted(bytes: number, pattern: string, head: (k: number) => string): Buffer {
  const k = Math.floor(bytes / pattern.length);
  return around(head(k), Buffer.alloc(k * pattern.length, pattern, 'latin1'));
}

/** One clause of distinct variables counting down from `top`, spread over lines of `perLine` literals. */
function longClause(bytes: number, top: number): Buffer {
  const parts: string[] = [];
  let size = 0;
  for (let v = top; size < bytes && v > 0; v--) {
    const lit = `${v % 3 === 0 ? '-' : ''}${v}${v % 8 === 0 ? '\n' : ' '}`;
    parts.push(lit);
    size += lit.length;
  }
  return Buffer.from(`p cnf ${top} 1\n${parts.join('')}0\n`, 'latin1');
}

export const ADVERSARIAL_BODIES: readonly AdversarialBody[] = [
  { name: 'digit run as a literal', parser: 'dimacs', make: (n) => around('p cnf 3 1\n', fill(n, '1'), ' 0\n') },
  { name: 'digit run as a weight', parser: 'dimacs', make: (n) => around('h 1 0\n', fill(n, '9'), ' 1 0\n') },
  { name: 'negative digit run as a weight', parser: 'dimacs', make: (n) => around('p wcnf 2 1 5\n-', fill(n, '9'), ' 1 0\n') },
  { name: 'digit run in the header', parser: 'dimacs', make: (n) => around('p cnf ', fill(n, '7'), ' 1\n1 0\n') },
  { name: 'leading zeros (valid)', parser: 'dimacs', make: (n) => around('p cnf 3 1\n', fill(n, '0'), '1 0\n') },
  { name: 'one clause spanning every line (valid)', parser: 'dimacs', make: (n) => around('p cnf 3 1\n', fill(n, '1\n-2\nc x\n3\n'), '0\n') },
  { name: 'one clause of distinct variables near 2^27 (valid)', parser: 'dimacs', make: (n) => longClause(n, 134_217_727) },
  { name: 'huge declared counts, few clauses', parser: 'dimacs', make: (n) => around('p cnf 134217727 268435455\n', fill(n, '1 -2 0\n')) },
  { name: 'many comment lines', parser: 'dimacs', make: (n) => around('', fill(n, 'c\n'), 'p cnf 1 1\n1 0\n') },
  { name: 'one long comment', parser: 'dimacs', make: (n) => around('c ', fill(n, 'x'), '\np cnf 1 1\n1 0\n') },
  { name: 'CR-only lines after a header', parser: 'dimacs', make: (n) => around('p cnf 3 9\n', fill(n, '1 -2 0\r')) },
  { name: 'CR-only lines throughout', parser: 'dimacs', make: (n) => fill(n, 'p cnf 3 1\r1 -2 0\r') },
  { name: 'NUL bytes', parser: 'dimacs', make: (n) => fill(n, '\0') },
  { name: 'NUL bytes inside a clause', parser: 'dimacs', make: (n) => around('p cnf 3 1\n1 ', fill(n, '\0')) },
  { name: 'many tiny clauses (valid)', parser: 'dimacs', options: { format: 'wcnf' }, make: (n) => fill(n, '1 0\nh 0\n') },
  { name: 'minus signs', parser: 'dimacs', make: (n) => fill(n, '-') },
  { name: 'white space only', parser: 'dimacs', make: (n) => fill(n, ' \t\n') },
  { name: 'relaxed: a warning on every line', parser: 'dimacs', options: { mode: 'relaxed' }, make: (n) => around('p cnf 1 1\n', fill(n, '2 0\n')) },
  { name: 'long header line', parser: 'dimacs', make: (n) => around('p cnf 3 1 ', fill(n, 'x '), '\n1 0\n') },
  { name: 'rudy: digit run as a weight', parser: 'rudy', make: (n) => around('2 1\n1 2 ', fill(n, '9'), '\n') },
  { name: 'rudy: digit run as a node count', parser: 'rudy', make: (n) => around('', fill(n, '9'), ' 1\n1 2 1\n') },
  { name: 'rudy: many comment lines', parser: 'rudy', make: (n) => around('', fill(n, 'c\n#\n'), '2 1\n1 2 1\n') },
  { name: 'rudy: one long comment', parser: 'rudy', make: (n) => around('c ', fill(n, 'x'), '\n2 1\n1 2 1\n') },
  { name: 'rudy: CR-only lines', parser: 'rudy', make: (n) => around('3 1\r', fill(n, '1 2 1\r')) },
  { name: 'rudy: NUL bytes', parser: 'rudy', make: (n) => fill(n, '\0') },
  { name: 'rudy: many edges (valid)', parser: 'rudy', make: (n) => around(`3 ${Math.floor(n / 6)}\n`, fill(Math.floor(n / 6) * 6, '1 2 1\n')) },
  { name: 'rudy: huge declared edge count', parser: 'rudy', make: (n) => around('2 2147483647\n', fill(n, '1 2 1\n')) },
  { name: 'rudy: numbers on one line', parser: 'rudy', make: (n) => fill(n, '1 ') },
  { name: 'rudy: a bad line after another', parser: 'rudy', make: (n) => around('2 1\n', fill(n, 'x\n')) },
  { name: 'orlib: digit run as the instance count', parser: 'orlib', make: (n) => around('', fill(n, '9'), '\n2 1\n1 2 3\n') },
  { name: 'orlib: many instances, the first one read (valid)', parser: 'orlib', select: 1, make: (n) => counted(n, '2 1\n1 2 -3\n', (k) => `${k}\n`) },
  { name: 'orlib: huge declared instance count', parser: 'orlib', select: 2, make: (n) => around('2147483647\n', fill(n, '2 1\n1 2 3\n')) },
  { name: 'biqmac: digit run as a coefficient', parser: 'biqmac', make: (n) => around('2 1\n1 2 -', fill(n, '7'), '\n') },
  { name: 'biqmac: many terms on one pair (valid)', parser: 'biqmac', make: (n) => around(`2 ${Math.floor(n / 7)}\n`, fill(Math.floor(n / 7) * 7, '1 2 -3\n')) },
  { name: 'json: deep nesting', parser: 'qubo-json', make: (n) => around('{"n": 2, "terms": ', fill(n, '['), '') },
  { name: 'json: digit run as a coefficient', parser: 'qubo-json', make: (n) => around('{"n": 2, "terms": [[0, 1, ', fill(n, '9'), ']]}') },
  { name: 'json: digit run in a string coefficient', parser: 'qubo-json', make: (n) => around('{"n": 2, "terms": [[0, 1, "', fill(n, '9'), '"]]}') },
  { name: 'json: many terms (valid)', parser: 'qubo-json', make: (n) => around('{"n": 3, "terms": [', fill(n, '[0, 2, -5],'), '[1, 1, 1]]}') },
  { name: 'json: a trailing comma at the end of a long array', parser: 'qubo-json', make: (n) => around('{"n": 3, "terms": [', fill(n, '[0, 2, -5],'), ']}') },
  { name: 'col: digit run as a vertex', parser: 'col', make: (n) => around('p edge 3 1\ne 1 ', fill(n, '2'), '\n') },
  { name: 'col: every edge listed again (valid)', parser: 'col', make: (n) => counted(n, 'e 1 2\ne 2 1\n', (k) => `p edge 3 ${2 * k}\n`) },
  { name: 'col: huge declared counts, few edges', parser: 'col', make: (n) => around('p edge 4194304 16777216\n', fill(n, 'e 1 2\n')) },
  { name: 'col: unknown line types', parser: 'col', make: (n) => around('p edge 3 1\n', fill(n, 'n 1 2\n')) },
];
