// fast-check generators of parser input: well-formed documents of each format, mutated a little,
// soups of the tokens the grammars care about, and raw bytes. Shared by the fuzz script and tests.

import fc from 'fast-check';
import type { DimacsFormat } from '../problems/maxsat/instance.js';

export type FuzzFormat = DimacsFormat | 'rudy';

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);

/** Numbers near every boundary the parsers know (2^31, 2^53, 2^64), small ones, leading zeros. */
const boundary = fc.constantFrom('0', '1', '2', '3', '10', '2147483647', '2147483648', '9007199254740991', '9007199254740993', '18446744073709551615', '18446744073709551616', '00001', '99999999999999999999999');
const number = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }).map(String) },
  { weight: 2, arbitrary: boundary },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,40}$/) },
);
const signed = fc.tuple(fc.boolean(), number).map(([neg, n]) => (neg ? `-${n}` : n));
const space = fc.constantFrom(' ', ' ', ' ', '\t', '\n', '\r\n', '\r', '\v', '\f', '  ');

/** Tokens and fragments that steer the parsers into each of their states. */
const piece = fc.oneof(
  { weight: 4, arbitrary: signed },
  { weight: 4, arbitrary: space },
  {
    weight: 3,
    arbitrary: fc.constantFrom('0', ' 0\n', '\n0\n', 'h ', 'h', 'p', 'p cnf ', 'p wcnf ', 'p cnf 3 2\n', 'p wcnf 3 2 10\n', 'c', 'c x\n', '#', '%', '%\n', '-', '--', '-0', '+1', '1.5', 'x', '\u00ef\u00bb\u00bf', '\0', '\u00ff', 'e5'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const soup = fc.array(piece, { maxLength: 60 }).map((parts) => latin1(parts.join('')));

const literal = (vars: number) => fc.tuple(fc.integer({ min: 1, max: vars }), fc.boolean()).map(([v, neg]) => (neg ? -v : v));
const clause = (vars: number) => fc.array(literal(vars), { maxLength: 6 });
const weight = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 100 }).map(String) }, { weight: 1, arbitrary: boundary });
const comment = fc.constantFrom('c hello\n', 'c\n', 'c p cnf 1 1\n', '\n', 'c 1 2 0\n');

function dimacsDocument(format: DimacsFormat): fc.Arbitrary<string> {
  return fc.integer({ min: 1, max: 12 }).chain((vars) =>
    fc.tuple(fc.array(fc.tuple(clause(vars), weight, fc.boolean(), fc.option(comment, { freq: 4 })), { maxLength: 12 }), fc.option(weight), fc.option(comment)).map(([clauses, top, head]) => {
      const lines = clauses.map(([lits, w, hard, note]) => {
        const body = `${lits.join(' ')}${lits.length > 0 ? ' ' : ''}0\n`;
        const prefix = format === 'cnf' ? '' : format === 'wcnf' ? (hard ? 'h ' : `${w} `) : `${hard && top !== null ? top : w} `;
        return `${note ?? ''}${prefix}${body}`;
      });
      const header = format === 'cnf' ? `p cnf ${vars} ${clauses.length}\n` : format === 'wcnf-old' ? `p wcnf ${vars} ${clauses.length}${top === null ? '' : ` ${top}`}\n` : '';
      return `${head ?? ''}${header}${lines.join('')}`;
    }),
  );
}

function rudyDocument(): fc.Arbitrary<string> {
  return fc.integer({ min: 2, max: 12 }).chain((n) => {
    const edge = fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }), fc.integer({ min: -5, max: 5 }), fc.option(fc.constantFrom('c x\n', '# y\n', '\n'), { freq: 5 }));
    return fc.array(edge, { maxLength: 12 }).map((edges) => `${n} ${edges.length}\n${edges.map(([i, j, w, note]) => `${note ?? ''}${i} ${j} ${w}\n`).join('')}`);
  });
}

/** A small edit: a piece inserted, a range deleted or repeated, a byte replaced, the end cut. */
const mutation = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.nat(), piece);

function mutate(text: string, edits: ReadonlyArray<readonly [number, number, number, string]>): string {
  let s = text;
  for (const [kind, a, b, p] of edits) {
    const i = s.length === 0 ? 0 : a % (s.length + 1);
    const j = Math.min(s.length, i + (b % 8));
    if (kind === 0) s = s.slice(0, i) + p + s.slice(i);
    else if (kind === 1) s = s.slice(0, i) + s.slice(j);
    else if (kind === 2) s = s.slice(0, j) + s.slice(i, j) + s.slice(i);
    else if (kind === 3 && i < s.length) s = s.slice(0, i) + String.fromCharCode(b % 256) + s.slice(i + 1);
    else s = s.slice(0, i);
  }
  return s;
}

/** Input for one parser: mostly near-valid documents, plus token soups and random bytes. */
export function parserInput(format: FuzzFormat): fc.Arbitrary<Uint8Array> {
  const document = format === 'rudy' ? rudyDocument() : dimacsDocument(format);
  const edited = fc.tuple(document, fc.array(mutation, { maxLength: 3 })).map(([text, edits]) => latin1(mutate(text, edits)));
  return fc.oneof({ weight: 6, arbitrary: edited }, { weight: 3, arbitrary: soup }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) });
}

export interface DimacsFuzzOptions {
  readonly format: DimacsFormat | 'auto';
  readonly mode: 'strict' | 'relaxed';
  readonly fileName: string | undefined;
  readonly gzip: 'no' | 'yes' | 'damaged';
}

/** How a DIMACS body is read: format asked for or not, strict or relaxed, a file name hint, gzip. */
export function dimacsOptions(format: DimacsFormat): fc.Arbitrary<DimacsFuzzOptions> {
  return fc.record({
    format: fc.constantFrom<DimacsFormat | 'auto'>('auto', 'auto', format),
    mode: fc.constantFrom<'strict' | 'relaxed'>('strict', 'relaxed'),
    fileName: fc.constantFrom(undefined, 'a.cnf', 'a.wcnf', 'a.wcnf.gz', 'noext'),
    gzip: fc.constantFrom<'no' | 'yes' | 'damaged'>('no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'yes', 'damaged'),
  });
}
