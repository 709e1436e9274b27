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
  /** POLYSTEP_REDIS_URL: runs and benchmark cells go to `polystep worker` processes through BullMQ; null: in-process threads. */
  readonly redisUrl: string | null;
  /** POLYSTEP_REDIS_QUEUE: the BullMQ queue (one API per queue). */
  readonly redisQueue: string;
  /** POLYSTEP_REDIS_MAX_IN_FLIGHT: jobs in Redis at once; 0: the live workers' total concurrency plus one. */
  readonly redisMaxInFlight: number;
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
  redisUrl: null,
  redisQueue: 'polystep',
  redisMaxInFlight: 0,
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

/** A BullMQ queue name: no `:` (its key separator). */
export function queueName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new Error(`POLYSTEP_REDIS_QUEUE must be 1-64 letters, digits, '_', '.' or '-', got "${name}"`);
  return name;
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
    redisUrl: env.POLYSTEP_REDIS_URL || null,
    redisQueue: queueName(env.POLYSTEP_REDIS_QUEUE || d.redisQueue),
    redisMaxInFlight: intEnv(env, 'POLYSTEP_REDIS_MAX_IN_FLIGHT', d.redisMaxInFlight),
    ...securityFromEnv(env),
    ...workLimitsFromEnv(env),
  };
}
