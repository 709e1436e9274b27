// Form fields generated from a JSON Schema object (the catalog's configSchema and terminationSchema):
// numbers and integers as number inputs, enums and booleans as selects, exact integers (string or
// integer) as text, anything else (unions such as schedules, objects) as a JSON text box. A blank
// field is left out of the request, so the service's defaults apply.

import { h } from './dom.js';
import type { JsonSchema } from './types.js';

export type FieldKind = 'number' | 'integer' | 'enum' | 'boolean' | 'exact' | 'json';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly options: readonly string[];
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
}

function types(s: JsonSchema): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? [...s.type] : [s.type as string];
}

/** The field kind a property's schema asks for. */
export function fieldKind(s: JsonSchema): { kind: FieldKind; options: string[] } {
  if (s.enum !== undefined && s.enum.every((v) => typeof v === 'string' || typeof v === 'number')) return { kind: 'enum', options: s.enum.map(String) };
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined) {
    // A decimal string or an integer: an exact integer, typed as text so no digit is lost.
    const kinds = alternatives.map((a) => types(a).join('|'));
    if (kinds.length === 2 && kinds.includes('string') && kinds.includes('integer')) return { kind: 'exact', options: [] };
    // Only constants and strings: a closed list of choices.
    const values = alternatives.flatMap((a) => a.enum ?? (a.const !== undefined ? [a.const] : [undefined]));
    if (values.every((v) => typeof v === 'string')) return { kind: 'enum', options: values as string[] };
    return { kind: 'json', options: [] };
  }
  const t = types(s);
  if (t.length === 1 && t[0] === 'integer') return { kind: 'integer', options: [] };
  if (t.length === 1 && t[0] === 'number') return { kind: 'number', options: [] };
  if (t.length === 1 && t[0] === 'boolean') return { kind: 'boolean', options: ['true', 'false'] };
  return { kind: 'json', options: [] };
}

/** A `$ref` into the document's own `$defs` or `definitions` followed (one level); other nodes as they are. */
function resolved(root: JsonSchema, s: JsonSchema): JsonSchema {
  const m = s.$ref === undefined ? null : /^#\/(\$defs|definitions)\/(.+)$/.exec(s.$ref);
  if (m === null) return s;
  const defs = (root as Record<string, unknown>)[m[1]] as Record<string, JsonSchema> | undefined;
  return { ...(defs?.[decodeURIComponent(m[2])] ?? {}), description: s.description ?? defs?.[m[2]]?.description };
}

export function fieldsOf(root: JsonSchema): FieldSpec[] {
  const schema = resolved(root, root);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const s = resolved(root, property);
    const { kind, options } = fieldKind(s);
    return { name, kind, options, description: s.description ?? '', min: s.minimum ?? s.exclusiveMinimum, max: s.maximum ?? s.exclusiveMaximum };
  });
}

/** The input for one field, named `prefix.name`, with `initial` filled in when given. */
export function fieldInput(prefix: string, f: FieldSpec, initial?: string): HTMLElement {
  const name = `${prefix}.${f.name}`;
  const common = { name, id: name, 'data-kind': f.kind, title: f.description || null };
  let input: HTMLElement;
  if (f.kind === 'enum' || f.kind === 'boolean') {
    input = h('select', common, h('option', { value: '' }, '(default)'), ...f.options.map((o) => h('option', { value: o, selected: o === initial }, o)));
  } else if (f.kind === 'json') {
    input = h('input', { ...common, type: 'text', placeholder: 'JSON, e.g. 0.5 or {"kind":"linear",…}', value: initial ?? null, class: 'json' });
  } else if (f.kind === 'exact') {
    input = h('input', { ...common, type: 'text', inputmode: 'numeric', pattern: '-?[0-9]+', placeholder: 'integer', value: initial ?? null });
  } else {
    input = h('input', { ...common, type: 'number', step: f.kind === 'integer' ? '1' : 'any', min: f.min ?? null, max: f.max ?? null, value: initial ?? null });
  }
  return h('label.field', { for: name }, h('span', {}, f.name), input, f.description === '' ? null : h('small', {}, f.description));
}

export class FieldError extends Error {}

/** The values of the fields under `prefix` in `form`, blanks left out; throws FieldError on bad input. */
export function readFields(form: HTMLFormElement, prefix: string, fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const el = form.elements.namedItem(`${prefix}.${f.name}`) as HTMLInputElement | HTMLSelectElement | null;
    const raw = el?.value.trim() ?? '';
    if (raw === '') continue;
    switch (f.kind) {
      case 'integer':
      case 'number': {
        const n = Number(raw);
        if (!Number.isFinite(n) || (f.kind === 'integer' && !Number.isInteger(n))) throw new FieldError(`${f.name}: ${f.kind === 'integer' ? 'an integer' : 'a number'} is needed`);
        out[f.name] = n;
        break;
      }
      case 'boolean':
        out[f.name] = raw === 'true';
        break;
      case 'exact':
        if (!/^-?[0-9]+$/.test(raw)) throw new FieldError(`${f.name}: a whole number is needed`);
        out[f.name] = raw;
        break;
      case 'json':
        try {
          out[f.name] = JSON.parse(raw);
        } catch {
          throw new FieldError(`${f.name}: not valid JSON`);
        }
        break;
      default:
        out[f.name] = raw;
    }
  }
  return out;
}
