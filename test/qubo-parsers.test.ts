import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseIssueCode, ParseResult } from '../src/common/parse-result.js';
import { parseBiqMac } from '../src/problems/qubo/biqmac-parser.js';
import type { QuboInstance } from '../src/problems/qubo/instance.js';
import { MAX_DIGITS, parseQuboJson } from '../src/problems/qubo/json-parser.js';
import { parseOrLib } from '../src/problems/qubo/orlib-parser.js';
import { summarizeQubo } from '../src/problems/qubo/summary.js';
import type { QuboParseOptions } from '../src/problems/qubo/triplet-options.js';
import { instancesDir } from './support/paths.js';

type Parser = (bytes: Uint8Array, options?: QuboParseOptions) => ParseResult<QuboInstance>;
type Case = readonly [name: string, text: string | Uint8Array, options: QuboParseOptions, code: ParseIssueCode, line: number, column: number];

const quboDir = join(instancesDir, 'qubo');

function bytesOf(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
}

function expectIssue(parse: Parser, [name, text, options, code, line, column]: Case): void {
  const result = parse(bytesOf(text), options);
  assert.ok(!result.ok, `${name}: parsed`);
  const first = result.issues[0];
  assert.deepEqual([first.code, first.line, first.column], [code, line, column], `${name}: ${first.message}`);
  assert.equal(first.severity, 'error');
}

function parsedOk(parse: Parser, text: string | Uint8Array, options: QuboParseOptions = {}): QuboInstance {
  const result = parse(bytesOf(text), options);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

interface KnownQubo {
  readonly file: string;
  readonly instance: string;
  readonly index: number;
  readonly n: number;
  readonly entries: number;
  readonly densityPct: number;
  readonly sense: string;
}

function bestKnown(): KnownQubo[] {
  const [header, ...rows] = readFileSync(join(quboDir, 'best-known.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const col = (name: string) => header.split(',').indexOf(name);
  return rows.map((row) => {
    const c = row.split(',');
    return {
      file: c[col('file')],
      instance: c[col('instance')],
      index: Number(c[col('index_in_file')]),
      n: Number(c[col('n')]),
      entries: Number(c[col('entries')]),
      densityPct: Number(c[col('density_pct')]),
      sense: c[col('sense')],
    };
  });
}

const TWO = ' 2\n 2 1\n 1 2 3\n 2 1\n 1 1 5\n';

const orlibCases: Case[] = [
  ['empty input', '', {}, 'EMPTY_INPUT', 0, 0],
  ['only comments', 'c nothing\n', {}, 'NO_HEADER', 0, 0],
  ['two numbers on the count line', '2 1\n1 2 3\n', {}, 'BAD_HEADER', 1, 3],
  ['an instance count of 0', '0\n', {}, 'BAD_HEADER', 1, 1],
  ['no select while the file holds two instances', TWO, {}, 'INSTANCE_INDEX', 1, 2],
  ['select past the instance count', TWO, { select: 3 }, 'INSTANCE_INDEX', 1, 2],
  ['select 0', TWO, { select: 0 }, 'INSTANCE_INDEX', 1, 2],
  ['fewer instances than counted', '3\n2 1\n1 2 3\n2 1\n1 1 5\n', { select: 1 }, 'INSTANCE_COUNT_MISMATCH', 1, 1],
  ['more instances than counted', '1\n2 1\n1 2 3\n2 1\n1 1 5\n', {}, 'INSTANCE_COUNT_MISMATCH', 4, 1],
  ['too few terms in an instance not selected', '2\n2 2\n1 2 3\n2 1\n1 1 5\n', { select: 2 }, 'TERM_COUNT_MISMATCH', 2, 3],
  ['too many terms in the selected instance', '1\n2 1\n1 2 3\n1 1 4\n', {}, 'TERM_COUNT_MISMATCH', 4, 1],
  ['four numbers on a term line', '1\n2 1\n1 2 3 4\n', {}, 'BAD_TERM', 3, 7],
  ['a variable above n', '1\n2 1\n1 3 4\n', {}, 'BAD_TERM', 3, 3],
  ['a variable 0', '1\n2 1\n0 1 4\n', {}, 'BAD_TERM', 3, 1],
  ['an entry below the diagonal (strict)', '1\n2 1\n2 1 4\n', {}, 'BAD_TERM', 3, 1],
  ['a coefficient beyond 2^64-1', '1\n2 1\n1 2 18446744073709551616\n', {}, 'INT_OVERFLOW', 3, 5],
  ['a letter in a term', '1\n2 1\n1 2 x\n', {}, 'UNEXPECTED_CHAR', 3, 5],
  ['the selected instance above the variable limit', '2\n3 1\n1 2 3\n9 1\n1 2 3\n', { select: 2, limits: { maxVariables: 5 } }, 'LIMIT_EXCEEDED', 4, 1],
  ['the selected instance above the term limit', '1\n3 2\n1 2 3\n1 1 1\n', { limits: { maxClauses: 1 } }, 'LIMIT_EXCEEDED', 2, 3],
  ['the default variable limit (2^22)', `1\n${2 ** 22 + 1} 0\n`, {}, 'LIMIT_EXCEEDED', 2, 1],
];

for (const c of orlibCases) test(`orlib: ${c[0]} is ${c[3]} at ${c[4]}:${c[5]}`, () => expectIssue(parseOrLib, c));

const biqmacCases: Case[] = [
  ['empty input', ' \n', {}, 'EMPTY_INPUT', 0, 0],
  ['only comments', '# x\n', {}, 'NO_HEADER', 0, 0],
  ['one number in the header', '3\n', {}, 'BAD_HEADER', 1, 2],
  ['a two-number term line', '3 2\n1 2 3\n2 3\n', {}, 'BAD_TERM', 3, 4],
  ['too few terms', '3 2\n1 2 3\n', {}, 'TERM_COUNT_MISMATCH', 1, 3],
  ['too many terms', '3 1\n1 2 3\n2 3 1\n', {}, 'TERM_COUNT_MISMATCH', 3, 1],
  ['an entry below the diagonal (strict)', '3 1\n3 1 4\n', {}, 'BAD_TERM', 2, 1],
  ['select 2 of a one-instance file', '3 1\n1 2 3\n', { select: 2 }, 'INSTANCE_INDEX', 0, 0],
  ['more variables than the limit', '3 1\n1 2 3\n', { limits: { maxVariables: 2 } }, 'LIMIT_EXCEEDED', 1, 1],
  ['more terms than the limit', '3 1\n1 2 3\n', { limits: { maxClauses: 0 } }, 'LIMIT_EXCEEDED', 1, 3],
  ['the default term limit (2^24)', `3 ${2 ** 24 + 1}\n1 2 3\n`, {}, 'LIMIT_EXCEEDED', 1, 3],
];

for (const c of biqmacCases) test(`biqmac: ${c[0]} is ${c[3]} at ${c[4]}:${c[5]}`, () => expectIssue(parseBiqMac, c));

const term = (t: string) => `{"n": 3,\n "terms": [[0, 0, 1],\n   ${t}]}`;
const jsonCases: Case[] = [
  ['empty input', '\n', {}, 'EMPTY_INPUT', 0, 0],
  ['invalid UTF-8', Uint8Array.from([0x7b, 0xff, 0x7d]), {}, 'BAD_JSON', 1, 1],
  ['a missing comma (V8 gives the position)', '{"n": 2,\n "terms": [[0, 1, 2] [1, 1, 1]]}', {}, 'BAD_JSON', 2, 22],
  ['a trailing comma', '{"n": 2,\n "terms": [],\n}', {}, 'BAD_JSON', 3, 1],
  ['an unexpected token (V8 gives no position: our scan finds it)', '{"n": }', {}, 'BAD_JSON', 1, 7],
  ['a trailing comma in an array', '{"n": 2,\n "terms": [[0, 1, 3],]}', {}, 'BAD_JSON', 2, 22],
  ['a bad escape in a string', '{"name": "a\\q"}', {}, 'BAD_JSON', 1, 13],
  ['a top-level list', '[1, 2]', {}, 'BAD_HEADER', 1, 1],
  ['a missing n', '{"terms": []}', {}, 'BAD_HEADER', 1, 1],
  ['a negative n', '{"terms": [], "n": -1}', {}, 'BAD_HEADER', 1, 20],
  ['n beyond 2^31-1', '{"n": 2147483648, "terms": []}', {}, 'INT_OVERFLOW', 1, 7],
  ['the last of two n fields is bad', '{"n": 2, "n": 2.5, "terms": []}', {}, 'BAD_HEADER', 1, 15],
  ['an unknown sense', '{"n": 1, "sense": "maximize", "terms": []}', {}, 'BAD_HEADER', 1, 19],
  ['a fractional offset', '{"n": 1, "offset": "1.5", "terms": []}', {}, 'BAD_HEADER', 1, 20],
  ['terms that are not a list', '{"n": 1, "terms": {}}', {}, 'BAD_HEADER', 1, 19],
  ['a missing terms field', '{"n": 1}', {}, 'BAD_HEADER', 1, 1],
  ['an unknown field (strict)', '{"n": 1, "terms": [], "sens": "max"}', {}, 'BAD_HEADER', 1, 31],
  ['a term of two values', term('[1, 2]'), {}, 'BAD_TERM', 3, 4],
  ['a term index out of range', term('[1, 3, 5]'), {}, 'BAD_TERM', 3, 4],
  ['a fractional index', term('[0.5, 1, 5]'), {}, 'BAD_TERM', 3, 4],
  ['a fractional coefficient', term('[0, 1, 1.5]'), {}, 'BAD_TERM', 3, 4],
  ['a coefficient number beyond 2^53-1', term('[0, 1, 9007199254740992]'), {}, 'BAD_TERM', 3, 4],
  ['a coefficient string with a letter', term('[0, 1, "12a"]'), {}, 'BAD_TERM', 3, 4],
  [`a coefficient string of ${MAX_DIGITS + 1} digits`, term(`[0, 1, "${'9'.repeat(MAX_DIGITS + 1)}"]`), {}, 'BAD_TERM', 3, 4],
  ['a bad term after a byte-order mark', '\uFEFF{"n": 2, "terms": [[0, 5, 1]]}', {}, 'BAD_TERM', 1, 23],
  ['a bad term after a two-byte character', '{"name": "é", "n": 2, "terms": [[0, 5, 1]]}', {}, 'BAD_TERM', 1, 34],
  ['more variables than the limit', '{"n": 5, "terms": [[0, 1, 1]]}', { limits: { maxVariables: 4 } }, 'LIMIT_EXCEEDED', 1, 7],
  ['more terms than the limit', '{"n": 5,\n"terms": [[0, 1, 1], [1, 2, 1]]}', { limits: { maxClauses: 1 } }, 'LIMIT_EXCEEDED', 2, 10],
  ['select 2 of a one-instance document', '{"n": 1, "terms": []}', { select: 2 }, 'INSTANCE_INDEX', 0, 0],
];

for (const c of jsonCases) test(`qubo-json: ${c[0]} is ${c[3]} at ${c[4]}:${c[5]}`, () => expectIssue(parseQuboJson, c));

test('orlib and biqmac: an entry below the diagonal is folded with a warning in relaxed mode', () => {
  const orlib = parseOrLib(Buffer.from('1\n2 1\n2 1 4\n'), { mode: 'relaxed' });
  const biqmac = parseBiqMac(Buffer.from('2 1\n2 1 4\n'), { mode: 'relaxed' });
  for (const result of [orlib, biqmac]) {
    assert.ok(result.ok);
    assert.deepEqual(result.warnings.map((w) => [w.code, w.severity]), [['BAD_TERM', 'warning']]);
    assert.deepEqual([Array.from(result.value.model.pairI), Array.from(result.value.model.pairJ)], [[0], [1]]);
  }
  assert.ok(orlib.ok && biqmac.ok);
  // doubled as an off-diagonal entry; the maximised OR-Library file is negated for the engine
  assert.deepEqual([orlib.value.model.pairExact, biqmac.value.model.pairExact], [[-8n], [8n]]);
});

test('qubo-json: an unknown field is a warning in relaxed mode', () => {
  const result = parseQuboJson(Buffer.from('{"n": 1, "terms": [], "comment": "x"}'), { mode: 'relaxed' });
  assert.ok(result.ok);
  assert.deepEqual(result.warnings.map((w) => [w.code, w.line, w.column]), [['BAD_HEADER', 1, 34]]);
});

test('qubo-json: bad terms are all reported (at most 20), each at its own line and column', () => {
  const terms = Array.from({ length: 30 }, (_, t) => `[${t}, 0, 1]`).join(',\n');
  const result = parseQuboJson(Buffer.from(`{"n": 5, "terms": [\n${terms}]}`));
  assert.ok(!result.ok);
  assert.equal(result.issues.length, 20);
  assert.deepEqual(result.issues.slice(0, 2).map((i) => [i.code, i.line, i.column]), [['BAD_TERM', 7, 1], ['BAD_TERM', 8, 1]]);
  assert.match(result.issues[0].message, /^term 5: i = 5 is outside 0\.\.4/);
});

test('qubo-json: a hundred thousand unknown fields are reported at once, the first 20 of them', () => {
  const fields = Array.from({ length: 100_000 }, (_, k) => `"f${k}": 0`).join(',');
  const started = performance.now();
  const result = parseQuboJson(Buffer.from(`{"n": 1, "terms": [], ${fields}}`));
  assert.ok(!result.ok);
  assert.equal(result.issues.length, 20);
  assert.ok(result.issues.every((i) => i.code === 'BAD_HEADER' && i.line === 1));
  assert.ok(performance.now() - started < 5000);
});

test('qubo-json: a megabyte-long coefficient string is refused at once', () => {
  const started = performance.now();
  const result = parseQuboJson(Buffer.from(`{"n": 2, "terms": [[0, 1, "${'7'.repeat(1 << 20)}"]]}`));
  assert.ok(!result.ok);
  assert.equal(result.issues[0].code, 'BAD_TERM');
  assert.ok(result.issues[0].message.length < 200);
  assert.ok(performance.now() - started < 2000);
});

test('qubo-json: objective = offset + Σ q·x_i·x_j without doubling, strings beyond 2^53 exact, duplicates summed', () => {
  const inst = parsedOk(parseQuboJson, '{"n": 3, "sense": "max", "offset": "-7", "name": "t", "terms": [[0, 0, 2], [0, 1, -3], [1, 0, "4"], [2, 2, "99999999999999999999"]]}');
  assert.deepEqual([inst.sense, inst.format, inst.name, inst.model.n], ['max', 'qubo-json', 't', 3]);
  // the engine minimises −objective
  assert.equal(inst.model.offset, 7n);
  assert.deepEqual(inst.model.linearExact, [-2n, 0n, -99999999999999999999n]);
  assert.deepEqual([Array.from(inst.model.pairI), Array.from(inst.model.pairJ), inst.model.pairExact], [[0], [1], [-1n]]);
  assert.deepEqual(summarizeQubo(inst), {
    n: 3,
    nonzeros: 3,
    density: 4 / 9,
    sense: 'max',
    offset: '-7',
    coefficientMin: '1',
    coefficientMax: '99999999999999999999',
    name: 't',
  });
  const longest = `-${'9'.repeat(MAX_DIGITS)}`;
  assert.deepEqual(parsedOk(parseQuboJson, `{"n": 1, "terms": [[0, 0, "${longest}"]]}`).model.linearExact, [BigInt(longest)]);
  const defaults = parsedOk(parseQuboJson, '{"n": 2, "terms": [[0, 1, -4]]}');
  assert.deepEqual([defaults.sense, defaults.model.offset, defaults.model.pairExact], ['min', 0n, [-4n]]);
});

test('biqmac: coefficients beyond 2^53 stay exact (doubled off the diagonal)', () => {
  const big = 2n ** 63n + 5n;
  const inst = parsedOk(parseBiqMac, `3 2\n1 2 ${big}\n3 3 -${big}\n`);
  assert.deepEqual(inst.model.pairExact, [2n * big]);
  assert.deepEqual(inst.model.linearExact, [0n, 0n, -big]);
  assert.equal(inst.model.floatExact, false);
});

/** The CSV's density_pct is rliang's figure, rounded in ways that differ by a last digit: agree to 0.01 points. */
function assertDensity(density: number, pct: number, label: string): void {
  assert.ok(Math.abs(density * 100 - pct) <= 0.01 + 1e-9, `${label}: density ${density * 100}% vs ${pct}%`);
}

test('bqp50/100/250: every instance selects to its n and entry count, density as the CSV quotes it', () => {
  const known = bestKnown().filter((k) => k.file.startsWith('orlib/'));
  assert.equal(known.length, 30);
  const files = new Map<string, Buffer>();
  for (const k of known) {
    const bytes = files.get(k.file) ?? readFileSync(join(quboDir, k.file));
    files.set(k.file, bytes);
    const inst = parsedOk(parseOrLib, bytes, { select: k.index });
    const s = summarizeQubo(inst);
    assert.deepEqual([inst.sense, s.n, s.nonzeros, s.instance, s.instances], ['max', k.n, k.entries, k.index, 10], k.instance);
    assertDensity(s.density, k.densityPct, k.instance);
  }
  assert.deepEqual([...files.keys()].sort(), ['orlib/bqp100.txt', 'orlib/bqp250.txt', 'orlib/bqp50.txt']);
});

test('bqp50.txt without select, or with select 11, is INSTANCE_INDEX and says how to choose', () => {
  const bytes = readFileSync(join(quboDir, 'orlib/bqp50.txt'));
  for (const select of [undefined, 11]) {
    const result = parseOrLib(bytes, { select });
    assert.ok(!result.ok);
    assert.deepEqual([result.issues[0].code, result.issues[0].line, result.issues[0].column], ['INSTANCE_INDEX', 1, 2]);
    assert.match(result.issues[0].message, /1\.\.10/);
  }
  const missing = parseOrLib(bytes, {});
  assert.ok(!missing.ok);
  assert.match(missing.issues[0].message, /`select`.*file#k/);
});

test('every gka file parses as Biq Mac to its n and entry count, minimised', () => {
  const known = bestKnown().filter((k) => k.file.startsWith('gka/'));
  assert.equal(known.length, 42);
  for (const k of known) {
    const inst = parsedOk(parseBiqMac, readFileSync(join(quboDir, k.file)));
    const s = summarizeQubo(inst);
    assert.deepEqual([inst.sense, s.n, s.nonzeros], ['min', k.n, k.entries], k.instance);
    assertDensity(s.density, k.densityPct, k.instance);
  }
  assert.equal(parsedOk(parseBiqMac, readFileSync(join(quboDir, 'gka/gka1a.sparse'))).model.n, 50);
});
