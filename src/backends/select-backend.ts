// Picks the batch evaluation backend: a GPU through tfjs when one loads, else the CPU kernel.

import { BackendUnavailableError, type EvalBackend } from './eval-backend.js';

/** `gpu` insists on tfjs-node-gpu; `tfjs` takes any tfjs flavour (tfjs-core's CPU backend included). */
export type BackendRequest = 'auto' | 'cpu' | 'tfjs' | 'gpu';
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'cpu', 'tfjs', 'gpu'];

export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendRequest {
  const value = env.POLYSTEP_BACKEND ?? 'auto';
  if ((BACKEND_REQUESTS as readonly string[]).includes(value)) return value as BackendRequest;
  throw new BackendUnavailableError(`POLYSTEP_BACKEND must be one of ${BACKEND_REQUESTS.join(', ')}, got "${value}"`);
}

async function cpu(threads?: number): Promise<EvalBackend> {
  const { CpuBackend } = await import('./cpu/cpu-backend.js');
  return new CpuBackend({ threads });
}

async function tfjs(require: 'gpu' | 'any'): Promise<EvalBackend> {
  // Loaded on demand: tfjs is optional and heavy, and the CPU path must not pay for it.
  const { TfjsBackend } = await import('./tfjs/tfjs-backend.js');
  return TfjsBackend.create({ require });
}

export async function selectBackend(request: BackendRequest, options: { threads?: number } = {}): Promise<EvalBackend> {
  if (request === 'cpu') return cpu(options.threads);
  if (request === 'tfjs') return tfjs('any');
  if (request === 'gpu') return tfjs('gpu');
  try {
    return await tfjs('gpu');
  } catch (err) {
    // loadTfjs turns every load failure into BackendUnavailableError; anything else is a bug.
    if (!(err instanceof BackendUnavailableError)) throw err;
    return cpu(options.threads);
  }
}
