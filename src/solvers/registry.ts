// The one list of solvers: what each solves, which presets and config it reads, and how it is built.

import type { EvalBackend } from '../backends/eval-backend.js';
import { selectBackend, type BackendRequest } from '../backends/select-backend.js';
import { AppError, echo } from '../common/app-error.js';
import type { PolyStepConfig } from '../optimizer/config.js';
import { PolyStepBinary } from './binary/polystep-binary.js';
import { presetsOf, type PresetName } from './binary/presets.js';
import { OpenAiEs } from './batch/openai-es.js';
import { PolyStepEsSession } from './batch/polystep-es.js';
import type { BinaryEngine, EngineKind, EngineProblem } from './engine.js';
import { ColoringSession } from './coloring/coloring-session.js';
import { decodeColours } from '../problems/coloring/colour-bytes.js';
import { evolutionaryAttempts } from './coloring/evolutionary.js';
import { tabuColAttempts, type AttemptFactory } from './coloring/k-attempt.js';
import { polyStepAttempts } from './coloring/polystep-coloring.js';
import { Hybrid, type FirstPhase } from './hybrid.js';
import { ProbSat } from './maxsat/probsat.js';
import { WalkSat } from './maxsat/walksat.js';
import { TabuSearch } from './quadratic/tabu.js';
import type { SolverSession } from './solver.js';

export const SOLVER_NAMES = ['polystep', 'polystep-es', 'openai-es', 'walksat', 'probsat', 'tabu', 'dsatur', 'tabucol', 'hea', 'hybrid'] as const;
export type SolverName = (typeof SOLVER_NAMES)[number];

export interface SessionSpec {
  readonly solver: SolverName;
  readonly preset: PresetName;
  readonly seed: number;
  readonly config?: Partial<PolyStepConfig>;
  /** Only population solvers evaluate batches; the others evaluate incrementally on the CPU. */
  readonly backend: BackendRequest;
  /** The run's time limit, when it has one (the hybrid splits it). */
  readonly timeLimitMs?: number;
  /** Threads of a CPU batch backend; default all cores (the service's workers pass 1). */
  readonly threads?: number;
  /** Graph colouring: k for a k-colouring (a proper colouring with at most k colours ends the run); absent: chromatic search. */
  readonly colors?: number;
}

export interface PreparedSession {
  readonly session: SolverSession;
  /** The evaluation backend in use, as recorded in run metadata. */
  readonly backend: string;
  dispose(): Promise<void>;
}

export const INCREMENTAL_BACKEND = 'cpu (incremental)';

export interface SolverDefinition {
  readonly name: SolverName;
  readonly summary: string;
  readonly engines: readonly EngineKind[];
  /** Reads a PolyStep preset (which ones depends on the engine: see presetsOf). */
  readonly usesPreset: boolean;
  /** Reads PolyStep config overrides. */
  readonly usesConfig: boolean;
  /** Scores batches on an evaluation backend (the others evaluate incrementally on the CPU). */
  readonly usesBackend: boolean;
  create(problem: EngineProblem, spec: SessionSpec): SolverSession | ((backend: EvalBackend) => Promise<BatchBuilt>);
}

interface BatchBuilt {
  readonly session: SolverSession;
  dispose(): void;
}

/** A colouring session whose k-colouring searches `attempts` builds (null: DSATUR alone). */
function coloringOf(problem: EngineProblem, spec: SessionSpec, attempts: AttemptFactory | null, start?: Int32Array): ColoringSession {
  if (problem.kind !== 'coloring') throw new RangeError('this solver needs a colouring problem');
  return new ColoringSession(problem, { seed: spec.seed, colors: spec.colors, attempts, start });
}

function polystepOf(problem: EngineProblem, spec: SessionSpec): FirstPhase {
  if (problem.kind === 'coloring') return coloringOf(problem, spec, polyStepAttempts());
  return new PolyStepBinary(binaryOf(problem), { preset: spec.preset, seed: spec.seed, config: spec.config });
}

/** The local search that polishes a hybrid's start (or, without one, starts at random), per engine. */
function polisher(problem: EngineProblem, spec: SessionSpec): (initial?: Uint8Array) => SolverSession {
  const seed = spec.seed;
  if (problem.kind === 'clauses') return (initial) => new WalkSat(problem.inst, { seed, initial });
  if (problem.kind === 'coloring') {
    const n = problem.graph.numVertices;
    return (initial) => coloringOf(problem, spec, tabuColAttempts(), initial === undefined ? undefined : Int32Array.from(decodeColours(initial, n)));
  }
  return (initial) => new TabuSearch(problem.model, { seed, initial, metricsOf: problem.metricsOf });
}

/**
 * When the hybrid hands over besides its time share: the binary relaxation's defaults (1000 steps,
 * 100 without a better best) count full sweeps; a colouring step moves one vertex, so there the
 * count is 100 sweeps without a better best (100·n steps) and no step cap.
 */
function hybridSteps(problem: EngineProblem): { maxPolyStepSteps?: number; stallSteps?: number } {
  if (problem.kind !== 'coloring') return {};
  return { maxPolyStepSteps: Number.POSITIVE_INFINITY, stallSteps: 100 * Math.max(1, problem.graph.numVertices) };
}

function batch(make: (problem: BinaryEngine, objective: Awaited<ReturnType<EvalBackend['prepare']>>, seed: number) => SolverSession) {
  return (engine: EngineProblem, spec: SessionSpec) => async (backend: EvalBackend) => {
    const problem = binaryOf(engine);
    // a binary engine problem is a batch problem as it is (a quadratic one carries its metrics beside)
    const objective = await backend.prepare(problem, { costScale: 'fraction' });
    try {
      return { session: make(problem, objective, spec.seed), dispose: () => objective.dispose() };
    } catch (err) {
      objective.dispose();
      throw err;
    }
  };
}

export const SOLVERS: readonly SolverDefinition[] = [
  { name: 'polystep', summary: 'PolyStep over blocks of two variables with exact move deltas (the paper’s relaxation); on colouring, over k logits per vertex.', engines: ['clauses', 'quadratic', 'coloring'], usesPreset: true, usesConfig: true, usesBackend: false, create: polystepOf },
  { name: 'polystep-es', summary: 'PolyStepES: the population front end, scored in batches on the evaluation backend (small instances).', engines: ['clauses', 'quadratic'], usesPreset: false, usesConfig: false, usesBackend: true, create: batch((p, o, seed) => new PolyStepEsSession(p, o, { seed })) },
  { name: 'openai-es', summary: 'OpenAI-ES baseline of the reference, scored in batches on the evaluation backend.', engines: ['clauses', 'quadratic'], usesPreset: false, usesConfig: false, usesBackend: true, create: batch((p, o, seed) => new OpenAiEs(p, o, { seed })) },
  { name: 'walksat', summary: 'WalkSAT/SKC focused local search (hard clauses first).', engines: ['clauses'], usesPreset: false, usesConfig: false, usesBackend: false, create: (p, s) => new WalkSat(clausesOf(p), { seed: s.seed }) },
  { name: 'probsat', summary: 'probSAT focused local search with the polynomial break distribution.', engines: ['clauses'], usesPreset: false, usesConfig: false, usesBackend: false, create: (p, s) => new ProbSat(clausesOf(p), { seed: s.seed }) },
  { name: 'tabu', summary: '1-flip tabu search with aspiration and perturbation (the Max-Cut/QUBO baseline).', engines: ['quadratic'], usesPreset: false, usesConfig: false, usesBackend: false, create: (p, s) => polisher(p, s)() },
  { name: 'dsatur', summary: 'DSATUR greedy colouring (Brélaz): one proper colouring, built at once.', engines: ['coloring'], usesPreset: false, usesConfig: false, usesBackend: false, create: (p, s) => coloringOf(p, s, null) },
  { name: 'tabucol', summary: 'TabuCol (Hertz & de Werra, dynamic tenure) from DSATUR’s colouring: k-colouring, or one colour fewer at a time.', engines: ['coloring'], usesPreset: false, usesConfig: false, usesBackend: false, create: (p, s) => coloringOf(p, s, tabuColAttempts()) },
  { name: 'hea', summary: 'Hybrid evolutionary colouring (Galinier & Hao): GPX crossover of TabuCol-improved colourings; k-colouring, or one colour fewer at a time.', engines: ['coloring'], usesPreset: false, usesConfig: false, usesBackend: false, create: (p, s) => coloringOf(p, s, evolutionaryAttempts()) },
  {
    name: 'hybrid',
    summary: 'PolyStep, then local search (WalkSAT for MAX-SAT, tabu for Max-Cut/QUBO, TabuCol for colouring) from its best assignment.',
    engines: ['clauses', 'quadratic', 'coloring'],
    usesPreset: true,
    usesConfig: true,
    usesBackend: false,
    create: (p, s) => new Hybrid(polystepOf(p, s), polisher(p, s), { ...hybridSteps(p), raceWithinMs: s.timeLimitMs }),
  },
];

function binaryOf(p: EngineProblem): BinaryEngine {
  if (p.kind === 'coloring') throw new RangeError('this solver needs a binary problem');
  return p;
}

function clausesOf(p: EngineProblem) {
  if (p.kind !== 'clauses') throw new RangeError('this solver needs a clause problem');
  return p.inst;
}

export function solverDefinition(name: string): SolverDefinition {
  const found = SOLVERS.find((s) => s.name === name);
  if (found === undefined) throw new AppError('invalid', 'INVALID_SOLVER', `unknown solver ${echo(name)}: solvers are ${SOLVER_NAMES.join(', ')}`);
  return found;
}

export interface SolverRequest {
  readonly solver: string;
  /** Absent: the solver's default ('default' when it reads presets). */
  readonly preset?: string;
  /** PolyStep overrides as given (an empty object counts as none). */
  readonly config?: Record<string, unknown>;
  /** Graph colouring's k (a k-colouring instead of a chromatic search); other families have none. */
  readonly colors?: number;
}

/** How a caller's errors name the request's config and colours (the CLI: its flags). */
export interface RequestFieldNames {
  readonly config: string;
  readonly colors: string;
}

const API_FIELD_NAMES: RequestFieldNames = { config: 'PolyStep config', colors: 'colors' };

/**
 * Refuses what a solver would silently ignore or cannot do: a family it does not solve, a preset or
 * config it does not read, a preset its engine lacks, `colors` outside colouring. PolyStep reads no
 * config on colouring (its particles are one vertex's k logits, k changing along a chromatic
 * search). Returns the preset the run uses.
 */
export function checkSolverRequest(request: SolverRequest, family: { readonly name: string; readonly engine: EngineKind }, names: RequestFieldNames = API_FIELD_NAMES): PresetName {
  const def = solverDefinition(request.solver);
  if (!def.engines.includes(family.engine)) {
    const fit = SOLVERS.filter((s) => s.engines.includes(family.engine)).map((s) => s.name);
    throw new AppError('invalid', 'UNSUPPORTED_FAMILY', `solver ${def.name} does not solve ${family.name} problems; solvers for ${family.name}: ${fit.join(', ')}`);
  }
  if (request.preset !== undefined && !def.usesPreset) throw new AppError('invalid', 'PRESET_IGNORED', `solver ${def.name} reads no preset, got ${echo(request.preset)}`);
  if (request.config !== undefined && Object.keys(request.config).length > 0 && (!def.usesConfig || family.engine === 'coloring')) {
    const where = def.usesConfig ? ` on ${family.name} problems` : '';
    throw new AppError('invalid', 'CONFIG_IGNORED', `solver ${def.name} reads no ${names.config}${where}, got ${Object.keys(request.config).join(', ')}`);
  }
  if (request.colors !== undefined && family.engine !== 'coloring') {
    throw new AppError('invalid', 'COLORS_IGNORED', `${names.colors} (k of a k-colouring) is read on coloring problems only, not ${family.name}`);
  }
  const preset = request.preset ?? 'default';
  const allowed = presetsOf(family.engine);
  if (!(allowed as readonly string[]).includes(preset)) {
    throw new AppError('invalid', 'INVALID_PRESET', `unknown preset ${echo(preset)} for ${def.name} on ${family.name}: presets are ${allowed.join(', ')}`);
  }
  return preset as PresetName;
}

/** Builds a solver's session: the CLI, the service workers and the benchmarks all come here. */
export async function createSession(problem: EngineProblem, spec: SessionSpec): Promise<PreparedSession> {
  const made = solverDefinition(spec.solver).create(problem, spec);
  if (typeof made !== 'function') return { session: made, backend: INCREMENTAL_BACKEND, dispose: async () => {} };
  const backend = await selectBackend(spec.backend, { threads: spec.threads });
  try {
    const built = await made(backend);
    return {
      session: built.session,
      backend: backend.description,
      dispose: async () => {
        built.dispose();
        await backend.dispose();
      },
    };
  } catch (err) {
    await backend.dispose();
    throw err;
  }
}
