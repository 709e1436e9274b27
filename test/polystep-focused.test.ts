// The focused PolyStep preset: reproducible, exact bests, moves confined to falsified clauses, solves small instances.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { clauseLiterals, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { generateRandomKSat } from '../src/problems/maxsat/random-ksat.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { FocusedPolyStep } from '../src/solvers/binary/focused-polystep.js';
import { FocusedRelaxation } from '../src/solvers/binary/focused-relaxation.js';
import { PolyStepBinary } from '../src/solvers/binary/polystep-binary.js';
import { presetFor, presetsOf, PRESETS } from '../src/solvers/binary/presets.js';
import { runSolver } from '../src/solvers/run-loop.js';
import { instancesDir } from './support/paths.js';
import { maxCutModel } from '../src/problems/maxcut/compile.js';
import { cutValue } from '../src/problems/maxcut/graph.js';
import { randomGraph } from '../src/problems/maxcut/random-graph.js';

function load(path: string): MaxSatInstance {
  const parsed = parseDimacs(readFileSync(path), { format: 'auto', mode: 'relaxed' });
  assert.ok(parsed.ok, path);
  return parsed.value;
}

/** Variables (0-based) of the clauses `assignment` falsifies. */
function falsifiedVariables(inst: MaxSatInstance, assignment: Uint8Array): Set<number> {
  const vars = new Set<number>();
  for (const c of verifyAssignment(inst, assignment).falsified) for (const lit of clauseLiterals(inst, c)) vars.add(Math.abs(lit) - 1);
  return vars;
}

test('focused is a preset of clauses and quadratic models, paper of clauses only', () => {
  assert.ok(PRESETS.includes('focused'));
  assert.ok(presetsOf('clauses').includes('focused'));
  assert.deepEqual(presetsOf('quadratic'), ['default', 'focused']);
  assert.throws(() => presetFor('quadratic', 'paper', 10), /not offered/);
  const { config, focus } = presetFor('clauses', 'focused', 1000);
  assert.equal(config.solver, 'softmax');
  assert.equal(config.particleDim, 2);
  assert.ok(!config.useMomentum && config.amortizeSteps === 1 && focus !== undefined);
});

test('same seed, same run; the session behind PolyStepBinary is the focused one', async () => {
  const inst = generateRandomKSat({ numVars: 300, seed: 7 });
  const run = async (seed: number) => (await runSolver(new PolyStepBinary({ kind: 'clauses', inst }, { preset: 'focused', seed }), { maxSteps: 3 }, { progressEvery: 0 })).best;
  const [a, b, c] = [await run(4), await run(4), await run(5)];
  assert.equal(a.cost, b.cost);
  assert.deepEqual(a.assignment, b.assignment);
  assert.notDeepEqual(a.assignment, c.assignment);
  const session = new PolyStepBinary({ kind: 'clauses', inst }, { preset: 'focused', seed: 1 });
  session.step();
  assert.equal(session.evaluations, 4000, '1,000 moves of one pair, 4 probes each');
});

test('each move flips at most two variables, all of clauses falsified before it', () => {
  const inst = generateRandomKSat({ numVars: 200, seed: 3 });
  const session = new FocusedPolyStep({ kind: 'clauses', inst }, { seed: 2, focus: { movesPerStep: 1 } });
  let moved = 0;
  for (let i = 0; i < 3000 && !session.finished; i++) {
    const before = session.assignment.slice();
    const allowed = falsifiedVariables(inst, before);
    session.step();
    const changed = [...before.keys()].filter((v) => before[v] !== session.assignment[v]);
    assert.ok(changed.length <= 2, `move ${i} flipped ${changed.length} variables`);
    for (const v of changed) assert.ok(allowed.has(v), `move ${i} flipped ${v + 1}, in no falsified clause`);
    moved += changed.length;
  }
  assert.ok(moved > 100, `only ${moved} flips in 3,000 moves`);
});

test('the reported best is exactly the rescored model, on weighted and hard regression instances', async () => {
  let checked = 0;
  for (const dir of ['MSE22Unique', 'baseWCNFs']) {
    const files = readdirSync(join(instancesDir, 'maxsat-regression', dir)).sort();
    for (const file of files.filter((_, i) => i % 3 === 0)) {
      const parsed = parseDimacs(readFileSync(join(instancesDir, 'maxsat-regression', dir, file)), { format: 'auto', mode: 'relaxed' });
      if (!parsed.ok) continue;
      const inst = parsed.value;
      // small segments, so bests are materialised from the journal often
      const session = new FocusedPolyStep({ kind: 'clauses', inst }, { seed: 1, focus: { movesPerStep: 7 } });
      const result = await runSolver(session, { maxSteps: 40 }, { progressEvery: 0 });
      const check = verifyAssignment(inst, result.best.assignment);
      assert.equal(check.cost, result.best.cost, `${dir}/${file}`);
      assert.equal(check.falsifiedHard, result.best.hardFalsified, `${dir}/${file}`);
      checked++;
    }
  }
  assert.ok(checked >= 20, `${checked} instances`);
});

test('the best is never worse than any point met at a step end, and always exact', () => {
  const inst = generateRandomKSat({ numVars: 500, seed: 11 });
  const session = new FocusedPolyStep({ kind: 'clauses', inst }, { seed: 3, focus: { movesPerStep: 50 } });
  let fewest = verifyAssignment(inst, session.assignment).falsifiedSoft;
  for (let s = 0; s < 40; s++) {
    session.step();
    fewest = Math.min(fewest, verifyAssignment(inst, session.assignment).falsifiedSoft);
    const best = session.best();
    assert.ok(best.metrics.falsifiedClauses <= fewest, `step ${s}: best ${best.metrics.falsifiedClauses} above a point met (${fewest})`);
    assert.equal(verifyAssignment(inst, best.assignment).cost, best.cost);
  }
});

test('solves satisfiable uf50 instances within 100,000 moves', async () => {
  const dir = join(instancesDir, 'satlib/uf50-218');
  const files = readdirSync(dir).sort().slice(0, 10);
  let solved = 0;
  for (const file of files) {
    const inst = load(join(dir, file));
    const result = await runSolver(new PolyStepBinary({ kind: 'clauses', inst }, { preset: 'focused', seed: 1 }), { maxSteps: 100 }, { progressEvery: 0 });
    if (result.best.cost === 0n) solved++;
  }
  assert.ok(solved >= 9, `${solved} of ${files.length} solved`);
});

test('re-pairing keeps the assignment and the coordinate ↔ variable maps consistent (odd n)', () => {
  const n = 7;
  const flips: number[] = [];
  const assignment = new Uint8Array(n).fill(1);
  const evaluator = {
    assignment,
    cost: 0,
    flip: (v: number) => {
      assignment[v] ^= 1;
      flips.push(v);
    },
    flipDelta: () => 0,
    pairDeltas: (_a: number, _b: number, out: Float64Array) => out.fill(0),
    multiFlipDelta: () => 0,
  };
  const relaxation = new FocusedRelaxation(evaluator, 1, 8);
  const x = Float64Array.from({ length: 8 }, (_, i) => (i < n ? i + 1 : 0));
  for (const [u, w] of [[6, 0], [0, 6], [3, 5], [6, 2], [1, 4]] as const) {
    const particle = relaxation.pair(u, w, x);
    const positions = [relaxation.positionOf(u), relaxation.positionOf(w)].sort();
    assert.deepEqual(positions.map((p) => p >> 1), [particle, particle], `${u}, ${w}`);
    for (let v = 0; v < n; v++) {
      assert.equal(relaxation.variableAt(relaxation.positionOf(v)), v);
      assert.equal(x[relaxation.positionOf(v)], v + 1, 'each logit moved with its variable');
    }
  }
  assert.deepEqual(flips, [], 'pairing flips nothing');
  x[relaxation.positionOf(4)] = -1;
  relaxation.setBlock(relaxation.positionOf(4) & ~1, 2, x);
  relaxation.setBlock(relaxation.positionOf(4) & ~1, 2, x);
  assert.deepEqual(flips, [4], 'only the variable whose sign changed flips, once');
  assert.equal(assignment[4], 0);
  assert.deepEqual(Array.from(relaxation.journal.subarray(0, relaxation.journaled)), [4]);
});

test('on Max-Cut the focused preset reports exact cuts and beats a random cut', async () => {
  const g = randomGraph({ nodes: 120, edges: 700, weights: { kind: 'unit' }, seed: 4 });
  const problem = { kind: 'quadratic' as const, model: maxCutModel(g), metricsOf: (cost: bigint) => ({ cutWeight: -Number(cost) }) };
  const session = new PolyStepBinary(problem, { preset: 'focused', seed: 2 });
  const result = await runSolver(session, { maxSteps: 20 }, { progressEvery: 0 });
  assert.equal(-result.best.cost, cutValue(g, result.best.assignment));
  // a random cut holds half the edges; a local optimum of single flips at least half of each vertex's
  assert.ok(-result.best.cost > (g.numEdges * 6) / 10, `cut ${-result.best.cost} of ${g.numEdges} edges`);
});
