// Text from below the routes made fit for a client: no absolute server paths, and never very long.

import { isAbsolute, resolve, sep } from 'node:path';
import { INSTANCES_DIR } from '../instances/manifest.js';

/** The longest message a client gets; error texts that quote input are cut well before this. */
export const MAX_CLIENT_TEXT = 1000;

// Longest first, so a folder inside another is replaced as a whole.
const ROOTS = [...new Set([resolve(INSTANCES_DIR, '..'), process.cwd()])]
  .filter((root) => isAbsolute(root) && root !== sep)
  .sort((a, b) => b.length - a.length)
  .map((root) => `${root}${sep}`);

/**
 * `text` with the server's own folders (the project's, the working directory) made relative, so an
 * error about a file says `instances/x.cnf`, not where the server is installed; cut past MAX_CLIENT_TEXT.
 */
export function clientText(text: string): string {
  let safe = text;
  for (const root of ROOTS) safe = safe.split(root).join('');
  return safe.length > MAX_CLIENT_TEXT ? `${safe.slice(0, MAX_CLIENT_TEXT)}… (cut)` : safe;
}
