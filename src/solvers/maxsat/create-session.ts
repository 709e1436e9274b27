// One factory for every MAX-SAT solver, so the CLI and the service workers build them the same way.

import type { EvalBackend } from '../../backends/eval-backend.js';
import { selectBackend, type BackendRequest } from '../../backends/select-backend.js';
import type { PolyStepConfig } from '../../optimizer/config.js';
import type { MaxSatInstance } from '../../problems/maxsat/instance.js';
import type { SolverSession } from '../solver.js';
import { HybridMaxSat } from './hybrid.js';
import { OpenAiEsMaxSat } from './openai-es.js';
import { ProbSat } from './probsat.js';
import { WalkSat } from './walksat.js';
import { PolyStepEsMaxSat } from './polystep-es-maxsat.js';
import { PolyStepMaxSat } from './polystep-maxsat.js';
import type { MaxSatPresetName } from './presets.js';

export type MaxSatSolverName = 'polystep' | 'polystep-es' | 'openai-es' | 'walksat' | 'probsat' | 'hybrid';
export const MAX_SAT_SOLVERS: readonly MaxSatSolverName[] = ['polystep', 'polystep-es', 'openai-es', 'walksat', 'probsat', 'hybrid'];

/** Share of a run's time limit the hybrid gives PolyStep before polishing. */
export const HYBRID_POLYSTEP_SHARE = 0.3;

export interface SessionSpec {
  readonly solver: MaxSatSolverName;
  readonly preset: MaxSatPresetName;
  readonly seed: number;
  readonly config?: Partial<PolyStepConfig>;
  /** Only population solvers evaluate batches; the others evaluate incrementally on the CPU. */
  readonly backend: BackendRequest;
  /** The run's time limit, when it has one (the hybrid splits it). */
  readonly timeLimitMs?: number;
  /** Threads of a CPU batch backend; default all cores (the service's workers pass 1). */
  readonly threads?: number;
}

export interface PreparedSession {
  readonly session: SolverSession;
  /** The evaluation backend in use, as recorded in run metadata. */
  readonly backend: string;
  dispose(): Promise<void>;
}

export const INCREMENTAL_BACKEND = 'cpu (incremental)';

export async function createMaxSatSession(inst: MaxSatInstance, spec: SessionSpec): Promise<PreparedSession> {
  const local = (session: SolverSession): PreparedSession => ({ session, backend: INCREMENTAL_BACKEND, dispose: async () => {} });
  const { seed, preset, config } = spec;
  if (spec.solver === 'polystep') return local(new PolyStepMaxSat(inst, { preset, seed, config }));
  if (spec.solver === 'walksat') return local(new WalkSat(inst, { seed }));
  if (spec.solver === 'probsat') return local(new ProbSat(inst, { seed }));
  if (spec.solver === 'hybrid') {
    const switchAfterMs = spec.timeLimitMs === undefined ? undefined : HYBRID_POLYSTEP_SHARE * spec.timeLimitMs;
    return local(new HybridMaxSat(inst, { seed, preset, config, switchAfterMs }));
  }
  const backend: EvalBackend = await selectBackend(spec.backend, { threads: spec.threads });
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
