// Locations the tests read, resolved from the compiled file (dist/test/support/paths.js).

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixturesDir = resolve(repoRoot, 'test/fixtures');
export const instancesDir = resolve(repoRoot, 'instances');
/** The team's shared instance folder beside the repo; absent outside the team's machines. */
export const sharedInstancesDir = resolve(repoRoot, '../shared/instances');
export const hasSharedInstances = existsSync(sharedInstancesDir);
