// /v1/benchmarks: create (or resume by name), list, read with progress, cancel, report.

import { Router } from 'express';
import type { BenchmarkRepository } from '../../store/benchmark-repository.js';
import { negotiateReportFormat, renderReport, REPORT_FORMATS, reportContentType } from '../../bench/report.js';
import type { BenchmarkService } from '../../jobs/benchmark-service.js';
import { benchmarkLinks, benchmarkView } from '../benchmark-views.js';
import { clientText } from '../client-text.js';
import { AppError, echo, notFound } from '../../common/app-error.js';
import { requireJson } from '../require-json.js';
import { benchmarkRequestSchema, pageQuerySchema } from '../schemas.js';

export interface BenchmarkRouteDeps {
  readonly benchmarks: BenchmarkRepository;
  readonly benchmarkService: BenchmarkService;
}

export function benchmarkRoutes(deps: BenchmarkRouteDeps): Router {
  const router = Router();
  const view = (id: string) => {
    const progress = deps.benchmarkService.progress(id);
    if (progress === null) throw notFound('benchmark', id);
    return benchmarkView(progress);
  };

  router.post('/', requireJson, async (req, res) => {
    const body = benchmarkRequestSchema.parse(req.body);
    const { record } = await deps.benchmarkService.create({ name: body.name, suite: body.suite, solvers: body.solvers, seeds: body.seeds, budget: { timeLimitMs: body.timeLimitMs, maxEvaluations: body.maxEvaluations } });
    const links = benchmarkLinks(record.id);
    res.status(202).location(links.self).json({ id: record.id, status: record.status, links });
  });

  router.get('/', (req, res) => {
    const query = pageQuerySchema.parse(req.query);
    const page = deps.benchmarks.list(query);
    res.json({ ...page, items: page.items.map((b) => view(b.id)) });
  });

  router.get('/:id', (req, res) => {
    res.json(view(req.params.id));
  });

  router.delete('/:id', (req, res) => {
    view(req.params.id);
    const record = deps.benchmarkService.cancel(req.params.id);
    if (record === null) throw new AppError('conflict', 'BENCHMARK_FINISHED', `benchmark ${echo(req.params.id)} is not running (it has ended)`);
    res.status(202).json(view(record.id));
  });

  // The report as JSON summaries, CSV cells, an HTML page or Markdown tables; partial while the benchmark runs.
  router.get('/:id/report', (req, res) => {
    const format = negotiateReportFormat(req.query.format, (types) => req.accepts(types));
    if (format === null) throw new AppError('invalid', 'INVALID_REQUEST', `format must be one of ${REPORT_FORMATS.join(', ')}, not ${echo(req.query.format)}`);
    const benchmark = deps.benchmarks.get(req.params.id);
    if (benchmark === null) throw notFound('benchmark', req.params.id);
    res.setHeader('Content-Type', reportContentType(format));
    // Stored errors can name server files (a suite file that vanished): clients get them relative.
    const cells = deps.benchmarks.cells(benchmark.id).map((c) => (c.error === null ? c : { ...c, error: clientText(c.error) }));
    res.send(renderReport({ ...benchmark, error: benchmark.error === null ? null : clientText(benchmark.error) }, cells, format));
  });

  return router;
}
