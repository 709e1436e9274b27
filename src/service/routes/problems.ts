// /v1/problems: upload (JSON, raw text or multipart), list, read, delete, evaluate an assignment.

import { Router, type Request } from 'express';
import { objectiveOf } from '../../problems/family.js';
import type { ProblemRepository } from '../../store/problem-repository.js';
import type { RunRepository } from '../../store/run-repository.js';
import { AppError, echo, notFound } from '../../common/app-error.js';
import type { IntakeSource, ProblemService } from '../problem-service.js';
import { rawJsonOf } from '../raw-json.js';
import { readMultipartFile, readRaw } from '../request-body.js';
import { requireJson } from '../require-json.js';
import { deleteProblemQuerySchema, evaluateSchema, inlineProblemSchema, pageQuerySchema, problemQuerySchema } from '../schemas.js';
import { problemView } from '../views.js';

export interface ProblemRouteDeps {
  readonly problems: ProblemRepository;
  readonly runs: RunRepository;
  readonly intake: ProblemService;
  readonly maxUploadBytes: number;
}

/** Where the upload's content comes from; a raw or multipart body is read as it arrives. */
interface Upload {
  readonly source: IntakeSource;
  readonly fileName: string | null;
  readonly family?: string;
  readonly format?: string;
  readonly select?: number;
}

async function upload(req: Request, maxBytes: number): Promise<Upload> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const file = await readMultipartFile(req, maxBytes);
    return { source: file.chunks, fileName: file.fileName };
  }
  if (type.startsWith('application/json')) {
    const document = quboDocument(req);
    if (document !== null) return { source: document, fileName: null, family: 'qubo', format: 'qubo-json' };
    const body = inlineProblemSchema.parse(req.body);
    return { source: Buffer.from(body.content, 'utf8'), fileName: body.name ?? null, family: body.family, format: body.format, select: body.select };
  }
  if (type === '' || /^(text\/|application\/(octet-stream|gzip|x-gzip))/.test(type)) return { source: readRaw(req, maxBytes).chunks, fileName: null };
  throw new AppError('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', `send JSON {content, family?, format?}, a QUBO JSON document {n, terms, sense?}, the raw file (text/plain or application/gzip) or multipart/form-data, not ${echo(type)}`);
}

/**
 * A QUBO JSON document posted as the body itself (`{n, terms, …}`, no `content`): its own bytes go
 * to the QUBO parser, so coefficients beyond 2^53 stay exact and errors point into the document.
 */
function quboDocument(req: Request): Buffer | null {
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'content' in body || !('terms' in body)) return null;
  return rawJsonOf(req) ?? null;
}

export function problemRoutes(deps: ProblemRouteDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const query = problemQuerySchema.parse(req.query);
    const body = await upload(req, deps.maxUploadBytes);
    const options = { family: body.family ?? query.family, format: body.format ?? query.format, select: body.select ?? query.select };
    const { record, created } = await deps.intake.ingest(body.source, { ...options, name: query.name ?? body.fileName, mode: query.mode });
    res.status(created ? 201 : 200).location(`/v1/problems/${record.id}`).json(problemView(record));
  });

  router.get('/', (req, res) => {
    const { limit, offset } = pageQuerySchema.parse(req.query);
    const page = deps.problems.list({ limit, offset });
    res.json({ ...page, items: page.items.map(problemView) });
  });

  router.get('/:id', (req, res) => {
    const record = deps.problems.get(req.params.id);
    if (record === null) throw notFound('problem', req.params.id);
    res.json(problemView(record));
  });

  router.delete('/:id', (req, res) => {
    const { cascade } = deleteProblemQuerySchema.parse(req.query);
    if (deps.problems.get(req.params.id) === null) throw notFound('problem', req.params.id);
    if (deps.runs.hasActiveRuns(req.params.id)) throw new AppError('conflict', 'PROBLEM_IN_USE', `problem ${echo(req.params.id)} has queued or running runs; cancel them first`);
    // Its runs, traces and solutions go with it: that must be asked for, never a side effect.
    if (!cascade && deps.runs.hasRuns(req.params.id)) throw new AppError('conflict', 'PROBLEM_HAS_RUNS', `problem ${echo(req.params.id)} has runs; delete with ?cascade=true to delete them (and their traces) too`);
    deps.problems.delete(req.params.id);
    res.status(204).end();
  });

  router.post('/:id/evaluate', requireJson, (req, res) => {
    const { assignment } = evaluateSchema.parse(req.body);
    const loaded = deps.intake.load(req.params.id);
    if (loaded === null) throw notFound('problem', req.params.id);
    const { family, inst, sense } = loaded;
    const parsed = family.parseAssignment(inst, assignment);
    if (!parsed.ok) throw new AppError('invalid', 'BAD_ASSIGNMENT', parsed.issues[0].message, { issues: parsed.issues });
    const { score, details } = family.explain?.(inst, parsed.value) ?? { score: family.score(inst, parsed.value), details: {} };
    res.json({ problemId: req.params.id, family: family.name, sense, objective: objectiveOf(sense, score.cost).toString(), cost: score.cost.toString(), feasible: score.feasible, metrics: score.metrics, ...details });
  });

  return router;
}
