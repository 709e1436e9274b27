// Known paths answer unsupported methods with 405 and the `Allow` header, not the 404 of an unknown path.

import type { RequestHandler } from 'express';
import { AppError, echo } from '../common/app-error.js';

/** What the router keeps of a route: its path, its methods, and a way to add a handler for any method. */
interface RouteLike {
  readonly path: unknown;
  readonly methods: Readonly<Record<string, boolean | undefined>>;
  all(handler: RequestHandler): unknown;
}

interface LayerLike {
  readonly route?: RouteLike;
  readonly handle?: { readonly stack?: unknown };
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function methodsOf(route: RouteLike): string[] {
  const methods = Object.keys(route.methods).filter((m) => m !== '_all' && route.methods[m] === true).map((m) => m.toUpperCase());
  // Express answers HEAD with the GET handler.
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

function refuse(allow: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    next(new AppError('method_not_allowed', 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${echo(req.originalUrl.split('?')[0])}; allowed: ${allow.join(', ')}`, { allow }));
  };
}

/**
 * Adds, after the last route of each path in `stack` (mounted routers included), a handler that
 * refuses every method no route of that path serves. Call it once all routes are registered.
 * The handler goes on the last route, so the routes before it still see their own methods first.
 */
export function refuseOtherMethods(stack: readonly unknown[]): void {
  const last = new Map<string, RouteLike>();
  const allowed = new Map<string, Set<string>>();
  for (const layer of stack as readonly LayerLike[]) {
    const route = layer.route;
    if (route !== undefined && typeof route.path === 'string') {
      // A route that already takes every method (all()) decides for itself.
      if (route.methods._all === true) continue;
      last.set(route.path, route);
      const methods = allowed.get(route.path) ?? new Set<string>();
      for (const m of methodsOf(route)) methods.add(m);
      allowed.set(route.path, methods);
    } else if (Array.isArray(layer.handle?.stack)) {
      refuseOtherMethods(layer.handle.stack);
    }
  }
  for (const [path, route] of last) {
    const allow = [...(allowed.get(path) ?? [])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
    route.all(refuse(allow));
  }
}
