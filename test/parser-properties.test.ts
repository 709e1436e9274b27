import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parserInput } from '../src/bench/parser-arbitraries.js';
import { outcomeProblem } from '../src/bench/parse-outcome-check.js';
import { parseRudy } from '../src/problems/maxcut/rudy-parser.js';
import { DimacsParser } from '../src/problems/maxsat/dimacs-parser.js';
import { clauseLiterals, type DimacsFormat } from '../src/problems/maxsat/instance.js';
import { InstanceBuilder } from '../src/problems/maxsat/instance-builder.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { IntakeSession } from '../src/service/intake/intake-session.js';

const SEED = 20261201;
const RUNS = 2000;
const options = fc.record({
  format: fc.constantFrom<DimacsFormat | 'auto'>('auto', 'cnf', 'wcnf-old', 'wcnf'),
  mode: fc.constantFrom<'strict' | 'relaxed'>('strict', 'relaxed'),
  fileName: fc.constantFrom(undefined, 'a.cnf', 'a.wcnf'),
});

for (const format of ['cnf', 'wcnf-old', 'wcnf'] as const) {
  test(`DIMACS ${format}: any body parses or is rejected with coded, positioned issues, never a throw`, () => {
    fc.assert(
      fc.property(parserInput(format), options, (text, o) => {
        const problem = outcomeProblem(parseDimacs(text, o), text);
        assert.equal(problem, null);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
}

test('rudy: any body parses or is rejected with coded, positioned issues, never a throw', () => {
  fc.assert(
    fc.property(parserInput('rudy'), (text) => {
      assert.equal(outcomeProblem(parseRudy(text), text), null);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('DIMACS: the outcome does not depend on where the chunks break', () => {
  const body = fc.oneof(parserInput('cnf'), parserInput('wcnf-old'), parserInput('wcnf'));
  fc.assert(
    fc.property(body, fc.array(fc.nat(), { maxLength: 4 }), options, (text, cuts, o) => {
      const whole = parseDimacs(text, o);
      const parser = new DimacsParser(o);
      let from = 0;
      for (const cut of [...cuts.map((c) => (text.length === 0 ? 0 : c % text.length)).sort((a, b) => a - b), text.length]) {
        parser.push(text.subarray(from, Math.max(from, cut)));
        from = Math.max(from, cut);
      }
      assert.deepEqual(parser.finish(), whole);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('duplicate literals and tautologies are found the same way over small and huge variable numbers', () => {
  const SHIFT = 100_000_000; // far past the dense marks' reach for a clause this short
  const literal = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.boolean()).map(([v, neg]) => (neg ? -v : v));
  fc.assert(
    fc.property(fc.array(literal, { minLength: 13, maxLength: 60 }), (lits) => {
      const small = new InstanceBuilder();
      const huge = new InstanceBuilder();
      for (const lit of lits) {
        small.addLiteral(lit);
        huge.addLiteral(lit < 0 ? lit - SHIFT : lit + SHIFT);
      }
      small.endClause(false, 1);
      huge.endClause(false, 1);
      const a = small.seal({ format: 'cnf', numVars: 20 });
      const b = huge.seal({ format: 'cnf', numVars: 20 + SHIFT });
      assert.deepEqual(clauseLiterals(b, 0), clauseLiterals(a, 0).map((lit) => (lit < 0 ? lit - SHIFT : lit + SHIFT)));
      assert.deepEqual(b.stats, a.stats);
    }),
    { numRuns: 500, seed: SEED },
  );
});

test('an intake session agrees with the parser, whatever the chunks and gzip, and hashes format and text', async () => {
  const body = fc.oneof(parserInput('cnf'), parserInput('wcnf-old'), parserInput('wcnf'));
  await fc.assert(
    fc.asyncProperty(body, options, fc.boolean(), fc.array(fc.nat(), { maxLength: 3 }), async (text, o, gzip, cuts) => {
      const raw = gzip ? gzipSync(text) : text;
      const session = new IntakeSession({ format: o.format, fileName: o.fileName ?? null, name: null, mode: o.mode, maxBytes: 1 << 20, databasePath: null });
      let from = 0;
      for (const cut of [...cuts.map((c) => c % (raw.length + 1)).sort((a, b) => a - b), raw.length]) {
        await session.write(raw.subarray(from, Math.max(from, cut)));
        from = Math.max(from, cut);
      }
      const outcome = await session.end();
      const expected = parseDimacs(text, o);
      if (raw.length === 0) {
        assert.equal(!outcome.ok && outcome.failure.code, 'EMPTY_INPUT');
      } else if (!expected.ok) {
        assert.ok(!outcome.ok);
        assert.deepEqual([outcome.failure.code, outcome.failure.issues], ['PARSE_ERROR', expected.issues]);
      } else {
        assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.failure));
        const hash = createHash('sha256').update(`${expected.value.format}\n`).update(text).digest('hex');
        assert.deepEqual([outcome.problem.contentHash, outcome.problem.format, outcome.problem.terms, outcome.problem.contentBytes], [hash, expected.value.format, expected.value.numClauses, text.length]);
      }
    }),
    { numRuns: 300, seed: SEED },
  );
});
