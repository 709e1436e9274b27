// The parse worker thread: runs the uploads the service streams to it, each as an IntakeSession, so
// inflating, parsing, hashing and compressing never hold up the event loop that answers requests.

import { parentPort, type MessagePort } from 'node:worker_threads';
import { closeDatabase, openDatabase, type Database } from '../../store/db.js';
import { ProblemRepository } from '../../store/problem-repository.js';
import { failure, type IntakeCommand, type IntakeOutcome, type IntakeReply, type IntakeRequest, type ParseOutcome } from './intake-protocol.js';
import { IntakeSession } from './intake-session.js';

if (parentPort === null) throw new Error('intake-worker.js must be started as a worker thread');
const port: MessagePort = parentPort;
const sessions = new Map<number, { readonly session: IntakeSession; readonly request: IntakeRequest }>();
/** This thread's own connection per database file (WAL lets it write beside the service's). */
const repositories = new Map<string, { readonly db: Database; readonly problems: ProblemRepository }>();

function reply(message: IntakeReply): void {
  const outcome = message.type === 'done' ? message.outcome : null;
  const transfer = outcome !== null && outcome.ok && 'problem' in outcome ? [outcome.problem.contentGzip.buffer as ArrayBuffer] : [];
  port.postMessage(message, transfer);
}

/** A parsed problem stored here when the request names a database file. */
function stored(request: IntakeRequest, outcome: ParseOutcome): IntakeOutcome {
  if (!outcome.ok || request.databasePath === null) return outcome;
  let store = repositories.get(request.databasePath);
  if (store === undefined) {
    const db = openDatabase(request.databasePath);
    store = { db, problems: new ProblemRepository(db) };
    repositories.set(request.databasePath, store);
  }
  return { ok: true, stored: store.problems.insert({ ...outcome.problem, name: request.name }) };
}

function done(id: number, outcome: IntakeOutcome): void {
  if (!sessions.delete(id)) return;
  reply({ type: 'done', id, outcome });
}

/** A bug must fail its upload with a 500, not take every other upload down with the thread. */
function internal(err: unknown): IntakeOutcome {
  return failure('internal', 'INTAKE_FAILED', `parsing failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
}

async function chunk(id: number, session: IntakeSession, bytes: Uint8Array): Promise<void> {
  try {
    await session.write(bytes);
  } catch (err) {
    done(id, internal(err));
    return;
  }
  const early = session.finalOutcome;
  if (early !== null) done(id, early);
  else if (sessions.has(id)) reply({ type: 'ack', id, bytes: bytes.length });
}

async function end(id: number, session: IntakeSession, request: IntakeRequest): Promise<void> {
  let outcome: IntakeOutcome;
  try {
    outcome = stored(request, await session.end());
  } catch (err) {
    outcome = internal(err);
  }
  done(id, outcome);
}

function shutdown(): void {
  for (const { db } of repositories.values()) closeDatabase(db);
  process.exit(0);
}

port.on('message', (command: IntakeCommand) => {
  if (command.type === 'shutdown') return shutdown();
  const open = sessions.get(command.id);
  if (command.type === 'open') sessions.set(command.id, { session: new IntakeSession(command.request), request: command.request });
  else if (open === undefined) return; // finished early: later chunks and the end are moot
  else if (command.type === 'chunk') void chunk(command.id, open.session, command.bytes);
  else if (command.type === 'end') void end(command.id, open.session, open.request);
  else {
    open.session.abort();
    sessions.delete(command.id);
  }
});
