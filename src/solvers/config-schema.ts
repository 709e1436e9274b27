// The one schema of PolyStep config overrides: REST validation, the CLI and openapi.yaml all use it.

import { z } from 'zod';
import { AppError } from '../common/app-error.js';
import { withDefaults, type PolyStepConfig } from '../optimizer/config.js';
import { validateConfig } from '../optimizer/validate-config.js';
import { MAX_BLOCK } from './binary/relaxation.js';
import { presetFor, type PresetName } from './binary/presets.js';
import type { EngineKind } from './engine.js';

/** Probes per vertex direction: each costs a full evaluation round, so more is rarely worth it. */
export const MAX_PROBES = 16;
/** Amortisation windows beyond this many steps reuse plans that no longer fit the point. */
export const MAX_AMORTIZE_STEPS = 100;

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);

/** Schemas with an id become components of openapi.yaml (see `configJsonSchemas`). */
export const configSchemaRegistry = z.registry<{ id: string; description?: string }>();

export const scheduleSchema = z.union([
  nonNegative,
  z.strictObject({ kind: z.literal('linear'), init: nonNegative, target: nonNegative, decay: nonNegative }),
  z.strictObject({
    kind: z.literal('cosine'),
    init: nonNegative,
    target: nonNegative,
    decay: nonNegative,
    totalSteps: z.number().int().min(0).optional(),
    restartMult: positive.optional(),
  }),
]);
configSchemaRegistry.add(scheduleSchema, { id: 'Schedule', description: 'A constant (≥ 0), or a schedule of the step counter.' });

/** PolyStep settings a run may override on top of its preset (spec names in camelCase). */
export const configOverridesSchema = z.strictObject({
  polytopeType: z.enum(['orthoplex', 'simplex', 'cube']).optional(),
  particleDim: z.number().int().min(2).max(MAX_BLOCK).optional().describe("Dimension of each variable's particle (block)."),
  epsilon: scheduleSchema.optional(),
  stepRadius: scheduleSchema.optional().describe('A constant radius is multiplied by epsilon(t); a scheduled one is not.'),
  probeRadius: scheduleSchema.optional(),
  numProbe: z.number().int().min(1).max(MAX_PROBES).optional(),
  solver: z.enum(['softmax', 'sinkhorn']).optional().describe('The weight solver.'),
  scaleCost: z
    .union([z.null(), positive, z.enum(['mean', 'max_cost'])])
    .optional()
    .describe('null: costs unchanged; a number s > 0: divide by s; `mean` / `max_cost`: divide by the mean / largest cost.'),
  useMomentum: z.boolean().optional(),
  momentumInit: z.number().min(0).max(1).optional(),
  momentumFinal: z.number().min(0).max(1).optional(),
  velocityLr: positive.optional(),
  maxIterations: z.number().int().min(1).optional().describe('Length of the momentum ramp, in steps; it stops nothing.'),
  amortizeSteps: z.number().int().min(1).max(MAX_AMORTIZE_STEPS).optional(),
  amortizeEma: z.number().min(0).max(1).optional(),
  useAdaptiveRadius: z.boolean().optional(),
  probeRadiusJitter: z.number().min(0).lt(1).optional(),
  clipToProbe: z
    .union([z.null(), positive])
    .optional()
    .describe('Bounds every coordinate to ±clipToProbe × the largest probe offset; null leaves them unbounded.'),
});
configSchemaRegistry.add(configOverridesSchema, { id: 'ConfigOverrides', description: "PolyStep settings that override the preset's (all optional)." });

export type ConfigOverrides = z.infer<typeof configOverridesSchema>;

/**
 * Overrides checked twice: field by field against the schema, then merged with the preset (for an
 * instance of `variables` variables on `engine`) and checked as a whole by the optimizer's own validation.
 * Any failure is an `invalid` AppError (INVALID_CONFIG) naming the field.
 */
export function parseConfigOverrides(input: unknown, preset: PresetName, variables: number, engine: EngineKind = 'clauses'): Partial<PolyStepConfig> {
  const parsed = configOverridesSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['config', ...i.path].join('.'), message: i.message, code: i.code }));
    throw new AppError('invalid', 'INVALID_CONFIG', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const overrides = parsed.data as Partial<PolyStepConfig>;
  try {
    validateConfig(withDefaults({ ...presetFor(engine, preset, variables).config, ...overrides }));
  } catch (err) {
    throw new AppError('invalid', 'INVALID_CONFIG', (err as Error).message);
  }
  return overrides;
}

/** The registered schemas as JSON Schema (2020-12), keyed by id, with refs to openapi components. */
export function configJsonSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(configSchemaRegistry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}
