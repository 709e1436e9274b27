// GET /v1/catalog: the families, solvers, presets, config and termination schemas and suites the API
// validates with. Read once per page load; the forms are built from it, never from lists of their own.

import { ApiError, getJson } from './api.js';
import type { Catalog } from './types.js';

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

export type CatalogSolver = Catalog['solvers'][number];

/** The solvers that solve `family`, in the catalog's order. */
export function solversFor(catalog: Catalog, family: string): CatalogSolver[] {
  return catalog.solvers.filter((s) => s.families.includes(family));
}
