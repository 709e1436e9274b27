// Request schemas (zod): every body and query the API accepts is validated here.

import { z } from 'zod';
import { ALL_FORMATS, FAMILY_NAMES } from '../problems/registry.js';
import { PRESETS } from '../solvers/binary/presets.js';
import { configOverridesSchema } from '../solvers/config-schema.js';
import { SOLVER_NAMES } from '../solvers/registry.js';

export const formatSchema = z.enum(['auto', ...ALL_FORMATS] as [string, ...string[]]);
export const familySchema = z.enum(FAMILY_NAMES as [string, ...string[]]);

/** A signed decimal integer (objectives and costs can be negative and exceed 2^53), as text or a safe integer. */
const exactInteger = z.union([z.string().regex(/^-?[0-9]+$/, 'a decimal integer'), z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)]);

export const terminationSchema = z
  .strictObject({
    maxSteps: z.number().int().min(1).max(1e9).optional(),
    timeLimitMs: z.number().int().min(1).max(7 * 24 * 3600 * 1000).optional(),
    /** Stop once the objective, in the problem's own sense, is at least as good as this. */
    targetObjective: exactInteger.optional(),
    /** The same in the engine's minimised cost (MAX-SAT: the same number); kept for clients that send it. */
    targetCost: exactInteger.optional(),
    stallSteps: z.number().int().min(1).optional(),
  })
  .refine((t) => t.targetObjective === undefined || t.targetCost === undefined, { message: 'give targetObjective or targetCost, not both', path: ['targetObjective'] })
  .transform((t) => ({
    ...t,
    maxSteps: t.maxSteps ?? (t.timeLimitMs === undefined ? 1000 : undefined),
    targetObjective: t.targetObjective === undefined ? undefined : String(t.targetObjective),
    targetCost: t.targetCost === undefined ? undefined : String(t.targetCost),
  }));

const selectSchema = z.number().int().min(1).max(1_000_000);

export const inlineProblemSchema = z.strictObject({
  /** Absent: the `family` query parameter, else detected from the format or the content. */
  family: familySchema.optional(),
  /** Absent: the `format` query parameter, else auto-detection. */
  format: formatSchema.optional(),
  /** Which instance of a file that holds several (OR-Library), 1-based. */
  select: selectSchema.optional(),
  content: z.string().min(1, 'content is empty'),
  name: z.string().max(255).optional(),
});

export const runRequestSchema = z
  .strictObject({
    problemId: z.string().min(1).optional(),
    problem: inlineProblemSchema.optional(),
    solver: z.enum(SOLVER_NAMES).default('polystep'),
    /** Batch evaluation backend of population solvers; the service default when absent. */
    backend: z.enum(['auto', 'cpu', 'tfjs', 'gpu']).optional(),
    /** Absent: 'default' for solvers that read presets; a preset given to one that does not is refused. */
    preset: z.enum(PRESETS).optional(),
    /** PolyStep overrides; only solvers that run PolyStep read them. */
    config: configOverridesSchema.optional(),
    termination: terminationSchema.default({ maxSteps: 1000 } as never),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    /** Graph colouring: k of a k-colouring; absent: a chromatic search. Other families refuse it (COLORS_IGNORED). */
    colors: z.number().int().min(1).max(2 ** 31 - 1).optional(),
    /** Starts allowed when the process or machine running the run is lost (a crash, a killed remote worker); 1: it then ends interrupted. */
    maxAttempts: z.number().int().min(1).max(10).default(1),
  })
  .refine((r) => (r.problemId === undefined) !== (r.problem === undefined), {
    message: 'give exactly one of problemId and problem',
    path: ['problemId'],
  });

export type RunRequest = z.infer<typeof runRequestSchema>;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const runListQuerySchema = pageQuerySchema.extend({
  status: z.enum(['queued', 'running', 'completed', 'cancelled', 'failed', 'timed_out', 'interrupted']).optional(),
  problemId: z.string().optional(),
});

/** GET /v1/runs/:id/trace: `format` wins over the Accept header. */
export const traceQuerySchema = z.object({ format: z.enum(['json', 'csv']).optional() });

export const evaluateSchema = z.strictObject({ assignment: z.string() });

/** DELETE /v1/problems/:id: deleting the problem's (finished) runs too must be asked for. */
export const deleteProblemQuerySchema = z.object({
  cascade: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const problemQuerySchema = z.object({
  family: familySchema.optional(),
  format: formatSchema.default('auto'),
  select: z.coerce.number().pipe(selectSchema).optional(),
  mode: z.enum(['strict', 'relaxed']).default('strict'),
  name: z.string().max(255).optional(),
});

/** POST /v1/benchmarks: at least one budget; solver keys are checked by parseSolverList (clear per-name errors). */
export const benchmarkRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    suite: z.string().trim().min(1).max(1000),
    solvers: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(50)]),
    seeds: z.number().int().min(1).max(1000),
    timeLimitMs: z.number().int().min(1).max(24 * 3600 * 1000).optional(),
    maxEvaluations: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((b) => b.timeLimitMs !== undefined || b.maxEvaluations !== undefined, {
    message: 'give timeLimitMs, maxEvaluations or both',
    path: ['timeLimitMs'],
  });

export type BenchmarkRequestBody = z.infer<typeof benchmarkRequestSchema>;
