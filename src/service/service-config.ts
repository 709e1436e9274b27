// Service settings from the environment, with defaults that need no setup.

import { backendFromEnv, type BackendRequest } from '../backends/select-backend.js';
import { defaultPoolSize } from '../jobs/default-pool-size.js';
import { DEFAULT_SECURITY_CONFIG, DEFAULT_WORK_LIMITS, securityFromEnv, workLimitsFromEnv, type SecurityConfig, type WorkLimits } from './security-config.js';

export interface ServiceConfig extends SecurityConfig, WorkLimits {
  readonly port: number;
  /** Interface to listen on: loopback unless told otherwise (HOST=0.0.0.0 in the container). */
  readonly host: string;
  /** SQLite file, or ':memory:'. */
  readonly databasePath: string;
  readonly workers: number;
  readonly maxQueued: number;
  readonly maxUploadBytes: number;
  readonly maxJsonBytes: number;
  readonly progressEveryMs: number;
  readonly flushEveryMs: number;
  readonly requeueInterrupted: boolean;
  readonly shutdownGraceMs: number;
  readonly logRequests: boolean;
  /** Default batch evaluation backend of population solvers (POLYSTEP_BACKEND). */
  readonly backend: BackendRequest;
}

export const DEFAULT_SERVICE_CONFIG: ServiceConfig = {
  port: 8080,
  host: '127.0.0.1',
  databasePath: './data/polystep.db',
  workers: defaultPoolSize(),
  maxQueued: 100,
  maxUploadBytes: 256 * 1024 * 1024,
  maxJsonBytes: 64 * 1024 * 1024,
  progressEveryMs: 250,
  flushEveryMs: 200,
  requeueInterrupted: false,
  shutdownGraceMs: 5000,
  logRequests: true,
  backend: 'auto',
  ...DEFAULT_SECURITY_CONFIG,
  ...DEFAULT_WORK_LIMITS,
};

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const d = DEFAULT_SERVICE_CONFIG;
  return {
    ...d,
    port: intEnv(env, 'PORT', d.port),
    host: env.HOST || d.host,
    databasePath: env.POLYSTEP_DB ?? d.databasePath,
    workers: Math.max(1, intEnv(env, 'POLYSTEP_WORKERS', d.workers)),
    maxQueued: intEnv(env, 'POLYSTEP_MAX_QUEUED', d.maxQueued),
    maxUploadBytes: intEnv(env, 'POLYSTEP_MAX_UPLOAD_BYTES', d.maxUploadBytes),
    requeueInterrupted: env.POLYSTEP_REQUEUE_INTERRUPTED === '1' || env.POLYSTEP_REQUEUE_INTERRUPTED === 'true',
    logRequests: env.POLYSTEP_LOG_REQUESTS !== '0',
    backend: backendFromEnv(env),
    ...securityFromEnv(env),
    ...workLimitsFromEnv(env),
  };
}
