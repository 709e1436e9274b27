// openapi.yaml passes a maintained OpenAPI linter (Redocly's recommended rules), offline, as a library.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createConfig, lint, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { openApiPath } from './support/openapi.js';

/** Warnings the document keeps on purpose, by rule and pointer, each with its reason. */
const ACCEPTED_WARNINGS: Readonly<Record<string, string>> = {
  'no-server-example.com #/servers/1/url': 'the second server is the local default of `polystep serve` (the first, `/`, is wherever the document was fetched from)',
  'operation-4xx-response #/paths/~1healthz/get/responses': 'liveness takes no input, so it has no client error',
  'operation-4xx-response #/paths/~1readyz/get/responses': 'readiness takes no input, so it has no client error',
  'operation-4xx-response #/paths/~1openapi.yaml/get/responses': 'the document takes no input, so it has no client error',
  'no-unused-components #/components/schemas/RunEvent': 'the data of each server-sent event, which text/event-stream cannot reference',
};

const where = (p: NormalizedProblem) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`;
const describe = (problems: readonly NormalizedProblem[]) => problems.map((p) => `${p.severity} ${where(p)}: ${p.message}`).join('\n');

async function recommended() {
  return createConfig({ extends: ['recommended'] });
}

test('openapi.yaml has no lint error, and only the warnings it keeps on purpose', async () => {
  const problems = await lint({ ref: openApiPath, config: await recommended() });
  const errors = problems.filter((p) => p.severity === 'error');
  assert.equal(errors.length, 0, `lint errors:\n${describe(errors)}`);
  const unexpected = problems.filter((p) => p.severity === 'warn' && !(where(p) in ACCEPTED_WARNINGS));
  assert.equal(unexpected.length, 0, `new lint warnings (fix them, or accept them with a reason):\n${describe(unexpected)}`);
});

test('the linter catches an unquoted comma that splits a description into a stray key', async () => {
  const source = readFileSync(openApiPath, 'utf8');
  const quoted = "description: 'Falsified clauses, hard and soft.'";
  assert.ok(source.includes(quoted), 'the sample line is still in the document');
  const broken = source.replace(quoted, 'description: Falsified clauses, hard and soft.');
  const problems = await lintFromString({ source: broken, absoluteRef: openApiPath, config: await recommended() });
  const stray = problems.filter((p) => p.severity === 'error' && p.ruleId === 'struct');
  assert.equal(stray.length, 1, describe(problems));
  assert.match(stray[0].message, /hard and soft\./);
});
