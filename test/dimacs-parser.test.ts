import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ParseIssueCode, ParseResult } from '../src/common/parse-result.js';
import { DimacsParser } from '../src/problems/maxsat/dimacs-parser.js';
import { clauseLiterals, exactWeight, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { parseDimacs, parseDimacsStream } from '../src/problems/maxsat/parse-dimacs.js';
import type { ParseOptions } from '../src/problems/maxsat/parse-options.js';
import { fixturesDir } from './support/paths.js';

function ok(result: ParseResult<MaxSatInstance>): MaxSatInstance {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

function clauses(inst: MaxSatInstance): number[][] {
  return Array.from({ length: inst.numClauses }, (_, c) => clauseLiterals(inst, c));
}

function failsWith(text: string | Uint8Array, code: ParseIssueCode, line: number, column: number, options: ParseOptions = {}): void {
  const result = parseDimacs(text, options);
  assert.equal(result.ok, false, `expected ${code}`);
  if (result.ok) return;
  const [issue] = result.issues;
  assert.deepEqual({ code: issue.code, line: issue.line, column: issue.column }, { code, line, column }, issue.message);
  assert.ok(issue.message.length > 10);
}

const errorDir = join(fixturesDir, 'parse-errors');
const REQUIRED_CODES: ParseIssueCode[] = [
  'EMPTY_INPUT', 'NO_HEADER', 'DUPLICATE_HEADER', 'BAD_HEADER', 'UNEXPECTED_CHAR', 'NEGATIVE_ZERO',
  'LITERAL_OUT_OF_RANGE', 'MISSING_TERMINATOR', 'CLAUSE_COUNT_MISMATCH', 'INT_OVERFLOW', 'BAD_WEIGHT',
  'MIXED_FORMAT', 'AMBIGUOUS_FORMAT', 'LIMIT_EXCEEDED',
];

test('every error code has a fixture that fails with that code at the stated position', () => {
  const seen = new Set<string>();
  for (const name of readdirSync(errorDir)) {
    const bytes = readFileSync(join(errorDir, name));
    const m = /^c expect: (\w+) (\d+):(\d+)(.*)$/m.exec(bytes.toString('latin1'));
    assert.ok(m, `${name} states its expectation`);
    const limits = Object.fromEntries(m[4].trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    failsWith(bytes, m[1] as ParseIssueCode, Number(m[2]), Number(m[3]), { fileName: name, limits });
    assert.equal(name.split('.')[0], m[1]);
    seen.add(m[1]);
  }
  assert.deepEqual([...seen].sort(), [...REQUIRED_CODES].sort());
});

test('relaxed mode accepts what strict mode rejects for recoverable issues, with a warning', () => {
  const cases: [string, ParseIssueCode, number[][], number][] = [
    ['NO_HEADER.cnf', 'NO_HEADER', [[1, -2]], 2],
    ['LITERAL_OUT_OF_RANGE.cnf', 'LITERAL_OUT_OF_RANGE', [[1, -4]], 4],
    ['MISSING_TERMINATOR.cnf', 'MISSING_TERMINATOR', [[1, 2], [3, -1]], 3],
    ['CLAUSE_COUNT_MISMATCH.cnf', 'CLAUSE_COUNT_MISMATCH', [[1], [2]], 3],
    ['AMBIGUOUS_FORMAT.dimacs', 'AMBIGUOUS_FORMAT', [[2]], 2],
  ];
  for (const [name, code, expected, vars] of cases) {
    const result = parseDimacs(readFileSync(join(errorDir, name)), { fileName: name, mode: 'relaxed' });
    const inst = ok(result);
    assert.deepEqual(clauses(inst), expected, name);
    assert.equal(inst.numVars, vars, name);
    assert.ok(result.ok && result.warnings.some((w) => w.code === code && w.severity === 'warning'), name);
  }
});

test('reads CRLF, tabs, blank lines, comments anywhere, spanning clauses and several clauses per line', () => {
  const text = 'c head\r\n\r\np cnf 6 4\r\nc between\r\n1\t-2 0 3 0\r\n\r\n  4\r\nc inside a clause\r\n -5\r\n 0 6 -6 0\r\n';
  const inst = ok(parseDimacs(text));
  assert.deepEqual(clauses(inst), [[1, -2], [3], [4, -5], [6, -6]]);
  assert.equal(inst.numVars, 6);
  assert.equal(inst.stats.tautologies, 1);
});

test('keeps declared but unused variables and drops duplicate literals', () => {
  const inst = ok(parseDimacs('p cnf 10 2\n1 1 -2 1 0\n3 -3 3 0\n'));
  assert.equal(inst.numVars, 10);
  assert.deepEqual(clauses(inst), [[1, -2], [3, -3]]);
  assert.equal(inst.stats.duplicateLiteralsRemoved, 3);
  assert.equal(inst.stats.tautologies, 1);
});

test('stops at the SATLIB "%" trailer', () => {
  const inst = ok(parseDimacs('p cnf 3 2\n 1 -2 0\n 2 3 0\n%\n0\n\n'));
  assert.deepEqual(clauses(inst), [[1, -2], [2, 3]]);
});

test('old WCNF: weight equal to or above top is hard, no top means all soft', () => {
  const inst = ok(parseDimacs('p wcnf 3 4 10\n10 1 2 0\n3 -1 0\n11 3 0\n0 2 0\n'));
  assert.equal(inst.format, 'wcnf-old');
  assert.deepEqual(Array.from(inst.hard), [1, 0, 1, 0]);
  assert.deepEqual([0, 1, 2, 3].map((c) => exactWeight(inst, c)), [0n, 3n, 0n, 0n]);
  assert.equal(inst.top, 10n);
  const noTop = ok(parseDimacs('p wcnf 2 1\n7 1 2 0\n'));
  assert.deepEqual([noTop.hard[0], exactWeight(noTop, 0)], [0, 7n]);
});

test('2022 WCNF: h marks hard clauses, weights up to 2^64 - 1 stay exact', () => {
  const big = 2n ** 64n - 1n;
  const inst = ok(parseDimacs(`c x\nh 1 -2 0\n${big} 2 0\n9007199254740993 -1 0\n0 0\nh 0\n`));
  assert.equal(inst.format, 'wcnf');
  assert.deepEqual(Array.from(inst.hard), [1, 0, 0, 0, 1]);
  assert.deepEqual([1, 2, 3].map((c) => exactWeight(inst, c)), [big, 9007199254740993n, 0n]);
  assert.equal(inst.stats.emptyHardClauses, 1);
  assert.equal(inst.stats.emptySoftClauses, 1);
  failsWith(`h 1 0\n${big + 1n} 2 0\n`, 'INT_OVERFLOW', 2, 1);
});

test('rejects malformed numbers and markers with their positions', () => {
  failsWith('h 1 0\n1.5 1 0\n', 'BAD_WEIGHT', 2, 1);
  failsWith('h 1 0\n2 - 1 0\n', 'UNEXPECTED_CHAR', 2, 3);
  failsWith('p cnf 3 1\n1 --2 0\n', 'UNEXPECTED_CHAR', 2, 4);
  failsWith('p cnf 3 1\n1 2-3 0\n', 'UNEXPECTED_CHAR', 2, 4);
  failsWith('h1 0\n', 'UNEXPECTED_CHAR', 1, 2);
  failsWith('p wcnf 2 1 5\nh 1 0\n', 'MIXED_FORMAT', 2, 1);
  failsWith('h 1 0\np cnf 1 1\n', 'MIXED_FORMAT', 2, 1);
  failsWith('p cnf 1 1\n1 0\n', 'MIXED_FORMAT', 1, 1, { format: 'wcnf' });
  failsWith('p wcnf 2\n', 'BAD_HEADER', 1, 9);
  failsWith('p cnf 2 1 7\n', 'BAD_HEADER', 1, 11);
  failsWith('p sat 2 1\n', 'BAD_HEADER', 1, 3);
  failsWith('p cnf 3000000000 1\n', 'INT_OVERFLOW', 1, 7);
  failsWith('', 'EMPTY_INPUT', 0, 0);
  failsWith('p cnf 2 1\n1 0\n', 'LIMIT_EXCEEDED', 0, 0, { limits: { maxBytes: 5 } });
  failsWith('p cnf 9 3\n1 2 3 4 0\n5 6 7 8 0\n', 'LIMIT_EXCEEDED', 3, 5, { limits: { maxLiterals: 6 } });
  failsWith('h 1 0\n1 2 0\n1 3 0\n', 'LIMIT_EXCEEDED', 3, 1, { limits: { maxClauses: 2 } });
});

test('an empty file is the empty 2022 WCNF instance when that format is known', () => {
  for (const options of [{ format: 'wcnf' as const }, { fileName: 'empty.wcnf' }]) {
    const inst = ok(parseDimacs('', options));
    assert.deepEqual([inst.numVars, inst.numClauses, inst.format], [0, 0, 'wcnf']);
  }
});

test('format detection: explicit format, then the p line, then h, then the file name', () => {
  assert.equal(ok(parseDimacs('1 2 0\n', { format: 'wcnf' })).format, 'wcnf');
  assert.equal(ok(parseDimacs('1 2 0\n', { format: 'cnf', mode: 'relaxed' })).format, 'cnf');
  assert.equal(ok(parseDimacs('c\np cnf 2 1\n1 2 0\n', { fileName: 'x.wcnf' })).format, 'cnf');
  assert.equal(ok(parseDimacs('5 1 0\nh 2 0\n')).format, 'wcnf');
  assert.deepEqual(clauses(ok(parseDimacs('5 1 0\n', { fileName: 'a.wcnf.gz' }))), [[1]]);
  failsWith('1 2 0\n', 'NO_HEADER', 1, 1, { fileName: 'a.cnf' });
});

const ROUND_TRIP_DOC = [
  '\ufeffc a comment\n',
  'p wcnf 7 5 18446744073709551615\n',
  '18446744073709551615 1 -2 0\n',
  '9007199254740993 -3\t4 0 5 0\n',
  'c more\r\n',
  '12 6 -7 6 0 1 -1 0\n',
].join('');

test('gives the same instance whatever the chunk boundaries', () => {
  const bytes = Buffer.from(ROUND_TRIP_DOC, 'utf8');
  const whole = ok(parseDimacs(bytes));
  assert.equal(whole.numClauses, 5);
  for (let cut = 1; cut < bytes.length; cut++) {
    const parser = new DimacsParser();
    parser.push(bytes.subarray(0, cut));
    parser.push(bytes.subarray(cut));
    assert.deepEqual(ok(parser.finish()), whole, `cut at ${cut}`);
  }
  const bytewise = new DimacsParser();
  for (const b of bytes) bytewise.push(Uint8Array.of(b));
  assert.deepEqual(ok(bytewise.finish()), whole);
});

test('reads gzip input, in memory and as a stream, and reports damaged gzip', async () => {
  const text = 'p cnf 3 2\n1 -2 0\n2 3 0\n';
  const plain = ok(parseDimacs(text));
  const gz = gzipSync(text);
  assert.deepEqual(ok(parseDimacs(gz)), plain);
  const chunks = Array.from({ length: gz.length }, (_, i) => gz.subarray(i, i + 1));
  assert.deepEqual(ok(await parseDimacsStream(Readable.from(chunks))), plain);
  const damaged = Buffer.from(gz);
  damaged[damaged.length - 6] ^= 0xff;
  const bad = parseDimacs(damaged);
  assert.equal(!bad.ok && bad.issues[0].code, 'BAD_GZIP');
  const badStream = await parseDimacsStream(Readable.from([damaged]));
  assert.equal(!badStream.ok && badStream.issues[0].code, 'BAD_GZIP');
});

test('a gzip bomb stops at the byte limit', async () => {
  const bomb = gzipSync(Buffer.alloc(4 << 20, 0x20));
  const limits = { maxBytes: 1 << 16 };
  const inMemory = parseDimacs(bomb, { limits });
  assert.equal(!inMemory.ok && inMemory.issues[0].code, 'LIMIT_EXCEEDED');
  const streamed = await parseDimacsStream(Readable.from([bomb]), { limits });
  assert.equal(!streamed.ok && streamed.issues[0].code, 'LIMIT_EXCEEDED');
});

test('the start of a byte order mark at a chunk boundary is content when the mark does not follow', () => {
  for (const text of [Uint8Array.of(0xef, 0x00), Uint8Array.of(0xef, 0xbb, 0x31), Uint8Array.of(0xef)]) {
    const whole = parseDimacs(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new DimacsParser();
      parser.push(text.subarray(0, cut));
      parser.push(text.subarray(cut));
      assert.deepEqual(parser.finish(), whole, `cut at ${cut} of ${text.join(',')}`);
    }
    assert.deepEqual(!whole.ok && [whole.issues[0].code, whole.issues[0].column], ['UNEXPECTED_CHAR', 1]);
  }
});
