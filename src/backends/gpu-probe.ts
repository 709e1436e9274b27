// Whether a GPU tfjs build loads here, probed once in the background for the health endpoint.

import { loadTfjs } from './tfjs/load-tfjs.js';

export type GpuStatus = 'unknown' | 'available' | 'unavailable';

let status: GpuStatus = 'unknown';
let detail = 'not probed';

export function gpuStatus(): { readonly status: GpuStatus; readonly detail: string } {
  return { status, detail };
}

/** Never rejects: every failure (missing package, broken binding, no CUDA) means unavailable. */
export async function probeGpu(): Promise<void> {
  try {
    const loaded = await loadTfjs('gpu');
    status = 'available';
    detail = `${loaded.flavour} (${loaded.backendName})`;
  } catch (err) {
    status = 'unavailable';
    detail = (err as Error).message;
  }
}
