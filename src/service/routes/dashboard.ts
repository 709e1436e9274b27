// The dashboard: its page at /, its scripts and styles under /ui, and the libraries it uses, served
// from the installed packages (no CDN, nothing fetched at run time).

import express, { Router } from 'express';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { INSTANCES_DIR } from '../../instances/manifest.js';

const ROOT = resolve(INSTANCES_DIR, '..');
/** The page and its styles, as written. */
const UI_SOURCES = resolve(ROOT, 'src/ui');
/** Its scripts, compiled by `npm run build` (src/ui/tsconfig.json). */
const UI_BUILD = resolve(ROOT, 'dist/ui');
const packageFile = createRequire(import.meta.url).resolve;

/** Files of installed packages the page loads, by the path it loads them from. */
const VENDOR: Readonly<Record<string, string>> = {
  'uplot.js': 'uplot/dist/uPlot.esm.js',
  'uplot.css': 'uplot/dist/uPlot.min.css',
};

export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.sendFile(resolve(UI_SOURCES, 'index.html'));
  });
  for (const [name, file] of Object.entries(VENDOR)) {
    const path = packageFile(file);
    router.get(`/ui/vendor/${name}`, (_req, res) => {
      res.sendFile(path, { maxAge: '1h' });
    });
  }
  router.use('/ui', express.static(UI_BUILD, { index: false }), express.static(UI_SOURCES, { index: false, extensions: [] }));
  return router;
}
