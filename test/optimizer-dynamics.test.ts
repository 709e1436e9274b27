import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ADAPTIVE_RADIUS } from '../src/optimizer/config.js';
import {
  INITIAL_ADAPTIVE_RADIUS,
  adaptRadius,
  amortizeDirection,
  coastFraction,
  momentumCoefficient,
  momentumStep,
} from '../src/optimizer/dynamics.js';
import { scheduleAt } from '../src/optimizer/schedules.js';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('momentum coefficient ramps from 0.5 to 0.95 over max_iterations − 1 steps', () => {
  close(momentumCoefficient(0, 100), 0.5);
  close(momentumCoefficient(99, 100), 0.95);
  close(momentumCoefficient(200, 100), 0.95);
  close(momentumCoefficient(0, 1), 0.5);
  close(momentumCoefficient(9, 10, 0, 1), 1.0);
  close(momentumCoefficient(49, 100), 0.5 + (49 / 99) * 0.45);
});

test('momentum from zero velocity moves exactly to the barycentre', () => {
  const x = Float64Array.of(1, -2);
  const xbar = Float64Array.of(3, 0.5);
  const vel = new Float64Array(2);
  const out = new Float64Array(2);
  momentumStep(x, xbar, vel, 0.9, 1, out);
  assert.deepEqual(Array.from(out), [3, 0.5]);
  assert.deepEqual(Array.from(vel), [2, 2.5]);
});

test('two momentum calls with beta 0.5 accumulate velocity 1.5', () => {
  const x = Float64Array.of(0);
  const xbar = Float64Array.of(1);
  const vel = new Float64Array(1);
  const out = new Float64Array(1);
  momentumStep(x, xbar, vel, 0.5, 1, out);
  momentumStep(x, xbar, vel, 0.5, 1, out);
  close(vel[0], 1.5);
  close(out[0], 1.5);
});

test('a velocity learning rate of 0.5 halves the move, and out may alias x', () => {
  const x = Float64Array.of(1, 1);
  const vel = new Float64Array(2);
  momentumStep(x, Float64Array.of(3, -1), vel, 0.5, 0.5, x);
  assert.deepEqual(Array.from(x), [2, 0]);
});

test('adaptive radius counts tiny changes and resets the counter on a large change', () => {
  const cfg = DEFAULT_ADAPTIVE_RADIUS;
  const s1 = adaptRadius({ multiplier: 1, counter: 3, prevLoss: 1 }, 1 + 1e-6, cfg);
  assert.equal(s1.counter, 4);
  assert.equal(s1.multiplier, 1);
  const s2 = adaptRadius({ multiplier: 1, counter: 3, prevLoss: 1 }, 1.5, cfg);
  assert.equal(s2.counter, 0);
  assert.equal(s2.multiplier, 1);
  assert.equal(s2.prevLoss, 1.5);
});

test('adaptive radius widens by 1.5 when the stall counter reaches patience', () => {
  const s = adaptRadius({ multiplier: 1, counter: 9, prevLoss: 1 }, 1, DEFAULT_ADAPTIVE_RADIUS);
  assert.equal(s.multiplier, 1.5);
  assert.equal(s.counter, 0);
});

test('adaptive radius shrinks by 0.9 on improvement', () => {
  const s = adaptRadius({ multiplier: 1, counter: 0, prevLoss: 1 }, 0.5, DEFAULT_ADAPTIVE_RADIUS);
  close(s.multiplier, 0.9);
});

test('adaptive radius clamps at 3.0 and 0.5', () => {
  const cfg = DEFAULT_ADAPTIVE_RADIUS;
  assert.equal(adaptRadius({ multiplier: 2.5, counter: 9, prevLoss: 1 }, 1, cfg).multiplier, 3);
  assert.equal(adaptRadius({ multiplier: 0.52, counter: 0, prevLoss: 1 }, 0.1, cfg).multiplier, 0.5);
});

test('adaptive radius keeps multiplier and counter when the previous loss is infinite or the loss is NaN', () => {
  const first = adaptRadius(INITIAL_ADAPTIVE_RADIUS, 0.7, DEFAULT_ADAPTIVE_RADIUS);
  assert.deepEqual(first, { multiplier: 1, counter: 0, prevLoss: 0.7 });
  const nan = adaptRadius({ multiplier: 1.2, counter: 4, prevLoss: 0.7 }, Number.NaN, DEFAULT_ADAPTIVE_RADIUS);
  assert.equal(nan.multiplier, 1.2);
  assert.equal(nan.counter, 4);
  assert.ok(Number.isNaN(nan.prevLoss));
});

test('coasting with three amortize steps applies two thirds then one third of the direction', () => {
  close(coastFraction(1, 3), 2 / 3);
  close(coastFraction(2, 3), 1 / 3);
});

test('the amortised direction is the raw move first and an EMA afterwards', () => {
  const d = new Float64Array(2);
  const first = amortizeDirection(null, Float64Array.of(1, 2), 0.7, d);
  assert.equal(first, d);
  assert.deepEqual(Array.from(d), [1, 2]);
  amortizeDirection(d, Float64Array.of(11, -8), 0.7, d);
  close(d[0], 0.7 * 1 + 0.3 * 11);
  close(d[1], 0.7 * 2 + 0.3 * -8);
});

test('a float epsilon stays constant for 100 steps', () => {
  for (let t = 0; t < 100; t++) assert.equal(scheduleAt(0.1, t), 0.1);
});
