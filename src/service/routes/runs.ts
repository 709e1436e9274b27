// /v1/runs: submit, read, trace (JSON/CSV), events (SSE), solution (JSON or o/s/v), cancel, list.

import { Router } from 'express';
import type { RunService } from '../../jobs/run-service.js';
import { costOfObjective, objectiveOf } from '../../problems/family.js';
import { familyNamed } from '../../problems/registry.js';
import type { SolveStatus } from '../../problems/maxsat/solution-output.js';
import { parseConfigOverrides } from '../../solvers/config-schema.js';
import { checkSolverRequest, solverDefinition } from '../../solvers/registry.js';
import type { ProblemRepository } from '../../store/problem-repository.js';
import type { RunEventRepository } from '../../store/run-event-repository.js';
import type { RunRepository } from '../../store/run-repository.js';
import type { RunRecord } from '../../store/records.js';
import { AppError, echo, notFound } from '../../common/app-error.js';
import { clientKey } from '../client-key.js';
import type { ProblemService } from '../problem-service.js';
import { runListQuerySchema, runRequestSchema, traceQuerySchema } from '../schemas.js';
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
  // A MAX-SAT cost of 0 cannot be beaten; elsewhere only the run loop's lower bound proves optimality.
  return (run.family === 'maxsat' && best.cost === 0n) || run.stopReason === 'optimal' ? 'OPTIMUM FOUND' : 'SATISFIABLE';
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
    const inline = request.problem;
    const problemId =
      request.problemId ??
      (await deps.intake.ingest(Buffer.from(inline?.content ?? '', 'utf8'), { family: inline?.family, format: inline?.format ?? 'auto', select: inline?.select, name: inline?.name ?? null, mode: 'strict' })).record.id;
    const problem = deps.problems.get(problemId);
    if (problem === null) throw notFound('problem', problemId);
    // A solver that cannot solve the family, or would ignore the preset or config given, is refused.
    const engine = familyNamed(problem.family).engineKind;
    const preset = checkSolverRequest(request, { name: problem.family, engine });
    const config = request.config ?? {};
    // The preset plus overrides must make a runnable optimizer; checked before anything is queued.
    if (solverDefinition(request.solver).usesConfig) parseConfigOverrides(config, preset, problem.variables, engine);
    const { targetObjective } = request.termination;
    const termination = targetObjective === undefined ? request.termination : { ...request.termination, targetCost: costOfObjective(problem.sense, BigInt(targetObjective)).toString() };
    const run = deps.service.submit({
        problemId,
        solver: request.solver,
        preset,
        config,
        termination,
        seed: request.seed,
        family: problem.family,
        sense: problem.sense,
        backendRequest: request.backend ?? deps.config.backend,
        clientKey: clientKey(req),
        colors: request.colors ?? null,
        maxAttempts: request.maxAttempts,
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
    const { sense } = find(req.params.id);
    const { format } = traceQuerySchema.parse(req.query);
    const events = deps.events.list(req.params.id, { types: ['progress', 'improvement'] });
    const csv = format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (csv) res.type('text/csv').send(traceCsv(events, sense));
    else res.json({ runId: req.params.id, sense, events: events.map((e) => eventView(e, sense)) });
  });

  router.get('/:id/events', (req, res) => {
    const { sense } = find(req.params.id);
    streamRunEvents(req, res, req.params.id, sense, deps.events, deps.service, () => deps.runs.get(req.params.id)?.status ?? null);
  });

  router.get('/:id/solution', (req, res) => {
    const run = find(req.params.id);
    if (run.best === null) throw new AppError('conflict', 'NO_SOLUTION_YET', `run ${run.id} has no solution yet (status ${run.status})`);
    const status = solutionStatus(run);
    const assignment = run.best.feasible ? (deps.runs.bestAssignment(run.id) ?? null) : null;
    if (req.accepts(['application/json', 'text/plain']) === 'text/plain') {
      const loaded = deps.intake.load(run.problemId);
      if (loaded === null) throw notFound('problem', run.problemId);
      const best = run.best.feasible ? { ...run.best, hardFalsified: 0, assignment } : null;
      const lines = loaded.family.solutionLines(loaded.inst, { optimal: status === 'OPTIMUM FOUND', unsatisfiable: status === 'UNSATISFIABLE', best });
      res.type('text/plain').send(`${lines.join('\n')}\n`);
      return;
    }
    res.json({
      runId: run.id,
      runStatus: run.status,
      family: run.family,
      sense: run.sense,
      status,
      objective: objectiveOf(run.sense, run.best.cost).toString(),
      cost: run.best.cost.toString(),
      feasible: run.best.feasible,
      metrics: run.best.metrics,
      assignment: assignment === null ? null : familyNamed(run.family).formatAssignment(assignment),
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
