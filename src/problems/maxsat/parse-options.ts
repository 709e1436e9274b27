// Options, limits and format hints shared by every DIMACS entry point.

import type { DimacsFormat } from './instance.js';

export type ParseMode = 'strict' | 'relaxed';

export interface ParseLimits {
  readonly maxVariables: number;
  readonly maxClauses: number;
  readonly maxLiterals: number;
  /** Bytes of (decompressed) DIMACS text. */
  readonly maxBytes: number;
}

export interface ParseOptions {
  /** `auto` (default): the `p` line, else an `h` clause, else the file name, else ask. */
  readonly format?: DimacsFormat | 'auto';
  /** Used only to guess the format of a headerless file (`.cnf`, `.wcnf`, optionally `.gz`). */
  readonly fileName?: string;
  /** strict (default) rejects what relaxed accepts with a warning. */
  readonly mode?: ParseMode;
  readonly limits?: Partial<ParseLimits>;
  /** Bytes of DIMACS text expected, when known: bounds what a header may reserve up front. */
  readonly sizeHint?: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxVariables: 2 ** 27,
  maxClauses: 2 ** 28,
  maxLiterals: 2 ** 29,
  maxBytes: Number.POSITIVE_INFINITY,
};

/**
 * The limits in force: those given, the rest from `defaults` (a family's own: quadratic families
 * cap variables and terms lower, see quadratic/limits.ts). Quadratic families read `maxClauses`
 * as their term count (edges, nonzero coefficients).
 */
export function resolveLimits(limits: Partial<ParseLimits> | undefined, defaults: ParseLimits = DEFAULT_LIMITS): ParseLimits {
  return { ...defaults, ...limits };
}

/** The format a file name suggests, ignoring a trailing `.gz`; null when it suggests none. */
export function formatFromFileName(name: string | undefined): DimacsFormat | null {
  if (name === undefined) return null;
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.wcnf')) return 'wcnf';
  if (base.endsWith('.cnf')) return 'cnf';
  return null;
}
