// MAX-SAT as a problem family: DIMACS CNF/WCNF, minimised soft cost, the MaxSAT Evaluation's output lines.

import { toJson } from '../../common/json.js';
import { contentLines } from '../head-text.js';
import { failed } from '../quadratic/line-reader.js';
import { rejectingParser, singleInstanceIssue } from '../quadratic/instance-select.js';
import type { ProblemFamily } from '../family.js';
import { binaryAssignmentText } from './assignment.js';
import { explainAssignment } from './clause-details.js';
import { DimacsParser } from './dimacs-parser.js';
import { DIMACS_FORMATS, type DimacsFormat, type MaxSatInstance } from './instance.js';
import { formatFromFileName } from './parse-options.js';
import { parseDimacs } from './parse-dimacs.js';
import { solutionLines } from './solution-output.js';
import { summarize } from './summary.js';

/**
 * A first content line DIMACS MAX-SAT and no other family starts with: a `p` header other than the
 * colouring one (`p edge`/`p col`; a misspelt `p cnf` stays here, for the DIMACS parser's positioned
 * error) or a hard-clause `h`.
 */
const DIMACS_LINE = /^(p\s(?!\s*(edge|col)(\s|$))|h\s)/;
/** Headerless WCNF: three or more integers ending in the clause terminator 0. */
const HEADERLESS_CLAUSE = /^-?\d+(\s+-?\d+){1,}\s+0\s*$/;

function dimacsFormat(format: string): DimacsFormat | 'auto' {
  return (DIMACS_FORMATS as readonly string[]).includes(format) ? (format as DimacsFormat) : 'auto';
}

export const maxSatFamily: ProblemFamily<MaxSatInstance> = {
  name: 'maxsat',
  title: 'MAX-SAT',
  senseOf: () => 'min',
  sense: 'min',
  engineKind: 'clauses',
  formats: DIMACS_FORMATS,
  // A claim adds nothing here: 'auto' already leaves the flavour to the DIMACS parser, whose errors say what is wrong.
  sniff(head, fileName, claimed = false) {
    if (claimed) return 'auto';
    const named = formatFromFileName(fileName);
    if (named !== null) return 'auto'; // the DIMACS parser reads the name itself, for headerless files only
    const [line] = contentLines(head, 1, /^c(\s|$)/);
    return line !== undefined && (DIMACS_LINE.test(line) || HEADERLESS_CLAUSE.test(line)) ? 'auto' : null;
  },
  parse(bytes, o) {
    const wrongSelect = singleInstanceIssue(o.select, 'DIMACS');
    return wrongSelect !== null ? failed([wrongSelect]) : parseDimacs(bytes, { format: dimacsFormat(o.format), fileName: o.fileName, mode: o.mode, limits: o.limits });
  },
  openParser(o) {
    const wrongSelect = singleInstanceIssue(o.select, 'DIMACS');
    return wrongSelect !== null ? rejectingParser(wrongSelect) : new DimacsParser({ format: dimacsFormat(o.format), fileName: o.fileName, mode: o.mode, limits: o.limits });
  },
  describe(inst) {
    const summary = JSON.parse(toJson(summarize(inst))) as Record<string, unknown>;
    return { format: inst.format, variables: inst.numVars, terms: inst.numClauses, summary };
  },
  variables: (inst) => inst.numVars,
  ...binaryAssignmentText<MaxSatInstance>((inst) => inst.numVars),
  engine: (inst) => ({ kind: 'clauses', inst }),
  score: (inst, assignment) => explainAssignment(inst, assignment).score,
  explain: explainAssignment,
  solutionLines(_inst, outcome) {
    if (outcome.unsatisfiable) return solutionLines({ status: 'UNSATISFIABLE' });
    const best = outcome.best;
    if (best === null || !best.feasible) return solutionLines({ status: 'UNKNOWN' });
    return solutionLines({ status: outcome.optimal ? 'OPTIMUM FOUND' : 'SATISFIABLE', cost: best.cost, assignment: best.assignment ?? undefined });
  },
};
