// The dashboard: its page at /, the API docs at /docs, their scripts and styles under /ui, and the
// libraries they use, served from the installed packages (no CDN, nothing fetched at run time).
//
// The two pages are routes (openapi.yaml documents them as HTML); the files under /ui are static
// middleware, not operations, and answer a missing file with problem JSON like any unknown path.

import express, { Router, type RequestHandler, type Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, resolve } from 'node:path';
import { AppError, echo } from '../../common/app-error.js';
import { INSTANCES_DIR } from '../../instances/manifest.js';

const ROOT = resolve(INSTANCES_DIR, '..');
/** The pages and their styles, as written. */
const UI_SOURCES = resolve(ROOT, 'src/ui');
/** Their scripts, compiled by `npm run build` (src/ui/tsconfig.json). */
const UI_BUILD = resolve(ROOT, 'dist/ui');
const packageFile = createRequire(import.meta.url).resolve;

/** Files of installed packages the pages load, by their path below /ui/vendor/ (only these: no source maps, no package tree). */
const VENDOR: Readonly<Record<string, string>> = {
  'uplot.js': 'uplot/dist/uPlot.esm.js',
  'uplot.css': 'uplot/dist/uPlot.min.css',
  'swagger/swagger-ui-bundle.js': 'swagger-ui-dist/swagger-ui-bundle.js',
  'swagger/swagger-ui.css': 'swagger-ui-dist/swagger-ui.css',
};

/** The HTML pages, by route. */
const PAGES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/docs': 'docs.html',
};

/** What /ui serves of src/ui and dist/ui: scripts (with their maps), styles and images; never sources, configs or pages. */
const UI_EXTENSIONS = new Set(['.js', '.map', '.css', '.svg', '.png', '.ico', '.woff2']);

/** Pages are revalidated on every load (their ETag makes that cheap); vendor files change only with the packages. */
export const PAGE_CACHE = 'no-cache';
export const UI_CACHE = 'no-cache';
export const VENDOR_CACHE = 'public, max-age=86400';

/** Inline `<script>` elements (no `src`): the import map. Their hashes go into script-src. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

/**
 * Only the service itself: scripts from 'self' plus the page's own inline scripts by hash, styles
 * from 'self' (styles set from scripts are not style attributes and pass), images also as data:
 * URIs (Swagger UI's icons are inline SVG in its CSS), no plugins, frames, base or foreign forms.
 */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...hashes].join(' '),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A page, read on each request (so the policy always hashes the inline scripts it is sent with). */
function sendPage(res: Response, file: string): void {
  const html = readFileSync(resolve(UI_SOURCES, file), 'utf8');
  res
    .set({ 'Content-Security-Policy': contentSecurityPolicy(html), 'Cache-Control': PAGE_CACHE, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' })
    .type('html')
    .send(html);
}

function vendorFiles(): RequestHandler {
  const files = new Map(Object.entries(VENDOR).map(([name, file]) => [`/${name}`, packageFile(file)]));
  return (req, res, next) => {
    const file = files.get(req.path);
    if (file === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.sendFile(file, { cacheControl: false, headers: { 'Cache-Control': VENDOR_CACHE, 'X-Content-Type-Options': 'nosniff' } }, (err) => {
      if (err !== undefined && !res.headersSent) next(err);
    });
  };
}

const uiStatic = (dir: string) =>
  express.static(dir, {
    index: false,
    redirect: false,
    cacheControl: false,
    setHeaders: (res) => res.set({ 'Cache-Control': UI_CACHE, 'X-Content-Type-Options': 'nosniff' }),
  });

const missing: RequestHandler = (req, _res, next) => next(new AppError('not_found', 'NOT_FOUND', `no file ${echo(req.originalUrl.split('?')[0])}`));

/** Only the kinds of file a page loads; anything else under /ui is not there. */
const onlyUiFiles: RequestHandler = (req, res, next) => (UI_EXTENSIONS.has(extname(req.path).toLowerCase()) ? next() : missing(req, res, next));

export function dashboardRoutes(): Router {
  const router = Router();
  for (const [path, file] of Object.entries(PAGES)) {
    router.get(path, (_req, res) => sendPage(res, file));
  }
  router.use('/ui/vendor', vendorFiles());
  router.use('/ui', onlyUiFiles, uiStatic(UI_BUILD), uiStatic(UI_SOURCES), missing);
  return router;
}
