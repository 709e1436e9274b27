// GET /v1/catalog: the families, solvers, presets, config and termination schemas and suites the API
// validates with. Read once per page load; the forms are built from it, never from lists of their own.

import { ApiError, getJson } from './api.js';
import type { Catalog, CatalogSolver, JsonSchema } from './types.js';

let cached: Promise<Catalog> | null = null;

export function loadCatalog(): Promise<Catalog> {
  cached ??= getJson<Catalog>('/v1/catalog').catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** Why the catalog could not be read, in words for the form. */
export function catalogProblem(err: unknown): string {
  if (err instanceof ApiError && err.status === 404) return 'catalog unavailable: this service has no GET /v1/catalog, so the form cannot list solvers, presets or settings';
  return `catalog unavailable: ${err instanceof Error ? err.message : String(err)}`;
}

/** The solvers that solve `family`, in the catalog's order. */
export function solversFor(catalog: Catalog, family: string): CatalogSolver[] {
  return catalog.solvers.filter((s) => s.families.includes(family));
}

/** Whether `solver` reads a PolyStep config on `family` (PolyStep reads none on colouring). */
export function readsConfig(solver: CatalogSolver, family: string): boolean {
  return solver.configFamilies.includes(family);
}

/** The presets a preset-reading solver accepts on `family`. */
export function presetsFor(catalog: Catalog, family: string): Catalog['presets'][number][] {
  const allowed = catalog.families.find((f) => f.name === family)?.presets ?? [];
  return catalog.presets.filter((p) => allowed.includes(p.name));
}

/** Run request fields only `family` reads (colouring's `colors`), by name. */
export function familyFields(catalog: Catalog, family: string): Readonly<Record<string, JsonSchema>> {
  return catalog.families.find((f) => f.name === family)?.runFields ?? {};
}
