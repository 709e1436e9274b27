import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gapOf, reachedOf } from '../src/bench/aggregate.js';
import { atLeastAsGood, better, gapTo, referenceOf } from '../src/bench/reference-gap.js';
import { solverStandings } from '../src/bench/solver-standing.js';
import { cellRecord } from './support/cell-record.js';

// Beyond 2^53 neighbouring integers share a double: only exact comparison tells them apart.
const BIG = 2n ** 60n + 1n;

const cell = cellRecord;

test('reached means at least as good in the sense: ≥ the best known when maximised, ≤ when minimised, decided exactly beyond 2^53', () => {
  assert.equal(Number(BIG), Number(BIG + 2n), 'the two differ by 2 but not as doubles');
  assert.deepEqual([atLeastAsGood('max', BIG + 2n, BIG), atLeastAsGood('max', BIG, BIG + 2n), atLeastAsGood('max', BIG, BIG)], [true, false, true]);
  assert.deepEqual([atLeastAsGood('min', BIG, BIG + 2n), atLeastAsGood('min', BIG + 2n, BIG), atLeastAsGood('min', -BIG, -BIG)], [true, false, true]);
  assert.deepEqual([better('max', BIG, BIG + 2n), better('min', BIG, BIG + 2n), better('min', -BIG, 0n)], [BIG + 2n, BIG, -BIG]);
  assert.equal(reachedOf(cell({ sense: 'max', objective: BIG, bestKnown: BIG + 2n })), false, 'a cut 2 short of the best known is not reached');
  assert.equal(reachedOf(cell({ sense: 'max', objective: BIG + 2n, bestKnown: BIG })), true);
  assert.equal(reachedOf(cell({ sense: 'min', objective: BIG + 2n, bestKnown: BIG })), false, 'a cost 2 above the best known is not reached');
  assert.equal(reachedOf(cell({ sense: 'min', objective: BIG, bestKnown: BIG + 2n })), true);
});

test('the gap is the shortfall in the sense over |reference|: ≥ 0 when worse, negative when the best known is beaten, exact differences beyond 2^53', () => {
  assert.equal(gapTo('max', 90n, 100n), 0.1, 'max: (100 − 90) / 100');
  assert.equal(gapTo('min', 110n, 100n), 0.1, 'min: (110 − 100) / 100');
  assert.equal(gapTo('max', 110n, 100n), -0.1, 'beating a maximised best known');
  assert.equal(gapTo('min', 90n, 100n), -0.1);
  // Biq Mac QUBO minimises to negative optima: a worse (higher) objective still has a positive gap.
  assert.equal(gapTo('min', -3000n, -3414n), 414 / 3414);
  assert.equal(gapTo('max', -120n, -100n), 0.2, 'a negative maximised reference divides by its magnitude');
  assert.deepEqual([gapTo('min', 3n, 0n), gapTo('max', -3n, 0n)], [3, 3], 'a reference of 0 divides by 1');
  // Floats would say 0 here; the exact difference keeps the gap positive and tiny.
  const gMax = gapTo('max', BIG, BIG + 2n);
  const gMin = gapTo('min', BIG + 2n, BIG);
  assert.ok(gMax > 0 && gMax < 1e-17, `max gap ${gMax}`);
  assert.ok(gMin > 0 && gMin < 1e-17, `min gap ${gMin}`);
  assert.equal(gapTo('max', -BIG, BIG), 2, 'max: (BIG − (−BIG)) / BIG');
});

test('cells take their reference from the optimum, else the best known, and failed or infeasible cells have no gap or reach', () => {
  assert.equal(referenceOf({ optimum: 5n, bestKnown: 7n }), 5n);
  assert.equal(referenceOf({ optimum: null, bestKnown: 7n }), 7n);
  assert.equal(referenceOf({ optimum: null, bestKnown: null }), null);
  assert.equal(gapOf(cell({ sense: 'max', objective: 11624n, bestKnown: 11624n, optimum: null })), 0);
  assert.equal(gapOf(cell({ sense: 'max', objective: 11000n, bestKnown: 12000n, optimum: 11000n })), 0, 'the optimum wins over the best known');
  assert.equal(gapOf(cell({ sense: 'max', objective: null, bestKnown: 1n })), null);
  assert.equal(reachedOf(cell({ sense: 'max', objective: null, bestKnown: 1n })), false, 'no feasible point: ran, not reached');
  assert.deepEqual([gapOf(cell({ objective: 1n, bestKnown: 1n, error: 'boom' })), reachedOf(cell({ objective: 1n, bestKnown: 1n, error: 'boom' }))], [null, null]);
  assert.deepEqual([gapOf(cell({ objective: 1n })), reachedOf(cell({ objective: 1n }))], [null, null], 'no reference');
});

test('solver standings for progress views judge each cell in its own sense and name a suite of both senses mixed', () => {
  const outcomes = [
    { solverKey: 'a', sense: 'max', objective: 90n, bestKnown: 100n, optimum: null },
    { solverKey: 'a', sense: 'max', objective: 100n, bestKnown: 100n, optimum: null },
    { solverKey: 'a', sense: 'max', objective: BIG, bestKnown: BIG + 2n, optimum: null },
    { solverKey: 'a', sense: 'max', objective: null, bestKnown: 5n, optimum: null },
    { solverKey: 'b', sense: 'min', objective: -3000n, bestKnown: -3414n, optimum: -3414n },
    { solverKey: 'b', sense: 'max', objective: 7n, bestKnown: null, optimum: null },
  ] as const;
  const [a, b, idle] = solverStandings(outcomes, ['a', 'b', 'idle']);
  assert.deepEqual([a.sense, a.withReference, a.reached, a.reachedRate], ['max', 4, 1, 0.25], 'a cut 2 short beyond 2^53 and an infeasible cell are not reached');
  assert.equal(a.meanGap, (0.1 + 0 + gapTo('max', BIG, BIG + 2n)) / 3);
  assert.deepEqual([b.sense, b.withReference, b.reached, b.meanGap], ['mixed', 1, 0, 414 / 3414]);
  assert.deepEqual(idle, { solverKey: 'idle', sense: null, withReference: 0, reached: 0, reachedRate: null, meanGap: null });
});
