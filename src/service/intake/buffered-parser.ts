// A whole-document parser behind the streaming interface: for families whose files are parsed at once.

import type { ParseResult } from '../../common/parse-result.js';
import type { FamilyParseOptions, ProblemFamily, StreamParser } from '../../problems/family.js';

/**
 * Collects the text (the intake's byte limit bounds it) and parses it in `finish`. The format is
 * known up front only when the request or the sniffing named a concrete one.
 */
export class BufferedParser implements StreamParser<unknown> {
  private readonly chunks: Uint8Array[] = [];
  readonly failed = false;

  constructor(
    private readonly family: ProblemFamily,
    private readonly options: FamilyParseOptions,
  ) {}

  get knownFormat(): string | null {
    return this.options.format === 'auto' ? null : this.options.format;
  }

  push(bytes: Uint8Array): boolean {
    this.chunks.push(bytes);
    return true;
  }

  finish(): ParseResult<unknown> {
    const text = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    return this.family.parse(text, this.options);
  }
}
