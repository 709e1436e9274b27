import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRegressionCsv } from '../src/instances/regression-csv.js';
import { checkHardFeasibility } from '../src/problems/maxsat/hard-feasibility.js';
import type { MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { parseDimacsFile } from '../src/problems/maxsat/parse-dimacs.js';
import { verifyAssignment } from '../src/problems/maxsat/verifier.js';
import { cli } from './support/run-cli.js';
import { hasSharedInstances, instancesDir, sharedInstancesDir } from './support/paths.js';

const regressionDir = join(instancesDir, 'maxsat-regression');

async function load(path: string): Promise<MaxSatInstance> {
  const result = await parseDimacsFile(path);
  if (!result.ok) assert.fail(`${path}: ${JSON.stringify(result.issues)}`);
  return result.value;
}

for (const suite of ['baseWCNFs', 'MSE22Unique']) {
  test(`verify reproduces every BestOValue and UNSATISFIABLE row of ${suite}.csv`, async () => {
    const rows = readRegressionCsv(join(regressionDir, `${suite}.csv`));
    assert.ok(rows.length >= 15);
    for (const row of rows) {
      const path = join(regressionDir, row.file);
      const inst = await load(path);
      if (!row.satisfiable) {
        const run = await cli('verify', path, '0'.repeat(inst.numVars));
        assert.match(run.stdout, /^s UNSATISFIABLE$/m, row.file);
        assert.doesNotMatch(run.stdout, /^o /m, row.file);
        assert.equal(run.code, 20, row.file);
        continue;
      }
      if (row.model === null) assert.equal(inst.numVars, 0, `${row.file} has no model`);
      const model = row.model ?? '';
      const run = await cli('verify', path, model);
      assert.equal(run.stderr, '', row.file);
      assert.equal(run.stdout.match(/^o (\d+)$/m)?.[1], row.bestCost?.toString(), row.file);
      assert.ok(run.code === 30 || run.code === 10, `${row.file}: exit ${run.code}`);
    }
  });
}

function allHard(inst: MaxSatInstance): MaxSatInstance {
  return { ...inst, hard: new Uint8Array(inst.numClauses).fill(1) };
}

test('SATLIB uf and flat instances are satisfiable and uuf instances are not', async () => {
  const satlib = join(instancesDir, 'satlib');
  let checked = 0;
  for (const family of readdirSync(satlib)) {
    const header = /^u?uf(\d+)-(\d+)$|^flat(\d+)-(\d+)$/.exec(family);
    assert.ok(header, family);
    // uf/uuf folders are named by variables and clauses; flat ones by graph nodes (3 colours each) and edges.
    const vars = header[1] !== undefined ? Number(header[1]) : Number(header[3]) * 3;
    for (const file of readdirSync(join(satlib, family))) {
      const inst = await load(join(satlib, family, file));
      assert.equal(inst.numVars, vars, file);
      if (header[2] !== undefined) assert.equal(inst.numClauses, Number(header[2]), file);
      const outcome = checkHardFeasibility(allHard(inst), { maxConflicts: 1_000_000 });
      if (family.startsWith('uuf')) {
        assert.equal(outcome.status, 'unsatisfiable', file);
      } else {
        assert.equal(outcome.status, 'satisfiable', file);
        if (outcome.status === 'satisfiable') assert.equal(verifyAssignment(inst, outcome.model).cost, 0n, file);
      }
      checked++;
    }
  }
  assert.equal(checked, 68);
});

test('the bundled instance files are byte-identical to the shared library', { skip: !hasSharedInstances && 'no ../shared/instances here' }, () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)).map((p) => `${e.name}/${p}`) : [e.name]));
  // The shared library grows ahead of the project (families not bundled yet): every bundled copy
  // of a shared file must be byte-identical, and the bundled SATLIB, MaxSAT-regression, Gset and colouring folders complete.
  const shared = new Set(walk(sharedInstancesDir));
  const copies = walk(instancesDir).filter((p) => shared.has(p));
  assert.ok(copies.length > 200);
  for (const path of copies) {
    assert.ok(readFileSync(join(sharedInstancesDir, path)).equals(readFileSync(join(instancesDir, path))), path);
  }
  const bundled = new Set(copies);
  for (const path of shared) {
    if (/^(satlib|maxsat-regression|gset|coloring)\//.test(path)) assert.ok(bundled.has(path), `${path} is not bundled`);
  }
});
