// Preload (`node --import`) for child processes: holds the import of one module until a file exists.
// POLYSTEP_HOLD_IMPORT is the end of the module's URL, POLYSTEP_HOLD_RELEASE the file; the hold is
// announced on stderr ("holding <module>"), so a test can act while that module is still loading.

import { existsSync, writeSync } from 'node:fs';
import { register, type ResolveHookContext } from 'node:module';
import { isMainThread } from 'node:worker_threads';

type NextResolve = (specifier: string, context: ResolveHookContext) => Promise<{ url: string }>;

const held = process.env.POLYSTEP_HOLD_IMPORT ?? '';
const release = process.env.POLYSTEP_HOLD_RELEASE ?? '';
let announced = false;

// The same file is the hooks module: in the hooks thread it only exports `resolve`.
if (isMainThread) register(import.meta.url);

export async function resolve(specifier: string, context: ResolveHookContext, next: NextResolve) {
  const resolved = await next(specifier, context);
  if (held !== '' && resolved.url.endsWith(held) && !existsSync(release)) {
    if (!announced) writeSync(2, `holding ${held}\n`);
    announced = true;
    while (!existsSync(release)) await new Promise((r) => setTimeout(r, 20));
  }
  return resolved;
}
