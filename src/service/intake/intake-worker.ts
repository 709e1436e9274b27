// The parse worker thread: runs the uploads the service streams to it, each as an IntakeSession, so
// inflating, parsing, hashing and compressing never hold up the event loop that answers requests.

import { parentPort, type MessagePort } from 'node:worker_threads';
import { failure, type IntakeCommand, type IntakeOutcome, type IntakeReply } from './intake-protocol.js';
import { IntakeSession } from './intake-session.js';

if (parentPort === null) throw new Error('intake-worker.js must be started as a worker thread');
const port: MessagePort = parentPort;
const sessions = new Map<number, IntakeSession>();

function reply(message: IntakeReply): void {
  const transfer = message.type === 'done' && message.outcome.ok ? [message.outcome.problem.contentGzip.buffer as ArrayBuffer] : [];
  port.postMessage(message, transfer);
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

async function end(id: number, session: IntakeSession): Promise<void> {
  let outcome: IntakeOutcome;
  try {
    outcome = await session.end();
  } catch (err) {
    outcome = internal(err);
  }
  done(id, outcome);
}

port.on('message', (command: IntakeCommand) => {
  const session = sessions.get(command.id);
  if (command.type === 'open') sessions.set(command.id, new IntakeSession(command.request));
  else if (session === undefined) return; // finished early: later chunks and the end are moot
  else if (command.type === 'chunk') void chunk(command.id, session, command.bytes);
  else if (command.type === 'end') void end(command.id, session);
  else {
    session.abort();
    sessions.delete(command.id);
  }
});
