// A run's server-sent events (GET /v1/runs/{id}/events): replayed from the start, then live, until a
// terminal status. EventSource would reconnect after the server closes the stream, so the stream is
// closed here at the terminal status (and on an error once the run has ended).

import { eventsUrl, getJson } from './api.js';
import { TERMINAL, type RunStatus, type RunView, type TraceEvent } from './types.js';

export interface StreamHandlers {
  onEvent(e: TraceEvent): void;
  onEnd(run: RunView | null): void;
}

export function followRun(runId: string, handlers: StreamHandlers): () => void {
  const source = new EventSource(eventsUrl(runId));
  let closed = false;
  const close = () => {
    closed = true;
    source.close();
  };
  const end = async () => {
    close();
    handlers.onEnd(await getJson<RunView>(`/v1/runs/${runId}`).catch(() => null));
  };
  const listener = (ev: MessageEvent<string>) => {
    const e = JSON.parse(ev.data) as TraceEvent;
    handlers.onEvent(e);
    if (e.type === 'status' && TERMINAL.includes(e.status as RunStatus)) void end();
  };
  for (const type of ['status', 'progress', 'improvement']) source.addEventListener(type, listener as EventListener);
  source.addEventListener('error', () => {
    if (closed) return;
    // The server closed the stream: ended runs stop here; otherwise EventSource resumes after Last-Event-ID.
    void getJson<RunView>(`/v1/runs/${runId}`).then((run) => {
      if (!closed && TERMINAL.includes(run.status)) {
        close();
        handlers.onEnd(run);
      }
    }, () => {});
  });
  return close;
}
