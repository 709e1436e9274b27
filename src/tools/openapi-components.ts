// The components of openapi.yaml that are generated, not written: the config schemas (zod) and the
// names the problem and solver registries define (families, formats, solvers, presets).

import { stringify } from 'yaml';
import { FAMILIES, ALL_FORMATS, FAMILY_NAMES } from '../problems/registry.js';
import { PRESETS, presetsOf } from '../solvers/binary/presets.js';
import { configJsonSchemas } from '../solvers/config-schema.js';
import { SOLVERS, SOLVER_NAMES } from '../solvers/registry.js';

const COMPONENT_INDENT = '    ';

const code = (s: string) => `\`${s}\``;
const list = (items: readonly string[]) => items.map(code).join(', ');
/** `a`, `a and b`, `a, b and c`. */
const both = (items: readonly string[]) => (items.length < 2 ? list(items) : `${list(items.slice(0, -1))} and ${code(items[items.length - 1])}`);

/** The component holding one family's formats: `maxsat` → `MaxsatFormat`. */
export function familyComponentId(family: string, suffix: string): string {
  return `${family.charAt(0).toUpperCase()}${family.slice(1)}${suffix}`;
}

function familiesOf(engines: readonly string[]): string[] {
  return FAMILIES.filter((f) => engines.includes(f.engineKind)).map((f) => f.name);
}

function familySchemas(): Record<string, unknown> {
  const perFamily = FAMILIES.map((f) => `* ${code(f.name)} (${f.title}): ${list(f.formats)}`).join('\n');
  const schemas: Record<string, unknown> = {
    ProblemFamily: {
      type: 'string',
      enum: [...FAMILY_NAMES],
      description: `A problem family, and the formats its documents come in:\n\n${perFamily}`,
    },
    ProblemFormat: {
      type: 'string',
      enum: [...ALL_FORMATS],
      description: `The concrete format a document was read as. Each format belongs to one family:\n\n${perFamily}`,
    },
    ProblemFormatHint: {
      type: 'string',
      enum: ['auto', ...ALL_FORMATS],
      default: 'auto',
      description: `${code('auto')} detects the family and format from the content (and the file name); a concrete format also names its family (400 ${code('FAMILY_MISMATCH')} when a family named beside it differs).`,
    },
  };
  for (const f of FAMILIES) {
    schemas[familyComponentId(f.name, 'Format')] = { type: 'string', enum: [...f.formats], description: `The formats of ${f.title} problems.` };
  }
  return schemas;
}

function solverSchemas(): Record<string, unknown> {
  const reads = (s: (typeof SOLVERS)[number]) =>
    s.usesPreset && s.usesConfig ? `reads ${code('preset')} and ${code('config')}` : s.usesPreset ? `reads ${code('preset')}` : s.usesConfig ? `reads ${code('config')}` : `reads neither ${code('preset')} nor ${code('config')}`;
  const solvers = SOLVERS.map((s) => `* ${code(s.name)}: ${s.summary} Solves ${list(familiesOf(s.engines))}; ${reads(s)}; ${s.usesBackend ? `evaluates batches on the run's ${code('backend')}` : 'evaluates incrementally on the CPU'}.`).join('\n');
  const presetReaders = SOLVERS.filter((s) => s.usesPreset).map((s) => s.name);
  const offered = FAMILIES.map((f) => `${f.title}: ${list(presetsOf(f.engineKind))}`).join('; ');
  const others = SOLVER_NAMES.filter((n) => !presetReaders.includes(n));
  return {
    SolverName: {
      type: 'string',
      enum: [...SOLVER_NAMES],
      description: `${solvers}\n\nA solver asked for a family it does not solve is refused with 400 ${code('UNSUPPORTED_FAMILY')}; a ${code('preset')} or a non-empty ${code('config')} given to a solver that does not read it, with 400 ${code('PRESET_IGNORED')} / ${code('CONFIG_IGNORED')}.`,
    },
    PresetName: {
      type: 'string',
      enum: [...PRESETS],
      description: `A PolyStep preset, read by ${both(presetReaders)} only. The presets each family offers (400 ${code('INVALID_PRESET')} for another): ${offered}.`,
    },
    BenchmarkSolverKey: {
      type: 'string',
      pattern: `^((${presetReaders.join('|')})(:(${PRESETS.join('|')}))?|${others.join('|')})$`,
      description: `A solver config ${code('name[:preset]')}; only ${both(presetReaders)} take a preset. Stored keys are canonical: ${code('polystep')} always carries its preset (${code('polystep')} → ${code('polystep:default')}), the others only a non-default one (${code('hybrid:default')} → ${code('hybrid')}).`,
    },
  };
}

/** Every generated component of `components.schemas`, by id. */
export function generatedSchemas(): Record<string, unknown> {
  return { ...configJsonSchemas(), ...familySchemas(), ...solverSchemas() };
}

/**
 * Replaces the block of `components.schemas.<id>` (the key line at four spaces and every deeper or
 * blank line after it) by `schema`, leaving every other line of the document as it was written.
 */
function replaceComponent(text: string, id: string, schema: unknown): string {
  const lines = text.split('\n');
  const key = `${COMPONENT_INDENT}${id}:`;
  // The key alone, or with an inline value (a placeholder such as `{}` for a component not written yet).
  const start = lines.findIndex((l) => l === key || l.startsWith(`${key} `));
  if (start < 0) throw new Error(`openapi.yaml has no components.schemas.${id} at four spaces: add the key (any value) where it belongs`);
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].startsWith(`${COMPONENT_INDENT} `))) end++;
  while (end > start + 1 && lines[end - 1].trim() === '') end--;
  const body = stringify(schema, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : `${COMPONENT_INDENT}  ${l}`));
  return [...lines.slice(0, start), key, ...body, ...lines.slice(end)].join('\n');
}

/** The document with every generated component written in: equal to `text` when it is in sync. */
export function syncOpenApiText(text: string): string {
  let synced = text;
  for (const [id, schema] of Object.entries(generatedSchemas())) synced = replaceComponent(synced, id, schema);
  return synced;
}
