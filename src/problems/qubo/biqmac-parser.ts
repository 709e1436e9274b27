// Parses Biq Mac `.sparse` QUBO files (`n m`, then m lines `i j q`, 1-based, i <= j): minimise x'Qx.

import type { ParseResult } from '../../common/parse-result.js';
import { singleInstanceIssue } from '../quadratic/instance-select.js';
import { resolveQuadraticLimits, sizeLimitIssue } from '../quadratic/limits.js';
import { errorAt, failed, isBlank, LineReader } from '../quadratic/line-reader.js';
import { QuadraticModelBuilder } from '../quadratic/model-builder.js';
import { MIN_TRIPLET_BYTES, readCounts, readTriplets } from '../quadratic/triplet-section.js';
import type { QuboInstance } from './instance.js';
import { symmetricTermSpec } from './symmetric-terms.js';
import type { QuboParseOptions } from './triplet-options.js';

/** The symmetric x'Qx convention of symmetric-terms.ts; the sense is always 'min'. */
export function parseBiqMac(bytes: Uint8Array, options: QuboParseOptions = {}): ParseResult<QuboInstance> {
  const wrongSelect = singleInstanceIssue(options.select, 'biqmac');
  if (wrongSelect !== null) return failed([wrongSelect]);
  if (isBlank(bytes)) return failed([errorAt('EMPTY_INPUT', 0, 0, 'input is empty or only whitespace')]);
  const reader = new LineReader(bytes);
  const header = readCounts(reader, ['variable count', 'term count']);
  if (header === false) return failed([errorAt('NO_HEADER', 0, 0, 'no header line `n m` (input holds only comments)')]);
  if ('code' in header) return failed([header]);
  const [n, m] = header.values;
  const at = (k: number) => ({ line: header.line, column: header.columns[k] });
  const tooLarge = sizeLimitIssue(resolveQuadraticLimits(options.limits), n, at(0), m, at(1), { variable: 'variable', term: 'term' });
  if (tooLarge !== null) return failed([tooLarge]);
  const builder = new QuadraticModelBuilder(n, Math.min(m, Math.floor(bytes.length / MIN_TRIPLET_BYTES) + 1));
  const spec = symmetricTermSpec({ builder, sign: 1, declared: m, mode: options.mode ?? 'strict', endsAtPair: false });
  const section = readTriplets(reader, n, header, spec);
  if (section.errors.length > 0) return failed(section.errors);
  return { ok: true, value: { model: builder.build(), sense: 'min', format: 'biqmac' }, warnings: section.warnings };
}
