// Where JSON text first goes wrong: V8's messages do not always say (Node 20: "Unexpected token ']'").

/**
 * The character offset of the first JSON syntax error in `text` (text.length when it ends too
 * early), or null when it is one valid JSON value. Iterative, so deep nesting cannot overflow the
 * stack; linear in the text.
 */
export function syntaxErrorOffset(text: string): number | null {
  const open: boolean[] = []; // true: an object, false: an array
  let expect: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after' = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i >= text.length) return expect === 'after' && open.length === 0 ? null : i;
    const c = text[i];
    const inObject = open[open.length - 1];
    if (expect === 'valueOrClose' && c === ']') {
      open.pop();
      i++;
      expect = 'after';
    } else if (expect === 'value' || expect === 'valueOrClose') {
      if (c === '{' || c === '[') {
        open.push(c === '{');
        i++;
        expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
        continue;
      }
      const end = scalarEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'after';
    } else if (expect === 'keyOrClose' && c === '}') {
      open.pop();
      i++;
      expect = 'after';
    } else if (expect === 'key' || expect === 'keyOrClose') {
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
    } else {
      if (open.length === 0) return i; // something after the value
      if (c === ',') expect = inObject ? 'key' : 'value';
      else if (c === (inObject ? '}' : ']')) open.pop();
      else return i;
      i++;
    }
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Offsets past a scalar at `i`, or −(error offset + 1). */
function scalarEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '-' || (c >= '0' && c <= '9')) return numberEnd(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (c !== word[0]) continue;
    for (let k = 1; k < word.length; k++) if (text[i + k] !== word[k]) return -(i + k) - 1;
    return i + word.length;
  }
  return -i - 1;
}

function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -j - 1;
    if (c !== 0x5c) continue;
    const e = text[++j];
    if (e === 'u') {
      for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[j + k] ?? '')) return -(j + k) - 1;
      j += 4;
    } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
      return -j - 1;
    }
  }
  return -text.length - 1;
}

function numberEnd(text: string, i: number): number {
  let j = i;
  if (text[j] === '-') j++;
  if (text[j] === '0') j++;
  else if (!digits()) return -j - 1;
  if (text[j] === '.') {
    j++;
    if (!digits()) return -j - 1;
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!digits()) return -j - 1;
  }
  return j;

  function digits(): boolean {
    const from = j;
    while (text[j] >= '0' && text[j] <= '9') j++;
    return j > from;
  }
}
