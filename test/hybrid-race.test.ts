import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gainOf, RaceClock } from '../src/solvers/hybrid-race.js';
import { Hybrid } from '../src/solvers/hybrid.js';
import type { BestSolution, Metrics } from '../src/solvers/solver.js';

const solution = (cost: bigint, hardFalsified = 0): BestSolution => ({ cost, feasible: hardFalsified === 0, hardFalsified, metrics: {}, assignment: Uint8Array.of(Number(cost % 256n)), step: 0 });

/** A search that gains `perStep` cost per step (down to `floor`), each step taking 1 ms of the shared clock. */
class FakeSearch {
  steps = 0;
  private bestSoFar: BestSolution;
  readonly lowerBound = 0n;
  constructor(
    private readonly clock: { ms: number },
    start: bigint,
    private readonly perStep: bigint,
    private readonly floor = 0n,
  ) {
    this.bestSoFar = solution(start);
  }
  get evaluations(): number {
    return this.steps;
  }
  step(): void {
    this.steps++;
    this.clock.ms += 1;
    const next = this.bestSoFar.cost - this.perStep;
    if (next >= this.floor && this.perStep > 0n) this.bestSoFar = solution(next);
  }
  best(): BestSolution {
    return this.bestSoFar;
  }
  current(): { cost: number; metrics: Metrics } {
    return { cost: Number(this.bestSoFar.cost), metrics: {} };
  }
}

/** Steps the hybrid `steps` times; the phases it went through and how long each lasted (the last one still going, from `since`). */
function turnsOf(hybrid: Hybrid, clock: { ms: number }, steps: number): { turns: Array<[string, number]>; since: number } {
  const turns: Array<[string, number]> = [];
  let phase = hybrid.phase;
  let since = 0;
  for (let i = 0; i < steps; i++) {
    hybrid.step();
    if (hybrid.phase !== phase) {
      turns.push([phase, clock.ms - since]);
      phase = hybrid.phase;
      since = clock.ms;
    }
  }
  return { turns, since };
}

test('gainOf: a hard constraint fewer outweighs any soft gain; otherwise the cost drop', () => {
  assert.equal(gainOf(solution(10n), solution(7n)), 3);
  assert.ok(gainOf(solution(10n, 2), solution(10n ** 12n, 1)) > 10 ** 15);
  assert.ok(gainOf(solution(10n, 1), solution(0n, 2)) < 0);
});

test('a faster local search keeps the run on winning a round (PolyStep had 3 % of the time)', () => {
  const clock = { ms: 0 };
  const polystep = new FakeSearch(clock, 1_000_000n, 1n);
  const polishers: FakeSearch[] = [];
  const hybrid = new Hybrid(polystep, (initial) => {
    assert.equal(initial[0], Number(polystep.best().cost % 256n), 'the polisher starts from PolyStep’s best');
    const p = new FakeSearch(clock, polystep.best().cost, 5n);
    polishers.push(p);
    return p;
  }, { raceWithinMs: 10_000, now: () => clock.ms, stallSteps: 1e9 });
  const { turns, since } = turnsOf(hybrid, clock, 3000);
  assert.deepEqual(turns, [['polystep', 300]]);
  assert.equal(clock.ms - since, 3000 - 300, 'the local search keeps the run from its first turn on');
  assert.equal(polishers.length, 1, 'PolyStep never caught up, so the polisher kept its own point');
  // PolyStep was released: it takes no further steps
  const polystepSteps = polystep.steps;
  for (let i = 0; i < 100; i++) hybrid.step();
  assert.equal(polystep.steps, polystepSteps);
  assert.equal(hybrid.steps, polystep.steps + polishers[0].steps);
  assert.equal(hybrid.best().cost, polishers[0].best().cost);
});

test('a slower local search gives the turn back, and after two lost rounds it is dropped: PolyStep keeps the run', () => {
  const clock = { ms: 0 };
  const polystep = new FakeSearch(clock, 1_000_000n, 4n);
  const polishers: FakeSearch[] = [];
  const hybrid = new Hybrid(polystep, () => {
    const p = new FakeSearch(clock, polystep.best().cost, 1n);
    polishers.push(p);
    return p;
  }, { raceWithinMs: 10_000, now: () => clock.ms, stallSteps: 1e9 });
  const { turns } = turnsOf(hybrid, clock, 5000);
  assert.deepEqual(turns, [
    ['polystep', 300],
    ['polish', 300],
    ['polystep', 600],
    ['polish', 300],
  ]);
  assert.equal(hybrid.phase, 'polystep');
  // the second turn started from PolyStep's best, which had overtaken the first polisher's
  assert.equal(polishers.length, 2);
  assert.equal(hybrid.steps, polystep.steps + polishers[0].steps + polishers[1].steps);
  assert.equal(hybrid.best().cost, polystep.best().cost);
});

test('the race clock records rates over the second half of each turn, and two round wins in a row decide', () => {
  const race = new RaceClock(1000, 0); // turns of 30 ms
  assert.equal(race.turnOver(10, solution(100n)), false);
  assert.equal(race.turnOver(15, solution(90n)), false); // half-way mark: best 90 at 15 ms
  assert.equal(race.turnOver(30, solution(60n)), true); // PolyStep: 30 over 15 ms = 2/ms
  race.startPolish(30);
  assert.equal(race.turnOver(45, solution(60n)), false);
  assert.equal(race.turnOver(60, solution(31n)), true); // 29 over 15 ms < 2/ms
  assert.equal(race.judge(60), 'race', 'one round won by PolyStep');
  assert.equal(race.turnOver(90, solution(30n)), false, 'PolyStep’s next turn is 60 ms long');
  assert.equal(race.turnOver(120, solution(30n)), true); // nothing gained: rate 0
  race.startPolish(120);
  assert.equal(race.turnOver(135, solution(30n)), false);
  assert.equal(race.turnOver(150, solution(20n)), true, 'the local search’s turn stays 30 ms');
  assert.equal(race.judge(150), 'polish', 'the local search keeps the run on its first round won');
  const other = new RaceClock(1000, 0);
  for (const [at, cost] of [[15, 100n], [30, 70n]] as const) other.turnOver(at, solution(cost));
  other.startPolish(30);
  for (const [at, cost] of [[45, 70n], [60, 69n]] as const) other.turnOver(at, solution(cost));
  assert.equal(other.judge(60), 'race', 'PolyStep needs two rounds');
  for (const [at, cost] of [[90, 69n], [120, 40n]] as const) other.turnOver(at, solution(cost));
  other.startPolish(120);
  for (const [at, cost] of [[135, 40n], [150, 39n]] as const) other.turnOver(at, solution(cost));
  assert.equal(other.judge(150), 'polystep', 'PolyStep won two rounds in a row');
});
