// GET /v1/catalog's body: what a client needs to build a run form and a benchmark form, derived from
// the registries and the zod schemas the API validates with (no list here is written by hand).

import { z } from 'zod';
import { AppError } from '../common/app-error.js';
import { manifestTags, resolveSuite, type SuiteOptions } from '../bench/suites.js';
import { loadManifest, type Manifest } from '../instances/manifest.js';
import type { ProblemFamily } from '../problems/family.js';
import { FAMILIES } from '../problems/registry.js';
import { parseSolverSpec } from '../bench/solver-spec.js';
import { PRESET_SUMMARIES, PRESETS, type PresetName } from '../solvers/binary/presets.js';
import { checkSolverRequest, SOLVERS, type SolverDefinition, type SolverRequest } from '../solvers/registry.js';
import { benchmarkRequestSchema, runRequestSchema } from './schemas.js';

type JsonSchema = Record<string, unknown>;

export interface CatalogFamily {
  readonly name: string;
  readonly title: string;
  /** The engine that solves it: clauses, quadratic or coloring. */
  readonly engine: string;
  readonly formats: readonly string[];
  /** Formats whose files hold several instances (the run's problem then takes `select`). */
  readonly multiInstanceFormats: readonly string[];
  /** The objective's sense: fixed, or 'either' where each file states its own (QUBO). */
  readonly sense: ProblemFamily['sense'];
  /** Solvers POST /v1/runs accepts for it. */
  readonly solvers: readonly string[];
  /** Presets a preset-reading solver accepts on it. */
  readonly presets: readonly string[];
  /** Run request fields read on this family only, with their JSON Schema (colouring: `colors`). */
  readonly runFields: Readonly<Record<string, JsonSchema>>;
}

export interface CatalogSolver {
  readonly name: string;
  readonly summary: string;
  readonly families: readonly string[];
  readonly usesPreset: boolean;
  readonly usesConfig: boolean;
  readonly usesBackend: boolean;
  /** The families on which it reads a non-empty `config` (PolyStep reads none on colouring). */
  readonly configFamilies: readonly string[];
  /** Its keys in a benchmark's `solvers` (`name[:preset]`, canonical). */
  readonly benchmarkKeys: readonly string[];
}

export interface CatalogSuite {
  readonly name: string;
  readonly summary: string;
  readonly instances: number;
  readonly families: readonly string[];
  /** The instances' groups in reports (satlib-uf20-91, gset-random, …). */
  readonly groups: readonly string[];
}

export interface Catalog {
  readonly families: readonly CatalogFamily[];
  readonly solvers: readonly CatalogSolver[];
  readonly presets: readonly { readonly name: string; readonly summary: string; readonly families: readonly string[] }[];
  readonly configSchema: JsonSchema;
  readonly terminationSchema: JsonSchema;
  /** The run request's other fields every family reads (seed, maxAttempts). */
  readonly runSchema: JsonSchema;
  /** The body of POST /v1/benchmarks. */
  readonly benchmarkSchema: JsonSchema;
  readonly suites: readonly CatalogSuite[];
}

/** Whether the run validation (checkSolverRequest) lets `request` through on `family`: the catalog asks it rather than restating its rules. */
function accepts(request: SolverRequest, family: ProblemFamily): boolean {
  try {
    checkSolverRequest(request, { name: family.name, engine: family.engineKind });
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

/**
 * A request schema as JSON Schema, as clients send it (the input side of defaults and transforms),
 * self-contained: every property carries its whole schema (a schedule is spelled out where used).
 */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const runFields = runRequestSchema.shape;
/** Run request fields that some families refuse: the catalog names the families that read them. */
const FAMILY_FIELDS: Readonly<Record<string, { readonly probe: Partial<SolverRequest>; readonly schema: z.ZodType }>> = {
  colors: { probe: { colors: 2 }, schema: runFields.colors },
};

function familyEntry(family: ProblemFamily): CatalogFamily {
  const solvers = SOLVERS.filter((s) => accepts({ solver: s.name }, family));
  const presetReader = solvers.find((s) => s.usesPreset);
  const fields: Record<string, JsonSchema> = {};
  for (const [name, field] of Object.entries(FAMILY_FIELDS)) {
    if (solvers.some((s) => accepts({ solver: s.name, ...field.probe }, family))) fields[name] = jsonSchemaOf(field.schema);
  }
  return {
    name: family.name,
    title: family.title,
    engine: family.engineKind,
    formats: [...family.formats],
    multiInstanceFormats: [...(family.multiInstanceFormats ?? [])],
    sense: family.sense,
    solvers: solvers.map((s) => s.name),
    presets: presetReader === undefined ? [] : PRESETS.filter((preset) => accepts({ solver: presetReader.name, preset }, family)),
    runFields: fields,
  };
}

function solverEntry(solver: SolverDefinition): CatalogSolver {
  const families = FAMILIES.filter((f) => accepts({ solver: solver.name }, f));
  // Any key of the schema makes the config non-empty: checkSolverRequest only asks whether there is one.
  const someConfig = { [Object.keys(runFields.config.unwrap().shape)[0]]: 2 };
  return {
    name: solver.name,
    summary: solver.summary,
    families: families.map((f) => f.name),
    usesPreset: solver.usesPreset,
    usesConfig: solver.usesConfig,
    usesBackend: solver.usesBackend,
    configFamilies: families.filter((f) => accepts({ solver: solver.name, config: someConfig }, f)).map((f) => f.name),
    benchmarkKeys: (solver.usesPreset ? PRESETS.map((p) => `${solver.name}:${p}`) : [solver.name]).map((text) => parseSolverSpec(text).key),
  };
}

function presetEntry(name: PresetName) {
  const readers = SOLVERS.filter((s) => s.usesPreset);
  const families = FAMILIES.filter((f) => readers.some((s) => accepts({ solver: s.name, preset: name }, f)));
  return { name, summary: PRESET_SUMMARIES[name], families: families.map((f) => f.name) };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The manifest's tags, as POST /v1/benchmarks resolves them. */
async function suiteEntries(manifest: Manifest, options: SuiteOptions): Promise<CatalogSuite[]> {
  const titles = new Map(FAMILIES.map((f) => [f.name as string, f.title]));
  return Promise.all(
    manifestTags(manifest).map(async (name) => {
      const instances = await resolveSuite(name, { ...options, manifest });
      const families = [...new Set(instances.map((i) => i.problem))];
      const groups = [...new Set(instances.map((i) => i.family))].sort();
      const sizes = instances.map((i) => i.variables);
      const range = Math.min(...sizes) === Math.max(...sizes) ? `${sizes[0]}` : `${Math.min(...sizes)}–${Math.max(...sizes)}`;
      const summary = `${plural(instances.length, 'instance')} of ${families.map((f) => titles.get(f) ?? f).join(', ')}, ${range} variables`;
      return { name, summary, instances: instances.length, families, groups };
    }),
  );
}

/** Builds the catalog (the suites read the instance manifest; everything else is in memory). */
export async function buildCatalog(options: { readonly manifest?: Manifest; readonly suiteOptions?: SuiteOptions } = {}): Promise<Catalog> {
  const manifest = options.manifest ?? loadManifest();
  return {
    families: FAMILIES.map(familyEntry),
    solvers: SOLVERS.map(solverEntry),
    presets: PRESETS.map(presetEntry),
    configSchema: jsonSchemaOf(runFields.config.unwrap()),
    terminationSchema: jsonSchemaOf(runFields.termination.unwrap()),
    runSchema: jsonSchemaOf(z.strictObject({ seed: runFields.seed, maxAttempts: runFields.maxAttempts })),
    benchmarkSchema: jsonSchemaOf(benchmarkRequestSchema),
    suites: await suiteEntries(manifest, options.suiteOptions ?? { allowOutsideInstances: false }),
  };
}
