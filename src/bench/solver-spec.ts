// Solver configs of a benchmark: `name[:preset]` keys, parsed and checked before any cell runs.

import { AppError, echo } from '../common/app-error.js';
import { PRESETS, type PresetName } from '../solvers/binary/presets.js';
import { SOLVER_NAMES, SOLVERS, type SolverName } from '../solvers/registry.js';

/** Every solver a benchmark may name: the solver registry's. */
export const BENCH_SOLVERS = SOLVER_NAMES;
export type BenchSolverName = SolverName;

/** Solvers whose sessions read a PolyStep preset; the others take none, so `walksat:paper` is refused. */
const PRESET_SOLVERS: ReadonlySet<string> = new Set(SOLVERS.filter((s) => s.usesPreset).map((s) => s.name));

export interface SolverSpec {
  /** Canonical key cells are stored under: `polystep:default`, `polystep:paper`, `walksat`, `hybrid:paper`, … */
  readonly key: string;
  readonly solver: BenchSolverName;
  readonly preset: PresetName;
}

export class SolverSpecError extends AppError {
  constructor(message: string) {
    super('invalid', 'INVALID_SOLVER', message);
    this.name = 'SolverSpecError';
  }
}

const isSolver = (name: string): name is BenchSolverName => (BENCH_SOLVERS as readonly string[]).includes(name);
const isPreset = (name: string): name is PresetName => (PRESETS as readonly string[]).includes(name);

/**
 * One `name[:preset]`. Keys are canonical so the same config always lands on the same cells:
 * `polystep` always carries its preset (`polystep` → `polystep:default`), other solvers only a
 * non-default one (`hybrid:default` → `hybrid`).
 */
export function parseSolverSpec(text: string): SolverSpec {
  const [name, preset, ...rest] = text.trim().split(':');
  if (!isSolver(name)) throw new SolverSpecError(`unknown solver ${echo(name)} in ${echo(text.trim())}: solvers are ${BENCH_SOLVERS.join(', ')}`);
  if (rest.length > 0) throw new SolverSpecError(`${echo(text.trim())} is not name[:preset]`);
  if (preset !== undefined && !PRESET_SOLVERS.has(name)) throw new SolverSpecError(`${name} takes no preset, got ${echo(text.trim())} (only ${[...PRESET_SOLVERS].join(' and ')} do)`);
  if (preset !== undefined && !isPreset(preset)) throw new SolverSpecError(`unknown preset ${echo(preset)} in ${echo(text.trim())}: presets are ${PRESETS.join(', ')}`);
  const chosen: PresetName = preset ?? 'default';
  const key = name === 'polystep' ? `polystep:${chosen}` : chosen === 'default' ? name : `${name}:${chosen}`;
  return { key, solver: name, preset: chosen };
}

/** A comma-separated list (or several), in the order given; empty lists and repeats are refused. */
export function parseSolverList(list: string | readonly string[]): SolverSpec[] {
  const items = (typeof list === 'string' ? [list] : list).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new SolverSpecError(`no solver given: list some of ${BENCH_SOLVERS.join(', ')} (e.g. polystep:default,walksat)`);
  const specs = items.map(parseSolverSpec);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.key)) throw new SolverSpecError(`solver ${spec.key} is listed twice`);
    seen.add(spec.key);
  }
  return specs;
}
