// Refuses what a hostile web page could make a visitor's browser send: state-changing cross-site
// requests (CSRF) and, on a loopback-bound service, requests to a foreign host name (DNS rebinding).
// Clients that are not browsers (no Origin, no Sec-Fetch-Site) are not affected.

import type { Request, RequestHandler } from 'express';
import { AppError } from '../common/app-error.js';

export interface CrossSiteOptions {
  /** Origins besides the service's own whose pages may send state-changing requests. */
  readonly allowedOrigins: readonly string[];
  /** The interface the service listens on: a loopback one turns the host check on. */
  readonly host: string;
}

/** Methods that change nothing, which a browser may send from anywhere (it keeps their answers from other sites). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The host name of a Host header or origin, lower case, without port or IPv6 brackets. */
function hostName(hostAndPort: string): string {
  const name = hostAndPort.startsWith('[') ? hostAndPort.slice(1, hostAndPort.indexOf(']')) : hostAndPort.split(':')[0];
  return name.toLowerCase();
}

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A browser request to a loopback-bound service that names it by another host came through a name
 * that resolves to this machine: a page of that site could otherwise read and drive the service.
 */
function untrustedHost(req: Request, loopbackBound: boolean, allowedHosts: ReadonlySet<string>): boolean {
  if (!loopbackBound) return false;
  const host = req.headers.host ?? '';
  return !isLoopbackName(hostName(host)) && !allowedHosts.has(host.toLowerCase());
}

/** Whether a state-changing browser request comes from the service's own pages or an allowed origin. */
function sameSiteOrAllowed(req: Request, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = header(req, 'origin');
  if (origin !== undefined && allowedOrigins.has(origin.toLowerCase())) return true;
  // Set by the browser itself, so a page cannot forge it; `none` is the user's own action (a bookmark).
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  // An older browser: only the Origin tells; it must name this very host (whatever the scheme a proxy adds).
  return origin !== undefined && originHost(origin) === (req.headers.host ?? '').toLowerCase();
}

export function refuseCrossSite(options: CrossSiteOptions): RequestHandler {
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => o.toLowerCase()));
  const allowedHosts = new Set([...allowedOrigins].map(originHost).filter((h): h is string => h !== null));
  const loopbackBound = isLoopbackName(options.host.replace(/^\[|\]$/g, '').toLowerCase());
  return (req, _res, next) => {
    const browser = header(req, 'origin') !== undefined || header(req, 'sec-fetch-site') !== undefined;
    if (!browser) return next();
    if (untrustedHost(req, loopbackBound, allowedHosts)) {
      return next(new AppError('forbidden', 'UNTRUSTED_HOST', 'browser requests must address this service as localhost or 127.0.0.1 (or a host of POLYSTEP_ALLOWED_ORIGINS)'));
    }
    if (SAFE_METHODS.has(req.method) || sameSiteOrAllowed(req, allowedOrigins)) return next();
    next(new AppError('forbidden', 'CROSS_SITE_REQUEST', 'cross-site browser requests may not change anything here (allow an origin with POLYSTEP_ALLOWED_ORIGINS)'));
  };
}
