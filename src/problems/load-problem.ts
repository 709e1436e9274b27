// Any family's problem from bytes: gzip undone, family and format detected, parsed with the family's parser.

import { gunzipSync } from 'node:zlib';
import type { ParseResult } from '../common/parse-result.js';
import type { FamilyParseOptions, ProblemFamily, Sense } from './family.js';
import { gzipFailure, isGzip } from './maxsat/parse-dimacs.js';
import { resolveLimits, type ParseLimits } from './maxsat/parse-options.js';
import { headText } from './head-text.js';
import { detectFamily, type DetectHints } from './registry.js';

/**
 * For content the service stored: it passed the intake's limits (the service's own, which may be
 * above a family's defaults), so reading it again must not judge its size a second time.
 */
export const STORED_CONTENT_LIMITS: Partial<ParseLimits> = { maxVariables: Infinity, maxClauses: Infinity, maxLiterals: Infinity };

/** A parsed problem with its family: what every entry point (CLI, workers, benchmarks) solves. */
export interface LoadedProblem {
  readonly family: ProblemFamily;
  readonly inst: unknown;
  /** The concrete format it was read as. */
  readonly format: string;
  readonly sense: Sense;
}

export interface LoadOptions extends DetectHints, Omit<FamilyParseOptions, 'format'> {}

/**
 * Parses `bytes` (plain or gzip) as the family and format the hints name or the content shows.
 * Unknown or contradictory hints throw an AppError (a 400); content that does not parse is a
 * failed ParseResult with positioned issues.
 */
export function parseProblem(bytes: Uint8Array, options: LoadOptions = {}): ParseResult<LoadedProblem> {
  let text = bytes;
  if (isGzip(bytes)) {
    const { maxBytes } = resolveLimits(options.limits);
    try {
      text = Number.isFinite(maxBytes) ? gunzipSync(bytes, { maxOutputLength: maxBytes }) : gunzipSync(bytes);
    } catch (err) {
      return gzipFailure(err, maxBytes);
    }
  }
  const { family, format } = detectFamily(headText(text), options);
  const parsed = family.parse(text, { ...options, format });
  if (!parsed.ok) return parsed;
  const inst = parsed.value;
  // 'auto' leaves the flavour to the parser (DIMACS): the instance knows it.
  const concrete = format === 'auto' ? family.describe(inst).format : format;
  return { ok: true, value: { family, inst, format: concrete, sense: family.senseOf(inst) }, warnings: parsed.warnings };
}
