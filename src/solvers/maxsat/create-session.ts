// One factory for every MAX-SAT solver, so the CLI and the service workers build them the same way.

import type { EvalBackend } from '../../backends/eval-backend.js';
import { selectBackend, type BackendRequest } from '../../backends/select-backend.js';
import type { PolyStepConfig } from '../../optimizer/config.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import type { SolverSession } from '../solver.js';
import { OpenAiEsMaxSat } from './openai-es.js';
import { PolyStepEsMaxSat } from './polystep-es-maxsat.js';
import { PolyStepMaxSat } from './polystep-maxsat.js';
import type { MaxSatPresetName } from './presets.js';

export type MaxSatSolverName = 'polystep' | 'polystep-es' | 'openai-es';
export const MAX_SAT_SOLVERS: readonly MaxSatSolverName[] = ['polystep', 'polystep-es', 'openai-es'];

export interface SessionSpec {
  readonly solver: MaxSatSolverName;
  readonly preset: MaxSatPresetName;
  readonly seed: number;
  readonly config?: Partial<PolyStepConfig>;
  /** Only population solvers evaluate batches; polystep evaluates incrementally on the CPU. */
  readonly backend: BackendRequest;
}

export interface PreparedSession {
  readonly session: SolverSession;
  /** The evaluation backend in use, as recorded in run metadata. */
  readonly backend: string;
  dispose(): Promise<void>;
}

export const INCREMENTAL_BACKEND = 'cpu (incremental)';

export async function createMaxSatSession(inst: MaxSatInstance, spec: SessionSpec): Promise<PreparedSession> {
  if (spec.solver === 'polystep') {
    const session = new PolyStepMaxSat(inst, { preset: spec.preset, seed: spec.seed, config: spec.config });
    return { session, backend: INCREMENTAL_BACKEND, dispose: async () => {} };
  }
  const backend: EvalBackend = await selectBackend(spec.backend);
  try {
    const objective = await backend.prepare(inst, { costScale: 'fraction' });
    const session =
      spec.solver === 'openai-es'
        ? new OpenAiEsMaxSat(inst, objective, { seed: spec.seed })
        : new PolyStepEsMaxSat(inst, objective, { seed: spec.seed });
    return {
      session,
      backend: backend.description,
      dispose: async () => {
        objective.dispose();
        await backend.dispose();
      },
    };
  } catch (err) {
    await backend.dispose();
    throw err;
  }
}
