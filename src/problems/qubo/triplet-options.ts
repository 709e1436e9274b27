// What the OR-Library and Biq Mac parsers take besides the bytes.

import type { ParseLimits, ParseMode } from '../maxsat/parse-options.js';

export interface QuboParseOptions {
  /** Which instance of a multi-instance file, 1-based; single-instance formats accept only 1. */
  readonly select?: number;
  /** strict (default) rejects what relaxed accepts with a warning (entries below the diagonal, unknown JSON fields). */
  readonly mode?: ParseMode;
  /** Caps on variables (`maxVariables`) and terms (`maxClauses`); the quadratic defaults otherwise. */
  readonly limits?: Partial<ParseLimits>;
}
