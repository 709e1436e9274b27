// The values of an assignment as people and solvers write them: every token, or only those of `v` lines in solver output.

export interface Token {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

const SOLVER_LINE = /^\s*[vcso](\s|$)/;

/** Tokens of the values: from the `v` lines when the text has solver lines, else from all of it. */
export function valueTokens(text: string): Token[] {
  const lines = text.split(/\r?\n/);
  const solverOutput = lines.some((l) => SOLVER_LINE.test(l));
  const tokens: Token[] = [];
  lines.forEach((raw, index) => {
    let from = 0;
    if (solverOutput) {
      const m = /^\s*v(\s|$)/.exec(raw);
      if (m === null) return;
      from = m[0].length;
    }
    const re = /\S+/g;
    re.lastIndex = from;
    for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
      tokens.push({ text: m[0], line: index + 1, column: m.index + 1 });
    }
  });
  return tokens;
}
