// The `select` option (which instance of a multi-instance file) for formats that hold one instance.

import type { ParseIssue, ParseResult } from '../../common/parse-result.js';
import type { StreamParser } from '../family.js';
import { errorAt, failed } from './line-reader.js';

/** How users name an instance: in messages of both multi- and single-instance formats. */
export const SELECT_HOW = 'choose one with the REST field `select` or the CLI suffix `file#k` (or --select k)';

/**
 * Null when `select` is absent or 1; else INSTANCE_INDEX for the input as a whole, since a
 * `select` that means nothing would still make a distinct problem (it is part of the dedupe hash).
 */
export function singleInstanceIssue(select: number | undefined, format: string): ParseIssue | null {
  if (select === undefined || select === 1) return null;
  return errorAt('INSTANCE_INDEX', 0, 0, `a ${format} file holds one instance, so there is no instance ${select} (only 1)`);
}

/** A stream parser that has failed before its first byte (a `select` the format cannot honour). */
export function rejectingParser<I>(issue: ParseIssue): StreamParser<I> {
  return {
    push: () => false,
    knownFormat: null,
    failed: true,
    finish: (): ParseResult<I> => failed([issue]),
  };
}
