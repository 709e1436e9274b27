import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSolver, type TraceEvent } from '../src/solvers/run-loop.js';
import type { BestSolution, SolverSession } from '../src/solvers/solver.js';

/** A session whose best cost after step s is costs[s] (last value repeats): the loop's rules alone are tested. */
class ScriptedSession implements SolverSession {
  steps = 0;
  evaluations = 0;
  private bestSolution: BestSolution;
  constructor(
    private readonly costs: bigint[],
    readonly lowerBound = 0n,
    private readonly feasible = true,
  ) {
    this.bestSolution = this.solution();
  }
  step(): void {
    this.steps++;
    this.evaluations += 10;
    const next = this.solution();
    if (next.cost < this.bestSolution.cost) this.bestSolution = next;
  }
  current() {
    return { cost: Number(this.costAt(this.steps)), metrics: { satRatio: 0.5 } };
  }
  best(): BestSolution {
    return this.bestSolution;
  }
  private costAt(s: number): bigint {
    return this.costs[Math.min(s, this.costs.length - 1)];
  }
  private solution(): BestSolution {
    const cost = this.costAt(this.steps);
    return { cost, feasible: this.feasible, hardFalsified: this.feasible ? 0 : 1, metrics: { satRatio: 0.5, falsifiedClauses: Number(cost) }, assignment: new Uint8Array(1), step: this.steps };
  }
}

test('stops after the step budget and reports improvements and progress in order', async () => {
  const events: TraceEvent[] = [];
  const result = await runSolver(new ScriptedSession([9n, 9n, 7n, 7n, 5n]), { maxSteps: 6 }, { onEvent: (e) => events.push(e), progressEvery: 2 });
  assert.equal(result.reason, 'max_steps');
  assert.deepEqual([result.step, result.evaluations, result.best.cost], [6, 60, 5n]);
  assert.deepEqual(
    events.map((e) => `${e.type}@${e.step}:${e.bestCost}`),
    ['improvement@0:9', 'improvement@2:7', 'progress@2:7', 'improvement@4:5', 'progress@4:5', 'progress@6:5'],
  );
});

test('stops at the time limit, measured by the injected clock', async () => {
  let clock = 0;
  const result = await runSolver(new ScriptedSession([5n]), { timeLimitMs: 100 }, { now: () => (clock += 10), progressEvery: 0 });
  assert.equal(result.reason, 'time_limit');
  assert.ok(result.step > 0 && result.step < 10);
});

test('stops when the target, the lower bound or a stall is reached', async () => {
  assert.equal((await runSolver(new ScriptedSession([9n, 6n, 4n, 1n]), { targetCost: 4n, maxSteps: 50 })).step, 2);
  const optimal = await runSolver(new ScriptedSession([9n, 3n, 2n], 3n), { maxSteps: 50 });
  assert.deepEqual([optimal.reason, optimal.step], ['optimal', 1]);
  const stalled = await runSolver(new ScriptedSession([9n, 8n, 8n]), { stallSteps: 5, maxSteps: 50 });
  assert.deepEqual([stalled.reason, stalled.step], ['stalled', 6]);
});

test('an infeasible best never meets the target or the bound', async () => {
  const result = await runSolver(new ScriptedSession([0n], 0n, false), { targetCost: 5n, maxSteps: 4 });
  assert.equal(result.reason, 'max_steps');
});

test('an abort signal stops the run at the next step, keeping the best so far', async () => {
  const pre = await runSolver(new ScriptedSession([3n]), { maxSteps: 10 }, { signal: AbortSignal.abort() });
  assert.deepEqual([pre.reason, pre.step], ['aborted', 0]);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const result = await runSolver(new ScriptedSession([9n, 4n]), {}, { signal: controller.signal, yieldEveryMs: 1, progressEvery: 0 });
  assert.equal(result.reason, 'aborted');
  assert.equal(result.best.cost, 4n);
});

/** A session that offers a new best object every step, with the scripted costs, better or not. */
class WaywardSession extends ScriptedSession {
  private offered: BestSolution = super.best();
  override step(): void {
    super.step();
    const cost = this.current().cost;
    this.offered = { ...this.offered, cost: BigInt(cost), step: this.steps };
  }
  override best(): BestSolution {
    return this.offered;
  }
}

test('a session best that is not exactly better is never taken, so reported costs only fall', async () => {
  const events: TraceEvent[] = [];
  const result = await runSolver(new WaywardSession([9n, 3n, 5n, 3n, 2n, 7n]), { maxSteps: 6 }, { onEvent: (e) => events.push(e), progressEvery: 0 });
  assert.deepEqual(
    events.map((e) => `${e.step}:${e.bestCost}`),
    ['0:9', '1:3', '4:2'],
  );
  assert.deepEqual([result.best.cost, result.best.step], [2n, 4]);
});

test('a known initial best is reported first and replaced only by an exactly better one', async () => {
  const initialBest: BestSolution = { cost: 6n, feasible: true, hardFalsified: 0, metrics: { satRatio: 0.9, falsifiedClauses: 1 }, assignment: new Uint8Array(1), step: 0 };
  const events: TraceEvent[] = [];
  const infeasible = await runSolver(new ScriptedSession([1n], 0n, false), { maxSteps: 3 }, { initialBest, onEvent: (e) => events.push(e) });
  assert.equal(infeasible.best, initialBest);
  assert.deepEqual(events.filter((e) => e.type === 'improvement').map((e) => e.bestCost), [6n]);
  const better = await runSolver(new ScriptedSession([9n, 7n, 4n]), { maxSteps: 3 }, { initialBest });
  assert.deepEqual([better.best.cost, better.best.step], [4n, 2]);
});
