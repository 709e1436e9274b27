// /v1/catalog: the families, solvers, presets, schemas and suites a client builds its forms from.

import { Router } from 'express';
import { buildCatalog, type Catalog } from '../catalog.js';

export function catalogRoutes(): Router {
  const router = Router();
  // Everything in it is fixed for the life of the process: built on first use, then served as is.
  let catalog: Promise<Catalog> | null = null;
  router.get('/', async (_req, res) => {
    catalog ??= buildCatalog();
    try {
      res.json(await catalog);
    } catch (err) {
      catalog = null;
      throw err;
    }
  });
  return router;
}
