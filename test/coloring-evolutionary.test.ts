import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/common/rng.js';
import { conflicts } from '../src/problems/coloring/graph.js';
import { EvolutionaryAttempt } from '../src/solvers/coloring/evolutionary.js';
import { gpx } from '../src/solvers/coloring/gpx.js';
import { readColFile } from './support/col-reader.js';
import { graphOf } from './support/coloring-graphs.js';

const randomColouring = (rng: Rng, n: number, k: number) => Int32Array.from({ length: n }, () => rng.below(k));

/** The partition a colouring makes: its classes as sorted vertex lists, sorted. */
function partition(colours: Int32Array): string[] {
  const classes = new Map<number, number[]>();
  colours.forEach((c, v) => classes.set(c, [...(classes.get(c) ?? []), v]));
  return [...classes.values()].map((vs) => vs.join(',')).sort();
}

test('GPX keeps classes whole: child colour l is what is left of one class of parent a (l even) or b (l odd); parents alike give their partition back', () => {
  const rng = new Rng(5);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + rng.below(40);
    const k = 1 + rng.below(6);
    const a = randomColouring(rng, n, k);
    const b = randomColouring(rng, n, k);
    // a `below` answering k marks the vertices left for the random fill
    const child = gpx(a, b, k, (m) => m);
    const takenBefore = new Set<number>();
    for (let l = 0; l < k; l++) {
      const members = [...child.keys()].filter((v) => child[v] === l);
      if (members.length === 0) continue;
      const parent = l % 2 === 0 ? a : b;
      const parentClass = parent[members[0]];
      const rest = [...parent.keys()].filter((v) => parent[v] === parentClass && !takenBefore.has(v));
      assert.deepEqual(members, rest, `trial ${trial}, colour ${l}`);
      members.forEach((v) => takenBefore.add(v));
    }
    assert.equal(takenBefore.size + child.filter((c) => c === k).length, n);
    assert.deepEqual(partition(gpx(a, a, k, (m) => rng.below(m))), partition(a));
  }
});

test('GPX takes the largest remaining class of each parent in turn', () => {
  // a: classes {0,1,2} {3} {4};  b: classes {0,3} {1,4} {2}
  const a = Int32Array.from([0, 0, 0, 1, 2]);
  const b = Int32Array.from([0, 1, 2, 0, 1]);
  const child = gpx(a, b, 3, () => 0);
  // colour 0 ← a's {0,1,2}; colour 1 ← b's largest remaining: {3} or {4} (one left each; the first, class 0: {3}); colour 2 ← a's {4}
  assert.deepEqual([...child], [0, 0, 0, 1, 2]);
});

test('the evolutionary attempt 5-colours queen5_5 from a random start, its best counted exactly', () => {
  const graph = readColFile('queen5_5.col');
  const rng = new Rng(2);
  const attempt = new EvolutionaryAttempt(graph, 5, randomColouring(rng, graph.numVertices, 5), 9, { tabuMoves: 500, population: 4 });
  for (let i = 0; i < 20_000 && !attempt.solved; i++) {
    attempt.step();
    assert.equal(conflicts(graph, attempt.bestColoring()), attempt.bestConflicts);
  }
  assert.ok(attempt.solved);
  assert.equal(conflicts(graph, attempt.bestColoring()), 0);
});

test('below the chromatic number it keeps its fewest conflicts and never claims a proper colouring', () => {
  const triangle = graphOf(3, [
    [0, 1],
    [1, 2],
    [0, 2],
  ]);
  const attempt = new EvolutionaryAttempt(triangle, 2, Int32Array.from([0, 0, 0]), 1, { tabuMoves: 20, population: 3 });
  for (let i = 0; i < 500; i++) attempt.step();
  assert.equal(attempt.bestConflicts, 1);
  assert.equal(conflicts(triangle, attempt.bestColoring()), 1);
  assert.ok(!attempt.solved);
});
