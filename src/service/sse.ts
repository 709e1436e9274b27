// Server-sent events of a run: replay after Last-Event-ID, then live, closing at a terminal status.

import type { Request, Response } from 'express';
import type { RunService } from '../jobs/run-service.js';
import type { RunEventRepository } from '../store/run-event-repository.js';
import { TERMINAL_STATUSES, type RunEvent, type RunStatus, type Sense } from '../store/records.js';
import { eventView } from './views.js';

const HEARTBEAT_MS = 15_000;

function isTerminal(event: RunEvent): boolean {
  return event.type === 'status' && TERMINAL_STATUSES.includes(event.status as RunStatus);
}

export function streamRunEvents(req: Request, res: Response, runId: string, sense: Sense, events: RunEventRepository, runs: RunService, runStatus: () => RunStatus | null): void {
  const header = req.headers['last-event-id'];
  const resumeFrom = Number(Array.isArray(header) ? header[0] : (header ?? req.query.lastEventId ?? 0)) || 0;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  let sent = resumeFrom;
  let closed = false;
  let unsubscribe = () => {};
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    res.end();
  };
  const send = (event: RunEvent) => {
    if (closed || event.seq <= sent) return;
    sent = event.seq;
    res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(eventView(event, sense))}\n\n`);
    if (isTerminal(event)) close();
  };
  req.on('close', close);
  for (const event of events.list(runId, { afterSeq: resumeFrom })) send(event);
  // Replay and subscription run in one synchronous stretch and events are published on later ticks,
  // so none can fall between them; `sent` drops any repeat anyway.
  if (!closed) unsubscribe = runs.subscribe(runId, send);
  const status = runStatus();
  if (!closed && (status === null || TERMINAL_STATUSES.includes(status))) close();
}
