import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CosineSchedule, LinearSchedule } from '../src/optimizer/config.js';
import { cosinePeriod, isScheduled, resolveRadius, scheduleAt } from '../src/optimizer/schedules.js';

const cosine = (init: number, target: number, extra: Partial<CosineSchedule> = {}): CosineSchedule => ({
  kind: 'cosine',
  init,
  target,
  decay: 0.01,
  ...extra,
});

test('a plain number is a constant schedule and is not reported as scheduled', () => {
  for (let t = 0; t < 100; t++) assert.equal(scheduleAt(0.3, t), 0.3);
  assert.equal(isScheduled(0.3), false);
  assert.equal(isScheduled(cosine(1, 0.1)), true);
  assert.equal(isScheduled({ kind: 'linear', init: 1, target: 0.1, decay: 0.01 }), true);
});

test('linear epsilon decays by decay·t and then holds at the target', () => {
  const s: LinearSchedule = { kind: 'linear', init: 1, target: 0.05, decay: 0.01 };
  assert.equal(scheduleAt(s, 0), 1);
  assert.ok(Math.abs(scheduleAt(s, 50) - 0.5) < 1e-12);
  assert.equal(scheduleAt(s, 95), 0.05);
  assert.equal(scheduleAt(s, 1000), 0.05);
});

test('cosine 5 to 0.5 with the default decay has period 450 and the documented values', () => {
  const s = cosine(5, 0.5);
  assert.equal(cosinePeriod(s), 450);
  assert.equal(scheduleAt(s, 0), 5);
  assert.ok(Math.abs(scheduleAt(s, 100) - 4.474) < 5e-4);
  assert.ok(Math.abs(scheduleAt(s, 225) - 2.75) < 1e-12);
  for (const t of [450, 451, 1000, 1e6]) assert.ok(Math.abs(scheduleAt(s, t) - 0.5) < 1e-12);
});

test('cosine period comes from IEEE division then truncation', () => {
  assert.equal(cosinePeriod(cosine(10, 0.1, { decay: 0.02 })), 495);
  assert.equal(cosinePeriod(cosine(10, 0.1, { decay: 0.02, totalSteps: 77 })), 77);
});

test('cosine with init below target collapses to period 1: init at step 0, target afterwards', () => {
  const s = cosine(0.5, 5);
  assert.equal(cosinePeriod(s), 1);
  assert.equal(scheduleAt(s, 0), 0.5);
  for (const t of [1, 2, 3, 10, 999]) assert.equal(scheduleAt(s, t), 5);
});

test('cosine with restarts stays within its bounds up to t = 100000', () => {
  const s = cosine(1, 0.01, { totalSteps: 50, restartMult: 1.0001 });
  let sawRestart = false;
  for (let t = 0; t <= 100_000; t++) {
    const e = scheduleAt(s, t);
    assert.ok(e >= 0.01 - 1e-12 && e <= 1 + 1e-12, `t=${t}: ${e}`);
    if (t > 0 && t < 5000 && t % 50 === 0) sawRestart ||= e === 1;
  }
  assert.ok(sawRestart, 'the schedule restarts at the top after each period');
});

test('cosine restarts with a growing multiplier lengthen each period', () => {
  const s = cosine(1, 0, { totalSteps: 10, restartMult: 2 });
  assert.equal(scheduleAt(s, 10), 1);
  assert.ok(Math.abs(scheduleAt(s, 20) - 0.5) < 1e-12);
  assert.equal(scheduleAt(s, 30), 1);
});

test('a constant radius scales with epsilon while a scheduled radius is absolute', () => {
  assert.equal(resolveRadius(2, 0.25, 7), 0.5);
  const r: LinearSchedule = { kind: 'linear', init: 3, target: 1, decay: 0.5 };
  assert.equal(resolveRadius(r, 0.25, 2), 2);
});
