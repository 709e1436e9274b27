// The `i j q` lines of OR-Library and Biq Mac files: upper-triangle entries of a symmetric Q in x'Qx.

import type { ParseIssue } from '../../common/parse-result.js';
import type { ParseMode } from '../maxsat/parse-options.js';
import { errorAt, warningAt, type LineReader } from '../quadratic/line-reader.js';
import type { QuadraticModelBuilder } from '../quadratic/model-builder.js';
import type { TripletSpec } from '../quadratic/triplet-section.js';

/**
 * Both formats mean x'Qx with Q symmetric and list each entry once, i ≤ j (checked against the
 * published best-known values: OR-Library bqp50.1 reaches 2098, Biq Mac gka1a −3414):
 *   a diagonal entry q_ii contributes q_ii·x_i,
 *   an off-diagonal entry q_ij contributes 2·q_ij·x_i·x_j (it stands for q_ij and q_ji).
 * Repeated entries add up. An entry below the diagonal (i > j) names the same symmetric pair: strict
 * mode rejects it (the formats list the upper triangle), relaxed mode folds it with a warning.
 */
export function symmetricTermSpec(into: TermTarget): TripletSpec {
  const { builder, sign, declared, mode } = into;
  return {
    ...termLines(into.endsAtPair),
    accept(index, i, j, r): ParseIssue | null {
      const q = coefficient(r);
      if (typeof q !== 'number' && typeof q !== 'bigint') return q;
      let problem: ParseIssue | null = null;
      if (i > j) {
        const message = `entry (${i + 1}, ${j + 1}) is below the diagonal: the format lists the upper triangle, i <= j`;
        if (mode === 'strict') return errorAt('BAD_TERM', r.line, r.columns[0], message);
        problem = warningAt('BAD_TERM', r.line, r.columns[0], `${message}; read as (${j + 1}, ${i + 1})`);
      }
      // lines past the declared count fail the parse anyway: do not store them
      if (index >= declared) return problem;
      const times = i === j ? 1 : 2;
      if (typeof q === 'number') builder.addPair(i, j, sign * times * q);
      else builder.addPair(i, j, BigInt(sign * times) * q);
      return problem;
    },
  };
}

export interface TermTarget {
  readonly builder: QuadraticModelBuilder;
  /** −1 for a maximised file: the engine minimises −objective. */
  readonly sign: 1 | -1;
  /** The header's term count: lines past it are not stored. */
  readonly declared: number;
  readonly mode: ParseMode;
  /** A two-number line starts the next instance (OR-Library) instead of being a bad term. */
  readonly endsAtPair: boolean;
}

/** For instances of a file that are not selected: lines are checked for shape and counted, nothing is stored. */
export const SKIPPED_TERMS: TripletSpec = { ...termLines(true), accept: () => null };

function termLines(endsAtPair: boolean): Omit<TripletSpec, 'accept'> {
  return {
    noun: 'term',
    indexNoun: 'variable',
    pattern: '`i j q`',
    lineCode: 'BAD_TERM',
    countCode: 'TERM_COUNT_MISMATCH',
    endsAtPair,
  };
}

/** The line's third number: a double when exact (|q| < 2^53), else a bigint; INT_OVERFLOW past 2^64 − 1. */
function coefficient(r: LineReader): number | bigint | ParseIssue {
  const v = r.values[2];
  if (Number.isFinite(v)) return v;
  const exact = r.exactValue(2);
  return exact ?? errorAt('INT_OVERFLOW', r.line, r.columns[2], 'coefficient magnitude exceeds 2^64-1');
}
