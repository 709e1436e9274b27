// The bytes of a JSON request body as they came, for documents whose numbers must stay exact (QUBO JSON).

import type { IncomingMessage } from 'node:http';

const raw = new WeakMap<IncomingMessage, Buffer>();

/** express.json's `verify` hook: keeps the body's bytes beside the parsed value (bodies are capped by maxJsonBytes). */
export function keepRawJson(req: IncomingMessage, _res: unknown, bytes: Buffer): void {
  raw.set(req, bytes);
}

export function rawJsonOf(req: IncomingMessage): Buffer | undefined {
  return raw.get(req);
}
