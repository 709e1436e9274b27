import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AppError } from '../src/common/app-error.js';
import { headText } from '../src/problems/head-text.js';
import { parseProblem, type LoadOptions } from '../src/problems/load-problem.js';
import { ALL_FORMATS, detectFamily, FAMILY_NAMES, type DetectHints } from '../src/problems/registry.js';
import { instancesDir } from './support/paths.js';

const file = (path: string): Buffer => readFileSync(join(instancesDir, path));

function detected(head: string, hints: DetectHints = {}): [string, string] {
  const d = detectFamily(head, hints);
  return [d.family.name, d.format];
}

test('the registry lists every family once, MAX-SAT first, and every format once', () => {
  assert.deepEqual(FAMILY_NAMES, ['maxsat', 'maxcut', 'qubo', 'coloring']);
  assert.deepEqual(ALL_FORMATS, ['cnf', 'wcnf-old', 'wcnf', 'rudy', 'orlib', 'biqmac', 'qubo-json', 'col']);
});

test('DIMACS stays MAX-SAT: a p line, an h clause, a headerless clause, a .cnf name', () => {
  assert.deepEqual(detected('c hi\np cnf 3 2\n1 -2 0\n'), ['maxsat', 'auto']);
  assert.deepEqual(detected('h 1 2 0\n'), ['maxsat', 'auto']);
  assert.deepEqual(detected('5 1 -2 0\n'), ['maxsat', 'auto']);
  assert.deepEqual(detected('3 2\n', { fileName: 'x.cnf' }), ['maxsat', 'auto']);
  assert.deepEqual(detected(headText(file('satlib/uf20-91/uf20-01.cnf'))), ['maxsat', 'auto']);
});

test('a DIMACS colouring header is colouring, not MAX-SAT: p edge, p col, a .col name; a misspelt p line stays MAX-SAT', () => {
  assert.deepEqual(detected('c graph\np edge 3 2\ne 1 2\ne 2 3\n'), ['coloring', 'col']);
  assert.deepEqual(detected('p col 3 0\n'), ['coloring', 'col']);
  assert.deepEqual(detected('e 1 2\n', { fileName: 'g.col' }), ['coloring', 'col']);
  assert.deepEqual(detected('p edge 3 2\n', { family: 'coloring' }), ['coloring', 'col']);
  assert.deepEqual(detected('p edgy 3 2\n'), ['maxsat', 'auto']);
  assert.deepEqual(detected('p cnf 3 2\n1 0\n', { fileName: 'x.cnf' }), ['maxsat', 'auto']);
});

test('an `n m` first line is rudy, unless the name ends in .sparse (Biq Mac) or the user names QUBO', () => {
  assert.deepEqual(detected('c a graph\n# too\n3 2\n1 2 1\n'), ['maxcut', 'rudy']);
  assert.deepEqual(detected('3 2\n1 2 1\n', { fileName: 'g.rud' }), ['maxcut', 'rudy']);
  assert.deepEqual(detected('3 2\n1 2 1\n', { fileName: 'g.sparse' }), ['qubo', 'biqmac']);
  assert.deepEqual(detected('3 2\n1 2 1\n', { fileName: 'dir/G.SPARSE.gz' }), ['qubo', 'biqmac']);
  assert.deepEqual(detected('3 2\n1 2 1\n', { family: 'qubo' }), ['qubo', 'biqmac']);
  assert.deepEqual(detected('3 2\n1 2 1\n', { family: 'maxcut', fileName: 'g.sparse' }), ['maxcut', 'rudy']);
  assert.deepEqual(detected(headText(file('gset/G11.txt')), { fileName: 'G11.txt' }), ['maxcut', 'rudy']);
  assert.deepEqual(detected(headText(file('qubo/gka/gka1a.sparse')), { fileName: 'gka1a.sparse' }), ['qubo', 'biqmac']);
});

test('one number then an `n m` line is OR-Library; a lone number is OR-Library only when QUBO is named', () => {
  assert.deepEqual(detected(' 10\n 50 111\n 1 4 39\n'), ['qubo', 'orlib']);
  assert.deepEqual(detected(headText(file('qubo/orlib/bqp250.txt'))), ['qubo', 'orlib']);
  assert.deepEqual(detected('10\n'), ['maxsat', 'auto']);
  assert.deepEqual(detected('10\n', { family: 'qubo' }), ['qubo', 'orlib']);
  assert.deepEqual(detected('10\n1 2 3\n'), ['maxsat', 'auto']);
});

test('text starting with `{` is the JSON QUBO form, a byte-order mark and blank lines before it included', () => {
  assert.deepEqual(detected('{"n": 2, "terms": []}'), ['qubo', 'qubo-json']);
  assert.deepEqual(detected('\uFEFF\n  {\n'), ['qubo', 'qubo-json']);
});

test('a named format decides the family; a family and a format that disagree are refused', () => {
  assert.deepEqual(detected('3 2\n', { format: 'orlib' }), ['qubo', 'orlib']);
  assert.deepEqual(detected('p cnf 1 1\n', { format: 'rudy' }), ['maxcut', 'rudy']);
  assert.throws(() => detectFamily('3 2\n', { family: 'maxcut', format: 'biqmac' }), (err: unknown) => err instanceof AppError && err.code === 'FAMILY_MISMATCH');
  assert.throws(() => detectFamily('3 2\n', { format: 'sparse' }), (err: unknown) => err instanceof AppError && err.code === 'UNKNOWN_FORMAT');
});

const endToEnd: ReadonlyArray<readonly [string, string, LoadOptions, string, string, string, number, number]> = [
  ['a DIMACS CNF', 'satlib/uf20-91/uf20-01.cnf', {}, 'maxsat', 'cnf', 'min', 20, 91],
  ['Gset G1', 'gset/G1.txt', { fileName: 'G1.txt.gz' }, 'maxcut', 'rudy', 'max', 800, 19176],
  ['Gset G11 (CRLF)', 'gset/G11.txt', {}, 'maxcut', 'rudy', 'max', 800, 1600],
  ['bqp50 instance 2', 'qubo/orlib/bqp50.txt', { select: 2 }, 'qubo', 'orlib', 'max', 50, 123],
  ['gka1a by its name', 'qubo/gka/gka1a.sparse', { fileName: 'gka1a.sparse.gz' }, 'qubo', 'biqmac', 'min', 50, 156],
  ['gka1a by its family', 'qubo/gka/gka1a.sparse', { family: 'qubo' }, 'qubo', 'biqmac', 'min', 50, 156],
];

for (const [name, path, options, family, format, sense, variables, terms] of endToEnd) {
  test(`parseProblem reads gzipped ${name} as ${family}/${format}`, () => {
    const result = parseProblem(gzipSync(file(path)), options);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    const { value } = result;
    const d = value.family.describe(value.inst);
    assert.deepEqual([value.family.name, value.format, value.sense, d.variables, d.terms], [family, format, sense, variables, terms]);
  });
}

test('parseProblem reads a gzipped JSON QUBO, and reports a multi-instance file without select', () => {
  const json = parseProblem(gzipSync('{"n": 2, "sense": "max", "terms": [[0, 1, 3]]}'));
  assert.ok(json.ok);
  assert.deepEqual([json.value.family.name, json.value.format, json.value.sense], ['qubo', 'qubo-json', 'max']);
  const missing = parseProblem(gzipSync(file('qubo/orlib/bqp50.txt')));
  assert.ok(!missing.ok);
  assert.deepEqual([missing.issues[0].code, missing.issues[0].line], ['INSTANCE_INDEX', 1]);
});
