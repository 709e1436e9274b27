// /v1/runs: submit, read, trace (JSON/CSV), events (SSE), solution (JSON or o/s/v), cancel, list.

import { Router } from 'express';
import type { RunService } from '../../jobs/run-service.js';
import { solutionLines, type SolveStatus } from '../../problems/maxsat/solution-output.js';
import { parseConfigOverrides } from '../../solvers/config-schema.js';
import type { ProblemRepository } from '../../store/problem-repository.js';
import type { RunEventRepository } from '../../store/run-event-repository.js';
import type { RunRepository } from '../../store/run-repository.js';
import type { RunRecord } from '../../store/records.js';
import { AppError, echo, notFound } from '../../common/app-error.js';
import { clientKey } from '../client-key.js';
import type { ProblemService } from '../problem-service.js';
import { runListQuerySchema, runRequestSchema } from '../schemas.js';
import { requireJson } from '../require-json.js';
import { streamRunEvents } from '../sse.js';
import { eventView, runView, traceCsv } from '../views.js';

export interface RunRouteDeps {
  readonly runs: RunRepository;
  readonly events: RunEventRepository;
  readonly problems: ProblemRepository;
  readonly intake: ProblemService;
  readonly service: RunService;
  readonly config: { readonly backend: string };
}

function solutionStatus(run: RunRecord): SolveStatus {
  if (run.stopReason === 'unsatisfiable') return 'UNSATISFIABLE';
  const best = run.best;
  if (best === null || !best.feasible) return 'UNKNOWN';
  return best.cost === 0n || run.stopReason === 'optimal' ? 'OPTIMUM FOUND' : 'SATISFIABLE';
}

export function runRoutes(deps: RunRouteDeps): Router {
  const router = Router();
  const find = (id: string): RunRecord => {
    const run = deps.runs.get(id);
    if (run === null) throw notFound('run', id);
    return run;
  };

  router.post('/', requireJson, async (req, res) => {
    const request = runRequestSchema.parse(req.body);
    const problemId = request.problemId ?? (await deps.intake.ingest(Buffer.from(request.problem?.content ?? '', 'utf8'), { format: request.problem?.format ?? 'auto', name: request.problem?.name ?? null, mode: 'strict' })).record.id;
    const problem = deps.problems.get(problemId);
    if (problem === null) throw notFound('problem', problemId);
    // The preset plus overrides must make a runnable optimizer; checked before anything is queued.
    parseConfigOverrides(request.config, request.preset, problem.variables);
    const run = deps.service.submit({
        problemId,
        solver: request.solver,
        preset: request.preset,
        config: request.config,
        termination: request.termination,
        seed: request.seed,
        backendRequest: request.backend ?? deps.config.backend,
        clientKey: clientKey(req),
      });
    const view = runView(run);
    res.status(202).location(view.links.self).json({ id: run.id, status: run.status, links: view.links });
  });

  router.get('/', (req, res) => {
    const query = runListQuerySchema.parse(req.query);
    const page = deps.runs.list(query);
    res.json({ ...page, items: page.items.map(runView) });
  });

  router.get('/:id', (req, res) => {
    res.json(runView(find(req.params.id)));
  });

  router.get('/:id/trace', (req, res) => {
    find(req.params.id);
    const events = deps.events.list(req.params.id, { types: ['progress', 'improvement'] });
    const csv = req.query.format === 'csv' || (req.query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (csv) res.type('text/csv').send(traceCsv(events));
    else res.json({ runId: req.params.id, events: events.map(eventView) });
  });

  router.get('/:id/events', (req, res) => {
    find(req.params.id);
    streamRunEvents(req, res, req.params.id, deps.events, deps.service, () => deps.runs.get(req.params.id)?.status ?? null);
  });

  router.get('/:id/solution', (req, res) => {
    const run = find(req.params.id);
    if (run.best === null) throw new AppError('conflict', 'NO_SOLUTION_YET', `run ${run.id} has no solution yet (status ${run.status})`);
    const status = solutionStatus(run);
    const assignment = run.best.feasible ? (deps.runs.bestAssignment(run.id) ?? undefined) : undefined;
    if (req.accepts(['application/json', 'text/plain']) === 'text/plain') {
      const cost = run.best.feasible ? run.best.cost : undefined;
      res.type('text/plain').send(`${solutionLines({ status, cost, assignment }).join('\n')}\n`);
      return;
    }
    res.json({
      runId: run.id,
      runStatus: run.status,
      status,
      cost: run.best.cost.toString(),
      feasible: run.best.feasible,
      satRatio: run.best.satRatio,
      falsifiedClauses: run.best.falsifiedClauses,
      assignment: assignment === undefined ? null : Buffer.from(assignment.map((b) => 48 + b)).toString('latin1'),
    });
  });

  router.delete('/:id', (req, res) => {
    find(req.params.id);
    const run = deps.service.cancel(req.params.id);
    if (run === null) throw new AppError('conflict', 'RUN_FINISHED', `run ${echo(req.params.id)} has already finished`);
    res.status(202).json(runView(run));
  });

  return router;
}
