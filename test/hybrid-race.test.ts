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

/**
 * A racing hybrid (10 s run) of `polystep` and polishers gaining `perStep` per step, each starting from
 * PolyStep's best (checked) and taking `buildMs` of the clock to build; the polishers it built, in order.
 */
function racing(clock: { ms: number }, polystep: FakeSearch, perStep: bigint, buildMs = 0): { hybrid: Hybrid; polishers: FakeSearch[] } {
  const polishers: FakeSearch[] = [];
  const hybrid = new Hybrid(polystep, (initial) => {
    assert.equal(initial[0], Number(polystep.best().cost % 256n), 'the polisher starts from PolyStep’s best');
    clock.ms += buildMs;
    const p = new FakeSearch(clock, polystep.best().cost, perStep);
    polishers.push(p);
    return p;
  }, { raceWithinMs: 10_000, now: () => clock.ms, stallSteps: 1e9 });
  return { hybrid, polishers };
}

test('gainOf: a hard constraint fewer outweighs any soft gain; otherwise the cost drop', () => {
  assert.equal(gainOf(solution(10n), solution(7n)), 3);
  assert.ok(gainOf(solution(10n, 2), solution(10n ** 12n, 1)) > 10 ** 15);
  assert.ok(gainOf(solution(10n, 1), solution(0n, 2)) < 0);
});

test('a local search that gains faster than PolyStep did keeps the run after its first probe (PolyStep led for 3 % of the time)', () => {
  const clock = { ms: 0 };
  const polystep = new FakeSearch(clock, 1_000_000n, 1n);
  const { hybrid, polishers } = racing(clock, polystep, 5n);
  const { turns, since } = turnsOf(hybrid, clock, 3000);
  assert.deepEqual(turns, [['polystep', 300]]);
  assert.equal(clock.ms - since, 3000 - 300, 'the local search keeps the run from its probe on');
  assert.equal(polishers.length, 1);
  // PolyStep was released: it takes no further steps
  const polystepSteps = polystep.steps;
  for (let i = 0; i < 100; i++) hybrid.step();
  assert.equal(polystep.steps, polystepSteps);
  assert.equal(hybrid.steps, polystep.steps + polishers[0].steps);
  assert.equal(hybrid.best().cost, polishers[0].best().cost);
});

test('a PolyStep that only descended fast at first loses the duel from the probe’s start, cut short once it cannot catch up', () => {
  const clock = { ms: 0 };
  // 4 per ms from a random start down to a floor it reaches after 275 ms: its lead looks fast
  const polystep = new FakeSearch(clock, 1_000_000n, 4n, 998_900n);
  // building the local search takes 50 ms, which its probe does not lose
  const { hybrid, polishers } = racing(clock, polystep, 1n, 50);
  const { turns } = turnsOf(hybrid, clock, 3000);
  // the probe gained 1/ms < PolyStep's lead (1,100 in 300 ms): a duel; PolyStep gains nothing, so it is hopeless after a quarter
  assert.deepEqual(turns, [
    ['polystep', 300 + 50],
    ['polish', 300],
    ['polystep', 75],
  ]);
  assert.equal(hybrid.phase, 'polish');
  assert.equal(polishers.length, 1, 'the local search went on from its own point');
  assert.equal(hybrid.best().cost, polishers[0].best().cost);
  assert.equal(hybrid.best().cost, 998_900n - BigInt(3000 - 75 - 300));
});

test('a PolyStep that passes the local search in the duel keeps the run alone at once', () => {
  const clock = { ms: 0 };
  const polystep = new FakeSearch(clock, 1_000_000n, 4n);
  const { hybrid, polishers } = racing(clock, polystep, 1n);
  const { turns } = turnsOf(hybrid, clock, 5000);
  // the probe gained 300 in 300 ms; from the same point PolyStep passes that on its 76th ms
  assert.deepEqual(turns, [
    ['polystep', 300],
    ['polish', 300],
  ]);
  assert.equal(hybrid.phase, 'polystep');
  assert.equal(polishers.length, 1);
  assert.equal(polishers[0].steps, 300, 'the local search was dropped after its probe');
  assert.equal(hybrid.steps, polystep.steps + 300);
  assert.equal(hybrid.best().cost, polystep.best().cost);
});

test('the race clock: a lead, a probe judged by its rate, and a duel judged by the bests from the same point', () => {
  const race = new RaceClock(1000, 0, solution(1000n)); // turns of 30 ms
  assert.equal(race.next(29, solution(970n), null), null);
  assert.equal(race.next(30, solution(940n), null), 'probe'); // PolyStep's lead: 2/ms
  assert.equal(race.next(59, solution(940n), solution(890n)), null);
  assert.equal(race.next(60, solution(940n), solution(880n)), 'polish', 'a probe gaining 60 in 30 ms is as fast');
  const slow = new RaceClock(1000, 0, solution(100n));
  slow.next(30, solution(40n), null);
  assert.equal(slow.next(60, solution(40n), solution(10n)), 'duel', '30 in 30 ms is slower than the lead');
  assert.equal(slow.next(67, solution(40n), solution(10n)), null, 'a quarter of the duel is not gone yet');
  assert.equal(slow.next(68, solution(32n), solution(10n)), null, '8 in 8 ms, kept up for 30 ms, would reach 10');
  assert.equal(slow.next(80, solution(32n), solution(10n)), 'polish', '8 in 20 ms could not');
  const tight = new RaceClock(1000, 0, solution(100n));
  tight.next(30, solution(40n), null);
  tight.next(60, solution(40n), solution(10n));
  assert.equal(tight.next(89, solution(11n), solution(10n)), null);
  assert.equal(tight.next(90, solution(10n), solution(10n)), 'polish', 'a tie at the end of the duel goes to the local search');
  const won = new RaceClock(1000, 0, solution(100n));
  won.next(30, solution(40n), null);
  won.next(60, solution(40n), solution(10n));
  assert.equal(won.next(70, solution(9n), solution(10n)), 'polystep', 'PolyStep passed the local search: it keeps the run');
});
