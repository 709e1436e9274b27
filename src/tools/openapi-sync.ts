// `npm run openapi:sync`: writes the generated components (config schemas, registry enums) into openapi.yaml.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { generatedSchemas, syncOpenApiText } from './openapi-components.js';

const path = resolve(INSTANCES_DIR, '../openapi.yaml');
const before = readFileSync(path, 'utf8');
const after = syncOpenApiText(before);
if (after !== before) writeFileSync(path, after);
console.log(`openapi.yaml: ${Object.keys(generatedSchemas()).join(', ')} ${after === before ? 'already in sync' : 'written'} (from src/solvers/config-schema.ts and the problem and solver registries)`);
