import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSolverList, SolverSpecError } from '../src/bench/solver-spec.js';

test('a solver list parses to canonical keys, solver names and presets, in the order given', () => {
  const specs = parseSolverList('polystep:default,polystep:paper,walksat,probsat,openai-es,polystep-es,hybrid');
  assert.deepEqual(
    specs.map((s) => [s.key, s.solver, s.preset]),
    [
      ['polystep:default', 'polystep', 'default'],
      ['polystep:paper', 'polystep', 'paper'],
      ['walksat', 'walksat', 'default'],
      ['probsat', 'probsat', 'default'],
      ['openai-es', 'openai-es', 'default'],
      ['polystep-es', 'polystep-es', 'default'],
      ['hybrid', 'hybrid', 'default'],
    ],
  );
});

test('bare polystep means polystep:default, hybrid:default means hybrid, and lists may be arrays with spaces', () => {
  assert.deepEqual(parseSolverList([' polystep ', 'hybrid:default, hybrid:paper']).map((s) => s.key), ['polystep:default', 'hybrid', 'hybrid:paper']);
});

test('unknown solvers and presets, presets on solvers without one, repeats and empty lists are refused clearly', () => {
  const refusals: [string | string[], RegExp][] = [
    ['polystep,gsat', /unknown solver "gsat".*solvers are polystep, polystep-es, openai-es, walksat, probsat, tabu, dsatur, tabucol, hea, hybrid/],
    ['polystep:fast', /unknown preset "fast".*presets are/],
    ['walksat:paper', /walksat takes no preset/],
    ['polystep:paper:x', /not name\[:preset\]/],
    ['polystep,polystep:default', /polystep:default is listed twice/],
    [' , ', /no solver given/],
    [[], /no solver given/],
  ];
  for (const [list, message] of refusals) assert.throws(() => parseSolverList(list), (err: Error) => err instanceof SolverSpecError && message.test(err.message), String(list));
});
