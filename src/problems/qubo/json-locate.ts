// Finds where a value sits in JSON text, for positioned issues: walked only when something is wrong.

/** 1-based line and byte column, as every ParseIssue gives them. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Walks text that JSON.parse has accepted (so no syntax checks here), one value at a time. A key
 * that occurs twice resolves to its last occurrence, as JSON.parse does. `byteShift` is added to
 * columns of line 1 (a byte-order mark cut off before parsing).
 */
export class JsonLocator {
  constructor(
    private readonly text: string,
    private readonly byteShift = 0,
  ) {}

  /** The start of the value at `path` (object keys and array indexes); null when absent. */
  valueAt(path: readonly (string | number)[]): TextPosition | null {
    const offset = this.offsetAt(path);
    return offset === null ? null : this.position(offset);
  }

  /** The starts of elements `indexes` of the array at `path`, in one pass over it (null where absent). */
  elementsAt(path: readonly (string | number)[], indexes: readonly number[]): (TextPosition | null)[] {
    const array = this.offsetAt(path);
    const found = new Map<number, number>();
    if (array !== null && this.text.charCodeAt(array) === 0x5b) {
      const wanted = new Set(indexes);
      const last = Math.max(-1, ...indexes);
      let index = 0;
      this.eachChild(array, (start) => {
        if (wanted.has(index)) found.set(index, start);
        return ++index > last;
      });
    }
    return indexes.map((i) => (found.has(i) ? this.position(found.get(i) as number) : null));
  }

  /** The offset of the value at `path`, or null. */
  private offsetAt(path: readonly (string | number)[]): number | null {
    let at: number | null = this.skipSpace(0);
    for (const step of path) {
      if (at === null) return null;
      at = this.child(at, step);
    }
    return at;
  }

  /** The child `step` of the container at `at`: the last member with that key, or the element at that index. */
  private child(at: number, step: string | number): number | null {
    const open = this.text.charCodeAt(at);
    if (open !== (typeof step === 'number' ? 0x5b : 0x7b)) return null;
    let found: number | null = null;
    let index = 0;
    this.eachChild(at, (start, key) => {
      if (typeof step === 'number' ? index++ === step : key === step) found = start;
      return typeof step === 'number' && found !== null;
    });
    return found;
  }

  /** Calls `visit` with each element's (or member value's) start and the member's key; `visit` returning true stops. */
  private eachChild(at: number, visit: (start: number, key: string | null) => boolean): void {
    const object = this.text.charCodeAt(at) === 0x7b;
    let p = this.skipSpace(at + 1);
    if (this.text[p] === (object ? '}' : ']')) return;
    for (;;) {
      let key: string | null = null;
      if (object) {
        const end = this.skipString(p);
        key = JSON.parse(this.text.slice(p, end)) as string;
        p = this.skipSpace(this.skipSpace(end) + 1); // past ':'
      }
      if (visit(p, key)) return;
      p = this.skipSpace(this.skipValue(p));
      if (this.text[p] !== ',') return;
      p = this.skipSpace(p + 1);
    }
  }

  /** Just past the value starting at `p`. */
  private skipValue(p: number): number {
    const t = this.text;
    const c = t[p];
    if (c === '"') return this.skipString(p);
    if (c !== '{' && c !== '[') {
      while (p < t.length && !',]} \t\r\n'.includes(t[p])) p++;
      return p;
    }
    let depth = 0;
    for (; p < t.length; p++) {
      const d = t[p];
      if (d === '"') p = this.skipString(p) - 1;
      else if (d === '{' || d === '[') depth++;
      else if ((d === '}' || d === ']') && --depth === 0) return p + 1;
    }
    return p;
  }

  /** Just past the string starting at `p` (its opening quote). */
  private skipString(p: number): number {
    const t = this.text;
    for (p++; p < t.length; p++) {
      const c = t.charCodeAt(p);
      if (c === BACKSLASH) p++;
      else if (c === QUOTE) return p + 1;
    }
    return p;
  }

  private skipSpace(p: number): number {
    const t = this.text;
    while (p < t.length && (t[p] === ' ' || t[p] === '\t' || t[p] === '\n' || t[p] === '\r')) p++;
    return p;
  }

  /** Line and byte column of UTF-16 offset `offset`. */
  position(offset: number): TextPosition {
    let line = 1;
    let lineStart = 0;
    for (let p = this.text.indexOf('\n'); p !== -1 && p < offset; p = this.text.indexOf('\n', p + 1)) {
      line++;
      lineStart = p + 1;
    }
    const column = Buffer.byteLength(this.text.slice(lineStart, offset), 'utf8') + 1;
    return { line, column: line === 1 ? column + this.byteShift : column };
  }
}
