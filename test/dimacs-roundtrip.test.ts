import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dimacsToString } from '../src/problems/maxsat/dimacs-writer.js';
import { clauseLiterals, exactWeight, type DimacsFormat, type MaxSatInstance } from '../src/problems/maxsat/instance.js';
import { parseDimacs } from '../src/problems/maxsat/parse-dimacs.js';
import { randomInstance, type InstanceKind } from './support/random-instance.js';

function shape(inst: MaxSatInstance) {
  return Array.from({ length: inst.numClauses }, (_, c) => [clauseLiterals(inst, c), inst.hard[c], exactWeight(inst, c)]);
}

const FORMATS: Record<InstanceKind, DimacsFormat[]> = {
  unweighted: ['cnf', 'wcnf', 'wcnf-old'],
  weighted: ['wcnf', 'wcnf-old'],
  partial: ['wcnf', 'wcnf-old'],
};

test('writing then parsing gives back the same clauses, hard flags and exact weights', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const kind = (['unweighted', 'weighted', 'partial'] as const)[seed % 3];
    const inst = randomInstance(seed, { numVars: 1 + (seed % 17), numClauses: seed * 3, kind, maxClauseLength: 12, hugeWeights: seed % 2 === 0 });
    for (const format of FORMATS[kind]) {
      const text = dimacsToString(inst, format);
      const parsed = parseDimacs(text, { format });
      assert.ok(parsed.ok, `${seed} ${format}: ${!parsed.ok && JSON.stringify(parsed.issues)}`);
      assert.equal(parsed.value.numVars, inst.numVars);
      assert.deepEqual(shape(parsed.value), shape(inst), `seed ${seed}, ${format}`);
    }
  }
});
