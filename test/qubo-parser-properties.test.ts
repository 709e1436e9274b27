import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parserInput } from '../src/bench/parser-arbitraries.js';
import { outcomeProblem } from '../src/bench/parse-outcome-check.js';
import type { ParseMode } from '../src/problems/maxsat/parse-options.js';
import { parseBiqMac } from '../src/problems/qubo/biqmac-parser.js';
import { parseQuboJson } from '../src/problems/qubo/json-parser.js';
import { parseOrLib } from '../src/problems/qubo/orlib-parser.js';
import type { QuboParseOptions } from '../src/problems/qubo/triplet-options.js';

const SEED = 20261202;
const RUNS = 1500;

const options: fc.Arbitrary<QuboParseOptions> = fc.record({
  select: fc.constantFrom(undefined, 1, 2, 3, 4),
  mode: fc.constantFrom<ParseMode>('strict', 'relaxed'),
  limits: fc.constantFrom(undefined, { maxVariables: 3 }, { maxClauses: 2 }),
});

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
const piece = fc.constantFrom(' ', '\n', '\r\n', '0', '1', '2', '-', '9999999999999999999999', '"', ',', '[', ']', '{', '}', ':', 'x', 'c x\n', '\u00e9', '\uFEFF', '"n"', '"terms"', '"sense"', '"max"', 'null', '1.5', '1e400');

/** A small edit: a piece inserted, a range deleted, the end cut. */
function edited(document: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  const edit = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.nat({ max: 6 }), piece);
  return fc.tuple(document, fc.array(edit, { maxLength: 3 })).map(([text, edits]) => {
    let s = text;
    for (const [kind, at, length, p] of edits) {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      if (kind === 0) s = s.slice(0, i) + p + s.slice(i);
      else if (kind === 1) s = s.slice(0, i) + s.slice(i + length);
      else s = s.slice(0, i);
    }
    return Buffer.from(s, 'utf8');
  });
}

const triplet = (n: number) => fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }), fc.integer({ min: -9, max: 9 }));

const orlibDocument = fc.array(
  fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(triplet(n), { maxLength: 6 }).map((terms) => ` ${n} ${terms.length}\n${terms.map((t) => ` ${t.join(' ')}\n`).join('')}`)),
  { minLength: 1, maxLength: 3 },
).chain((blocks) => fc.integer({ min: 0, max: 4 }).map((k) => ` ${k === 0 ? blocks.length : k}\n${blocks.join('')}`));

const jsonDocument = fc.integer({ min: 0, max: 5 }).chain((n) =>
  fc
    .record({
      sense: fc.constantFrom(undefined, 'min', 'max', 'maximise'),
      offset: fc.constantFrom(undefined, 3, '-12345678901234567890', 1.5),
      terms: fc.array(fc.tuple(fc.integer({ min: -1, max: n }), fc.integer({ min: 0, max: n }), fc.oneof(fc.integer({ min: -9, max: 9 }), fc.constantFrom('77', '1e3', 2 ** 53, null))), { maxLength: 6 }),
    })
    .chain((d) => fc.constantFrom(0, 1).map((indent) => JSON.stringify({ n, ...d }, null, indent))),
);

const soup = fc.array(piece, { maxLength: 40 }).map((parts) => latin1(parts.join('')));
const input = (document: fc.Arbitrary<Uint8Array>) => fc.oneof({ weight: 6, arbitrary: document }, { weight: 3, arbitrary: soup }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) });

const cases: ReadonlyArray<readonly [string, (b: Uint8Array, o: QuboParseOptions) => unknown, fc.Arbitrary<Uint8Array>]> = [
  ['orlib', parseOrLib, input(edited(orlibDocument))],
  ['biqmac', parseBiqMac, input(parserInput('rudy'))],
  ['qubo-json', parseQuboJson, input(edited(jsonDocument))],
];

for (const [name, parse, body] of cases) {
  test(`${name}: any body parses or is rejected with coded, positioned issues, never a throw`, () => {
    fc.assert(
      fc.property(body, options, (text, o) => {
        assert.equal(outcomeProblem(parse(text, o) as never, text), null);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
}
