// The recent-problems cache: one parse serves later requests; least recent first out; too big, never kept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadedProblem } from '../src/problems/load-problem.js';
import { LoadedProblems } from '../src/service/loaded-problems.js';

function loader(log: string[], id: string): () => LoadedProblem {
  return () => {
    log.push(id);
    return { inst: id } as unknown as LoadedProblem;
  };
}

test('a problem is parsed once while it stays within the byte budget, least recently used going first', () => {
  const cache = new LoadedProblems(100);
  const parsed: string[] = [];
  const get = (id: string, bytes: number) => cache.get(id, bytes, loader(parsed, id));
  assert.equal((get('a', 40) as unknown as { inst: string }).inst, 'a');
  get('a', 40);
  get('b', 40);
  get('a', 40); // a is now the most recent
  get('c', 40); // over 100: b goes
  get('a', 40);
  get('b', 40);
  assert.deepEqual(parsed, ['a', 'b', 'c', 'b']);
  get('huge', 101);
  get('huge', 101);
  assert.deepEqual(parsed.slice(4), ['huge', 'huge'], 'a problem above the budget is parsed every time, not held');
  cache.drop('b');
  get('b', 40);
  assert.equal(parsed[parsed.length - 1], 'b', 'a dropped problem is parsed again');
  assert.ok(cache.size <= 2);
});
