// Request schemas (zod): every body and query the API accepts is validated here.

import { z } from 'zod';
import { configOverridesSchema } from '../solvers/config-schema.js';

export const formatSchema = z.enum(['auto', 'cnf', 'wcnf-old', 'wcnf']);

export const terminationSchema = z
  .strictObject({
    maxSteps: z.number().int().min(1).max(1e9).optional(),
    timeLimitMs: z.number().int().min(1).max(7 * 24 * 3600 * 1000).optional(),
    targetCost: z.union([z.string().regex(/^[0-9]+$/, 'a decimal integer'), z.number().int().min(0)]).optional(),
    stallSteps: z.number().int().min(1).optional(),
  })
  .transform((t) => ({
    ...t,
    maxSteps: t.maxSteps ?? (t.timeLimitMs === undefined ? 1000 : undefined),
    targetCost: t.targetCost === undefined ? undefined : String(t.targetCost),
  }));

export const inlineProblemSchema = z.strictObject({
  /** Absent: the `format` query parameter, else auto-detection. */
  format: formatSchema.optional(),
  content: z.string().min(1, 'content is empty'),
  name: z.string().max(255).optional(),
});

export const runRequestSchema = z
  .strictObject({
    problemId: z.string().min(1).optional(),
    problem: inlineProblemSchema.optional(),
    solver: z.enum(['polystep', 'polystep-es', 'openai-es', 'walksat', 'probsat', 'hybrid']).default('polystep'),
    /** Batch evaluation backend of population solvers; the service default when absent. */
    backend: z.enum(['auto', 'cpu', 'tfjs', 'gpu']).optional(),
    preset: z.enum(['default', 'paper']).default('default'),
    config: configOverridesSchema.default({}),
    termination: terminationSchema.default({ maxSteps: 1000 } as never),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
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

export const evaluateSchema = z.strictObject({ assignment: z.string() });

/** DELETE /v1/problems/:id: deleting the problem's (finished) runs too must be asked for. */
export const deleteProblemQuerySchema = z.object({
  cascade: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const problemQuerySchema = z.object({
  format: formatSchema.default('auto'),
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
