import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/common/rng.js';
import type { QuadraticEngine } from '../src/problems/engine-problem.js';
import { objectiveOf, type FamilyParseOptions, type Sense } from '../src/problems/family.js';
import { QuadraticEvaluator } from '../src/problems/quadratic/evaluator.js';
import type { QuadraticModel } from '../src/problems/quadratic/model.js';
import { quadraticCost } from '../src/problems/quadratic/quadratic-cost.js';
import { quboFamily } from '../src/problems/qubo/family.js';
import type { QuboInstance } from '../src/problems/qubo/instance.js';
import { instancesDir } from './support/paths.js';

const quboDir = join(instancesDir, 'qubo');

/** 0-based (i, j, q) as written in a file or document. */
type Triplet = readonly [number, number, bigint];

function parsed(text: string | Uint8Array, options: Partial<FamilyParseOptions>): QuboInstance {
  const result = quboFamily.parse(typeof text === 'string' ? Buffer.from(text) : text, { format: 'auto', ...options });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues.slice(0, 3)));
  return result.value;
}

function modelOf(inst: QuboInstance): QuadraticModel {
  const engine = quboFamily.engine(inst);
  assert.equal(engine.kind, 'quadratic');
  return (engine as QuadraticEngine).model;
}

/** x'Qx for upper-triangle entries of a symmetric Q: the diagonal once, every other entry twice. */
function symmetricObjective(triplets: readonly Triplet[], x: Uint8Array): bigint {
  let sum = 0n;
  for (const [i, j, q] of triplets) if (x[i] === 1 && x[j] === 1) sum += i === j ? q : 2n * q;
  return sum;
}

/** offset + Σ q·x_i·x_j: the JSON form, each term once. */
function plainObjective(offset: bigint, triplets: readonly Triplet[], x: Uint8Array): bigint {
  let sum = offset;
  for (const [i, j, q] of triplets) if (x[i] === 1 && x[j] === 1) sum += q;
  return sum;
}

/** The instances of an OR-Library file (or the one of a Biq Mac file), read by splitting on whitespace. */
function fileTriplets(text: string, multi: boolean): { n: number; triplets: Triplet[] }[] {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  let p = 0;
  const count = multi ? Number(tokens[p++]) : 1;
  return Array.from({ length: count }, () => {
    const n = Number(tokens[p++]);
    const m = Number(tokens[p++]);
    const triplets = Array.from({ length: m }, (): Triplet => [Number(tokens[p++]) - 1, Number(tokens[p++]) - 1, BigInt(tokens[p++])]);
    return { n, triplets };
  });
}

function randomBits(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 1 : 0));
}

/** Upper-triangle triplets with repeats, zeros, and some coefficients far beyond 2^53. */
function randomTriplets(rng: Rng, n: number, m: number, upper: boolean): Triplet[] {
  return Array.from({ length: m }, (): Triplet => {
    let i = Math.floor(rng.uniform() * n);
    let j = Math.floor(rng.uniform() * n);
    if (upper && i > j) [i, j] = [j, i];
    const huge = rng.uniform() < 0.1;
    const magnitude = huge ? 2n ** 60n + BigInt(Math.floor(rng.uniform() * 1e6)) : BigInt(Math.floor(rng.uniform() * 50));
    return [i, j, rng.uniform() < 0.5 ? -magnitude : magnitude];
  });
}

function triplesText(triplets: readonly Triplet[]): string {
  return triplets.map(([i, j, q]) => ` ${i + 1} ${j + 1} ${q}`).join('\n');
}

/** score = quadraticCost(engine model), and the objective in the file's sense equals the independent count. */
function assertExact(inst: QuboInstance, x: Uint8Array, objective: bigint, sense: Sense, label: string): void {
  const score = quboFamily.score(inst, x);
  assert.equal(score.cost, quadraticCost(modelOf(inst), x), `${label}: score vs model`);
  assert.equal(objectiveOf(sense, score.cost), objective, `${label}: objective vs triplets`);
  assert.deepEqual([score.feasible, score.hardFalsified], [true, 0]);
}

test('random OR-Library, Biq Mac and JSON models: exact scores equal the objective counted from the triplets', () => {
  const rng = new Rng(2024);
  for (let round = 0; round < 30; round++) {
    const n = 1 + Math.floor(rng.uniform() * 10);
    const instances = Array.from({ length: 3 }, () => randomTriplets(rng, n, Math.floor(rng.uniform() * 25), true));
    const orlib = ` 3\n${instances.map((t) => ` ${n} ${t.length}\n${triplesText(t)}`).join('\n')}\n`;
    const biqmac = `${n} ${instances[0].length}\n${triplesText(instances[0])}\n`;
    const any = randomTriplets(rng, n, Math.floor(rng.uniform() * 25), false);
    const offset = BigInt(Math.floor(rng.uniform() * 100) - 50);
    const sense: Sense = rng.uniform() < 0.5 ? 'min' : 'max';
    const json = JSON.stringify({ n, sense, offset: String(offset), terms: any.map(([i, j, q]) => [i, j, String(q)]) });
    const fromOrlib = instances.map((_, k) => parsed(orlib, { format: 'orlib', select: k + 1 }));
    const fromBiqmac = parsed(biqmac, { format: 'biqmac' });
    const fromJson = parsed(json, { format: 'qubo-json' });
    for (let k = 0; k < 6; k++) {
      const x = randomBits(rng, n);
      fromOrlib.forEach((inst, t) => assertExact(inst, x, symmetricObjective(instances[t], x), 'max', `round ${round} orlib ${t + 1}`));
      assertExact(fromBiqmac, x, symmetricObjective(instances[0], x), 'min', `round ${round} biqmac`);
      assertExact(fromJson, x, plainObjective(offset, any, x), sense, `round ${round} json`);
    }
  }
});

test('the bundled instances score exactly: x\'Qx from the file equals the engine cost in the file\'s sense', () => {
  const rng = new Rng(5);
  const bqp = fileTriplets(readFileSync(join(quboDir, 'orlib/bqp100.txt'), 'utf8'), true);
  assert.equal(bqp.length, 10);
  const bytes = readFileSync(join(quboDir, 'orlib/bqp100.txt'));
  for (const k of [1, 4, 10]) {
    const inst = parsed(bytes, { format: 'orlib', select: k });
    for (let t = 0; t < 5; t++) {
      const x = randomBits(rng, 100);
      assertExact(inst, x, symmetricObjective(bqp[k - 1].triplets, x), 'max', `bqp100.${k}`);
    }
  }
  for (const name of ['gka1a', 'gka2c', 'gka1e']) {
    const text = readFileSync(join(quboDir, `gka/${name}.sparse`), 'utf8');
    const [{ n, triplets }] = fileTriplets(text, false);
    const inst = parsed(text, { format: 'biqmac' });
    for (let t = 0; t < 5; t++) {
      const x = randomBits(rng, n);
      assertExact(inst, x, symmetricObjective(triplets, x), 'min', name);
    }
  }
});

/** The best objective (in the file's sense) a seeded multi-start 1-flip descent finds. */
function descentBest(inst: QuboInstance, starts: number, seed: number): bigint {
  const rng = new Rng(seed);
  const model = modelOf(inst);
  let best: bigint | null = null;
  for (let s = 0; s < starts; s++) {
    const ev = new QuadraticEvaluator(model, randomBits(rng, model.n));
    for (let improved = true; improved; ) {
      improved = false;
      for (let v = 0; v < model.n; v++) {
        if (ev.flipDelta(v) < 0) {
          ev.flip(v);
          improved = true;
        }
      }
    }
    const cost = quboFamily.score(inst, ev.assignment).cost;
    assert.equal(ev.exactCost(), cost);
    if (best === null || cost < best) best = cost;
  }
  return objectiveOf(inst.sense, best as bigint);
}

test('the convention reaches the best-known values and never passes them: bqp50.1 max 2098, gka1a min -3414', () => {
  const bqp = parsed(readFileSync(join(quboDir, 'orlib/bqp50.txt')), { format: 'orlib', select: 1 });
  assert.equal(descentBest(bqp, 300, 1), 2098n);
  const gka = parsed(readFileSync(join(quboDir, 'gka/gka1a.sparse')), { format: 'biqmac' });
  assert.equal(descentBest(gka, 300, 1), -3414n);
});

test('a named family without a format: the content decides (one number → orlib, `n m` → biqmac, `{` → JSON)', () => {
  assert.equal(parsed(' 1\n 2 1\n 1 2 3\n', {}).format, 'orlib');
  assert.equal(parsed('2 1\n1 2 3\n', {}).format, 'biqmac');
  assert.equal(parsed('{"n": 1, "terms": []}', {}).format, 'qubo-json');
  const empty = quboFamily.parse(Buffer.from(''), { format: 'auto' });
  assert.ok(!empty.ok);
  assert.equal(empty.issues[0].code, 'EMPTY_INPUT');
});

test('describe: variables, nonzero terms and a JSON-safe summary with the instance chosen', () => {
  const inst = parsed(readFileSync(join(quboDir, 'orlib/bqp50.txt')), { format: 'orlib', select: 3 });
  const d = quboFamily.describe(inst);
  assert.deepEqual([d.format, d.variables, d.terms, quboFamily.variables(inst), quboFamily.senseOf(inst)], ['orlib', 50, 136, 50, 'max']);
  assert.deepEqual([d.summary.instance, d.summary.instances, d.summary.sense, d.summary.offset], [3, 10, 'max', '0']);
  assert.deepEqual(JSON.parse(JSON.stringify(d.summary)), d.summary);
  // coefficients as expanded: an off-diagonal entry q counts 2q
  const small = quboFamily.describe(parsed('3 2\n1 1 -5\n2 3 4\n', { format: 'biqmac' }));
  assert.deepEqual([small.terms, small.summary.coefficientMin, small.summary.coefficientMax, small.summary.density], [2, '-5', '8', 3 / 9]);
});

test('the engine is built once per instance and its metrics add nothing beyond the objective', () => {
  const inst = parsed('2 1\n1 2 3\n', { format: 'biqmac' });
  const engine = quboFamily.engine(inst);
  assert.equal(quboFamily.engine(inst), engine);
  assert.deepEqual((engine as QuadraticEngine).metricsOf(5n), {});
});

test('solution lines: the objective in the file\'s own sense, the status, the assignment', () => {
  const inst = parsed(' 1\n 2 2\n 1 1 3\n 1 2 -1\n', { format: 'orlib' });
  const assignment = Uint8Array.from([1, 0]);
  const best = { ...quboFamily.score(inst, assignment), assignment };
  assert.equal(best.cost, -3n);
  assert.deepEqual(quboFamily.solutionLines(inst, { optimal: false, unsatisfiable: false, best }), ["c objective: x'Qx (maximised)", 'o 3', 's SATISFIABLE', 'v 10']);
  const json = parsed('{"n": 2, "terms": [[0, 1, -2]]}', { format: 'qubo-json' });
  const both = Uint8Array.from([1, 1]);
  const jsonBest = { ...quboFamily.score(json, both), assignment: both };
  assert.deepEqual(quboFamily.solutionLines(json, { optimal: true, unsatisfiable: false, best: jsonBest }), ['c objective: offset + sum of q x_i x_j (minimised)', 'o -2', 's OPTIMUM FOUND', 'v 11']);
  assert.deepEqual(quboFamily.solutionLines(json, { optimal: false, unsatisfiable: false, best: null }).at(-1), 's UNKNOWN');
});
