import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntakeClient } from '../src/service/intake/intake-client.js';
import type { IntakeRequest } from '../src/service/intake/intake-protocol.js';

const request: IntakeRequest = { format: 'auto', fileName: null, name: null, mode: 'strict', maxBytes: 1 << 20, databasePath: null };

test('an upload whose parse worker dies fails as INTAKE_FAILED, and the next upload gets a new worker', async () => {
  const client = new IntakeClient(new URL('./fixtures/crashing-intake-worker.js', import.meta.url));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const upload = client.open(request);
      await upload.write(Buffer.from('p cnf 1 1\n1 0\n'));
      const outcome = await upload.end();
      assert.deepEqual(!outcome.ok && [outcome.failure.kind, outcome.failure.code], ['internal', 'INTAKE_FAILED']);
      assert.equal(client.inFlight, 0);
    }
  } finally {
    await client.close();
  }
});

test('the real worker parses an upload sent in pieces, and close() refuses later uploads', async () => {
  const client = new IntakeClient();
  const upload = client.open(request);
  for (const piece of ['p cnf 3', ' 2\n1 -', '2 0\n3 0\n']) await upload.write(Buffer.from(piece));
  const outcome = await upload.end();
  assert.ok(outcome.ok && 'problem' in outcome);
  assert.deepEqual([outcome.problem.family, outcome.problem.format, outcome.problem.terms, outcome.problem.contentBytes], ['maxsat', 'cnf', 2, 21]);
  await client.close();
  const late = await client.open(request).end();
  assert.deepEqual(!late.ok && late.failure.code, 'SERVICE_STOPPING');
});
