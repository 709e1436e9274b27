// Size caps for the quadratic families (Max-Cut, QUBO): lower defaults than MAX-SAT's, one resolver.

import type { ParseIssue } from '../../common/parse-result.js';
import { DEFAULT_LIMITS, resolveLimits, type ParseLimits } from '../maxsat/parse-options.js';
import { errorAt } from './line-reader.js';

/**
 * Defaults for quadratic models: a model keeps an exact bigint per coefficient besides its floats,
 * so it costs several times a clause's bytes. `maxClauses` caps the terms (edges, nonzeros);
 * `maxLiterals` does not apply.
 */
export const QUADRATIC_LIMITS: ParseLimits = { ...DEFAULT_LIMITS, maxVariables: 2 ** 22, maxClauses: 2 ** 24 };

export function resolveQuadraticLimits(limits: Partial<ParseLimits> | undefined): ParseLimits {
  return resolveLimits(limits, QUADRATIC_LIMITS);
}

/** Where a size is declared, for the issue that rejects it. */
export interface DeclaredAt {
  readonly line: number;
  readonly column: number;
}

/** LIMIT_EXCEEDED at the declaration when `variables` or `terms` exceed the limits; else null. */
export function sizeLimitIssue(
  limits: ParseLimits,
  variables: number,
  variablesAt: DeclaredAt,
  terms: number,
  termsAt: DeclaredAt,
  nouns: { readonly variable: string; readonly term: string },
): ParseIssue | null {
  if (variables > limits.maxVariables) {
    return errorAt('LIMIT_EXCEEDED', variablesAt.line, variablesAt.column, `${variables} ${nouns.variable}s exceed the limit of ${limits.maxVariables}`);
  }
  if (terms > limits.maxClauses) {
    return errorAt('LIMIT_EXCEEDED', termsAt.line, termsAt.column, `${terms} ${nouns.term}s exceed the limit of ${limits.maxClauses}`);
  }
  return null;
}
