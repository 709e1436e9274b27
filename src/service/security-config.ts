// Access and work-limit settings from the environment: API token, allowed browser origins, rate limit,
// and the caps that bound what one request can make the service do. 0 turns a limit off.

import type { ParseLimits } from '../problems/maxsat/parse-options.js';

export interface SecurityConfig {
  /** Bearer token every /v1 route requires (POLYSTEP_API_TOKEN); null: no authentication. */
  readonly apiToken: string | null;
  /** Browser origins besides the service's own allowed to send state-changing requests (POLYSTEP_ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** Requests per minute per client (POLYSTEP_RATE_LIMIT). */
  readonly rateLimitPerMinute: number;
}

export interface WorkLimits {
  /** Queued and running runs one client may have at once (POLYSTEP_MAX_ACTIVE_RUNS). */
  readonly maxActiveRunsPerClient: number;
  /** Longest time limit of a run; runs without one stop there too (POLYSTEP_MAX_RUN_TIME_MS). */
  readonly maxRunTimeMs: number;
  /** Longest time limit of a benchmark cell; cells without one stop there too (POLYSTEP_MAX_CELL_TIME_MS). */
  readonly maxCellTimeMs: number;
  /** Cells (instances × solvers × seeds) of one benchmark (POLYSTEP_MAX_BENCHMARK_CELLS). */
  readonly maxBenchmarkCells: number;
  /** Variables a problem may declare or use (POLYSTEP_MAX_VARIABLES). */
  readonly maxVariables: number;
  /** Clauses a problem may declare or hold (POLYSTEP_MAX_CLAUSES). */
  readonly maxClauses: number;
}

export const DEFAULT_SECURITY_CONFIG: SecurityConfig = {
  apiToken: null,
  allowedOrigins: [],
  rateLimitPerMinute: 600,
};

export const DEFAULT_WORK_LIMITS: WorkLimits = {
  maxActiveRunsPerClient: 20,
  maxRunTimeMs: 3_600_000,
  maxCellTimeMs: 300_000,
  maxBenchmarkCells: 5_000,
  maxVariables: 10_000_000,
  maxClauses: 20_000_000,
};

/** RFC 6750 b64token: what an Authorization header can carry as is. */
const TOKEN_CHARS = /^[A-Za-z0-9\-._~+/]+=*$/;
export const MIN_TOKEN_LENGTH = 16;

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (0 turns the limit off), got "${raw.slice(0, 40)}"`);
  return n;
}

function apiToken(env: NodeJS.ProcessEnv): string | null {
  const raw = env.POLYSTEP_API_TOKEN;
  if (raw === undefined || raw === '') return null;
  if (raw.length < MIN_TOKEN_LENGTH || !TOKEN_CHARS.test(raw)) {
    throw new Error(`POLYSTEP_API_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + / (e.g. openssl rand -hex 32)`);
  }
  return raw;
}

/** `https://dash.example.org, http://localhost:3000` → the origins, each checked to be a bare http(s) origin. */
function allowedOrigins(env: NodeJS.ProcessEnv): string[] {
  const raw = env.POLYSTEP_ALLOWED_ORIGINS ?? '';
  return raw
    .split(',')
    .map((entry) => entry.trim().replace(/\/$/, ''))
    .filter((entry) => entry !== '')
    .map((entry) => {
      let origin: string | null = null;
      try {
        const url = new URL(entry);
        const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
        if ((url.protocol === 'http:' || url.protocol === 'https:') && bare) origin = url.origin;
      } catch {
        origin = null;
      }
      if (origin === null) {
        throw new Error(`POLYSTEP_ALLOWED_ORIGINS must list origins such as https://dash.example.org (scheme, host, optional port; no path), got "${entry.slice(0, 80)}"`);
      }
      return origin;
    });
}

export function securityFromEnv(env: NodeJS.ProcessEnv): SecurityConfig {
  const d = DEFAULT_SECURITY_CONFIG;
  return {
    apiToken: apiToken(env),
    allowedOrigins: allowedOrigins(env),
    rateLimitPerMinute: count(env, 'POLYSTEP_RATE_LIMIT', d.rateLimitPerMinute),
  };
}

export function workLimitsFromEnv(env: NodeJS.ProcessEnv): WorkLimits {
  const d = DEFAULT_WORK_LIMITS;
  return {
    maxActiveRunsPerClient: count(env, 'POLYSTEP_MAX_ACTIVE_RUNS', d.maxActiveRunsPerClient),
    maxRunTimeMs: count(env, 'POLYSTEP_MAX_RUN_TIME_MS', d.maxRunTimeMs),
    maxCellTimeMs: count(env, 'POLYSTEP_MAX_CELL_TIME_MS', d.maxCellTimeMs),
    maxBenchmarkCells: count(env, 'POLYSTEP_MAX_BENCHMARK_CELLS', d.maxBenchmarkCells),
    maxVariables: count(env, 'POLYSTEP_MAX_VARIABLES', d.maxVariables),
    maxClauses: count(env, 'POLYSTEP_MAX_CLAUSES', d.maxClauses),
  };
}

/** The caps on a problem's size, as the DIMACS parser takes them (absent: the parser's own limits). */
export function problemLimits(limits: WorkLimits): Partial<ParseLimits> {
  return {
    ...(limits.maxVariables > 0 ? { maxVariables: limits.maxVariables } : {}),
    ...(limits.maxClauses > 0 ? { maxClauses: limits.maxClauses } : {}),
  };
}
