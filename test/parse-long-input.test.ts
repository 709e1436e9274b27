import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParseIssueCode, ParseResult } from '../src/common/parse-result.js';
import { parseRudy } from '../src/problems/maxcut/rudy-parser.js';
import { parseAssignment } from '../src/problems/maxsat/assignment.js';
import { DimacsParser } from '../src/problems/maxsat/dimacs-parser.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';

const MB = 1 << 20;
/** A message quoting at most a short excerpt of the input, whatever its size. */
const MAX_MESSAGE = 200;

function rejects(result: ParseResult<unknown>, code: ParseIssueCode, line: number, column: number): void {
  assert.equal(result.ok, false, `expected ${code}`);
  if (result.ok) return;
  const [issue] = result.issues;
  assert.deepEqual([issue.code, issue.line, issue.column], [code, line, column], issue.message);
  assert.ok(issue.message.length <= MAX_MESSAGE, `a ${issue.message.length}-character message`);
  assert.ok(issue.message.length > 10);
}

test('a 1 MB digit run as a literal fails with INT_OVERFLOW and a short message', () => {
  rejects(parseDimacs(`p cnf 3 1\n${'1'.repeat(MB)} 0\n`), 'INT_OVERFLOW', 2, 1);
  rejects(parseDimacs(`p cnf 3 1\n2 -${'7'.repeat(MB)} 0\n`), 'INT_OVERFLOW', 2, 3);
});

test('a 1 MB digit run as a weight fails with INT_OVERFLOW, a negative one with BAD_WEIGHT', () => {
  rejects(parseDimacs(`h 1 0\n${'9'.repeat(MB)} 1 0\n`), 'INT_OVERFLOW', 2, 1);
  rejects(parseDimacs(`p wcnf 2 1 5\n${'3'.repeat(MB)} 1 0\n`), 'INT_OVERFLOW', 2, 1);
  rejects(parseDimacs(`h 1 0\n-${'9'.repeat(MB)} 1 0\n`), 'BAD_WEIGHT', 2, 1);
});

test('weights up to 2^64 - 1 stay exact; one more is INT_OVERFLOW', () => {
  const max = 2n ** 64n - 1n;
  const result = parseDimacs(`h 1 0\n${max} 1 0\n000${max} -1 0\n`);
  assert.ok(result.ok);
  assert.deepEqual(Array.from(result.value.exactWeights ?? []), [0n, max, max]);
  rejects(parseDimacs(`h 1 0\n${max + 1n} 1 0\n`), 'INT_OVERFLOW', 2, 1);
});

test('leading zeros do not count towards a number\'s length', () => {
  const result = parseDimacs(`p cnf 3 1\n${'0'.repeat(MB)}3 -2 0\n`);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(Array.from(result.value.literals), [3, -2]);
});

test('the parser asks for no more input once a number is too long to be valid', () => {
  for (const prefix of ['p cnf 3 1\n', 'h 1 0\n']) {
    const parser = new DimacsParser();
    parser.push(Buffer.from(prefix));
    let read = 0;
    const digit = Uint8Array.of(0x35);
    while (read < MB && parser.push(digit)) read++;
    // 2^64 - 1 has 20 digits: the 21st cannot belong to a valid number of any kind.
    assert.ok(read <= 20, `${read} digits read before stopping`);
    const result = parser.finish();
    assert.equal(!result.ok && result.issues[0].code, 'INT_OVERFLOW');
  }
});

test('header numbers and words of any length are refused with short messages', () => {
  rejects(parseDimacs(`p cnf ${'4'.repeat(4000)} 1\n1 0\n`), 'INT_OVERFLOW', 1, 7);
  rejects(parseDimacs(`p cnf 3 ${'4'.repeat(4000)}\n1 0\n`), 'INT_OVERFLOW', 1, 9);
  rejects(parseDimacs(`p wcnf 3 1 ${'4'.repeat(4000)}\n1 0\n`), 'INT_OVERFLOW', 1, 12);
  rejects(parseDimacs(`p cnf 3 1x${'y'.repeat(4000)}\n1 0\n`), 'BAD_HEADER', 1, 9);
  rejects(parseDimacs(`p ${'q'.repeat(4000)} 3 1\n1 0\n`), 'BAD_HEADER', 1, 3);
  rejects(parseDimacs(`p cnf 3 ${'1'.repeat(MB)}\n1 0\n`), 'BAD_HEADER', 1, 1);
});

test('rudy: a 1 MB digit run fails with INT_OVERFLOW and a short message', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  rejects(parseRudy(bytes(`2 1\n1 2 ${'9'.repeat(MB)}\n`)), 'INT_OVERFLOW', 2, 5);
  rejects(parseRudy(bytes(`2 1\n1 ${'9'.repeat(MB)} 1\n`)), 'INT_OVERFLOW', 2, 3);
  rejects(parseRudy(bytes(`${'9'.repeat(MB)} 1\n1 2 1\n`)), 'INT_OVERFLOW', 1, 1);
});

test('an assignment with a huge token is refused with a short message', () => {
  const result = parseAssignment(`1 -2 x${'y'.repeat(MB)}`, 3);
  rejects(result, 'BAD_ASSIGNMENT', 1, 6);
  rejects(parseAssignment(`1 ${'9'.repeat(MB)}`, 3), 'BAD_ASSIGNMENT', 1, 3);
});
