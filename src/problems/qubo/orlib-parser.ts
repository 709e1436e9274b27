// Parses Beasley's OR-Library QUBO files: an instance count K, then K blocks of `n m` and m `i j q` lines; maximise x'Qx.

import type { ParseIssue, ParseResult } from '../../common/parse-result.js';
import { SELECT_HOW } from '../quadratic/instance-select.js';
import { resolveQuadraticLimits, sizeLimitIssue } from '../quadratic/limits.js';
import { errorAt, failed, isBlank, LineReader } from '../quadratic/line-reader.js';
import { QuadraticModelBuilder } from '../quadratic/model-builder.js';
import { MIN_TRIPLET_BYTES, readCounts, readTriplets, type CountLine } from '../quadratic/triplet-section.js';
import type { QuadraticModel } from '../quadratic/model.js';
import type { QuboInstance } from './instance.js';
import { SKIPPED_TERMS, symmetricTermSpec } from './symmetric-terms.js';
import type { QuboParseOptions } from './triplet-options.js';

/**
 * Reads instance `select` (1-based; may be left out only when K = 1) into the model; the other
 * instances are scanned for shape and counted, so a file with fewer or more blocks than K is
 * rejected (INSTANCE_COUNT_MISMATCH) whichever instance is chosen. The x'Qx convention is that of
 * symmetric-terms.ts; the sense is always 'max', so the engine minimises −x'Qx.
 */
export function parseOrLib(bytes: Uint8Array, options: QuboParseOptions = {}): ParseResult<QuboInstance> {
  if (isBlank(bytes)) return failed([errorAt('EMPTY_INPUT', 0, 0, 'input is empty or only whitespace')]);
  const reader = new LineReader(bytes);
  const countLine = readCounts(reader, ['instance count']);
  if (countLine === false) return failed([errorAt('NO_HEADER', 0, 0, 'no instance count line (input holds only comments)')]);
  if ('code' in countLine) return failed([countLine]);
  const count = countLine.values[0];
  const chosen = chosenIndex(countLine, options.select);
  if (typeof chosen !== 'number') return failed([chosen]);
  let model: QuadraticModel | null = null;
  const warnings: ParseIssue[] = [];
  let loaded = false;
  for (let k = 1; k <= count; k++) {
    const header = readCounts(reader, ['variable count', 'term count'], loaded);
    if (header === false) return failed([countMismatch(countLine, `the file ends after ${k - 1} instance(s)`)]);
    if ('code' in header) return failed([header]);
    const [n, m] = header.values;
    let builder: QuadraticModelBuilder | null = null;
    if (k === chosen) {
      const at = (t: number) => ({ line: header.line, column: header.columns[t] });
      const tooLarge = sizeLimitIssue(resolveQuadraticLimits(options.limits), n, at(0), m, at(1), { variable: 'variable', term: 'term' });
      if (tooLarge !== null) return failed([tooLarge]);
      builder = new QuadraticModelBuilder(n, Math.min(m, Math.floor(bytes.length / MIN_TRIPLET_BYTES) + 1));
    }
    const spec = builder === null ? SKIPPED_TERMS : symmetricTermSpec({ builder, sign: -1, declared: m, mode: options.mode ?? 'strict', endsAtPair: true });
    const section = readTriplets(reader, n, header, spec);
    if (section.errors.length > 0) return failed(section.errors);
    warnings.push(...section.warnings);
    if (builder !== null) model = builder.build();
    loaded = section.endedAtPair;
  }
  if (loaded) return failed([errorAt('INSTANCE_COUNT_MISMATCH', reader.line, reader.columns[0], `the count line declares ${count} instance(s) but another instance header follows`)]);
  return { ok: true, value: { model: model as QuadraticModel, sense: 'max', format: 'orlib', instance: { index: chosen, count } }, warnings };
}

/** The 1-based instance to read, or INSTANCE_INDEX at the count when it is missing (K > 1) or out of range. */
function chosenIndex(countLine: CountLine, select: number | undefined): number | ParseIssue {
  const count = countLine.values[0];
  const at = (message: string) => errorAt('INSTANCE_INDEX', countLine.line, countLine.columns[0], message);
  if (count === 0) return errorAt('BAD_HEADER', countLine.line, countLine.columns[0], 'instance count is 0: an OR-Library file holds at least one instance');
  if (select === undefined) return count === 1 ? 1 : at(`the file holds ${count} instances (1..${count}): ${SELECT_HOW}`);
  if (!Number.isInteger(select) || select < 1 || select > count) return at(`instance ${select} does not exist: the file holds ${count} instance(s) (1..${count})`);
  return select;
}

function countMismatch(countLine: CountLine, what: string): ParseIssue {
  return errorAt('INSTANCE_COUNT_MISMATCH', countLine.line, countLine.columns[0], `the count line declares ${countLine.values[0]} instance(s) but ${what}`);
}
