// `npm run openapi:sync`: writes the schemas generated from the zod config schema into openapi.yaml.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { INSTANCES_DIR } from '../instances/manifest.js';
import { configJsonSchemas } from '../solvers/config-schema.js';

const COMPONENT_INDENT = '    ';

/**
 * Replaces the block of `components.schemas.<id>` (the key line at four spaces and every deeper or
 * blank line after it) by `schema`, leaving every other line of the document as it was written.
 */
function replaceComponent(text: string, id: string, schema: unknown): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`${COMPONENT_INDENT}${id}:`);
  if (start < 0) throw new Error(`openapi.yaml has no components.schemas.${id} at four spaces`);
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].startsWith(`${COMPONENT_INDENT} `))) end++;
  while (end > start + 1 && lines[end - 1].trim() === '') end--;
  const body = stringify(schema, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((l) => `${COMPONENT_INDENT}  ${l}`);
  return [...lines.slice(0, start + 1), ...body, ...lines.slice(end)].join('\n');
}

const path = resolve(INSTANCES_DIR, '../openapi.yaml');
let text = readFileSync(path, 'utf8');
const schemas = configJsonSchemas();
for (const [id, schema] of Object.entries(schemas)) text = replaceComponent(text, id, schema);
writeFileSync(path, text);
console.log(`openapi.yaml: ${Object.keys(schemas).join(', ')} written from src/solvers/config-schema.ts`);
