// How many solver workers a pool gets by default: one core is left for the HTTP server and the parent.

import { availableParallelism } from 'node:os';

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}
