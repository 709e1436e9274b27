// A problem family: its formats, parser, summary, sense, engine, exact score and solution text. One folder each.

import type { ParseResult } from '../common/parse-result.js';
import type { EngineKind, EngineProblem, Scored } from './engine-problem.js';
import type { ParseLimits, ParseMode } from './maxsat/parse-options.js';

export type FamilyName = 'maxsat' | 'maxcut' | 'qubo' | 'coloring';
export type Sense = 'min' | 'max';

export interface FamilyParseOptions {
  /** One of the family's formats, or 'auto' (the family recognises its own). */
  readonly format: string;
  readonly mode?: ParseMode;
  /** Hints the format (an extension); never required. */
  readonly fileName?: string;
  /** For files that hold several instances (OR-Library): which one, 1-based. */
  readonly select?: number;
  readonly limits?: Partial<ParseLimits>;
}

/** What the store keeps about an instance besides its content: JSON-safe (bigints as decimal strings). */
export interface Description {
  /** The concrete format it was read as (never 'auto'). */
  readonly format: string;
  readonly variables: number;
  /** Clauses, edges, nonzero terms: the family's size measure. */
  readonly terms: number;
  readonly summary: Record<string, unknown>;
}

/** An incremental parser, for families whose files are large enough to stream (MAX-SAT). */
export interface StreamParser<I> {
  push(bytes: Uint8Array): boolean;
  /** The concrete format, once known (it decides the dedupe hash). */
  readonly knownFormat: string | null;
  readonly failed: boolean;
  finish(): ParseResult<I>;
}

export interface ProblemFamily<I = unknown> {
  readonly name: FamilyName;
  /** For people: "MAX-SAT", "Max-Cut", "QUBO". */
  readonly title: string;
  /**
   * The sense of the objective reported to users for this instance (fixed for most families; QUBO
   * files say theirs: OR-Library maximises, Biq Mac minimises). The engine always minimises its cost.
   */
  senseOf(inst: I): Sense;
  /** What `senseOf` can answer: one sense for every instance, or 'either' where each file states its own (QUBO). */
  readonly sense: Sense | 'either';
  readonly engineKind: EngineKind;
  readonly formats: readonly string[];
  /** Formats whose files hold several instances, one chosen by `select` (OR-Library); none for most families. */
  readonly multiInstanceFormats?: readonly string[];
  /**
   * The format `head` (the first bytes of text, comments included) is in, if it is this family's;
   * else null. `claimed`: the user named this family, so weaker evidence suffices (e.g. an `n m`
   * header is Biq Mac for QUBO, whatever the file's name).
   */
  sniff(head: string, fileName?: string, claimed?: boolean): string | null;
  parse(bytes: Uint8Array, options: FamilyParseOptions): ParseResult<I>;
  /** Present when the family parses as bytes arrive; others are parsed whole at the end. */
  openParser?(options: FamilyParseOptions): StreamParser<I>;
  describe(inst: I): Description;
  variables(inst: I): number;
  engine(inst: I): EngineProblem;
  /**
   * Exact score of an assignment, from scratch: the reference every search's bests must match.
   * Assignments are the family's bytes: one 0/1 byte per variable for binary families, a 4-byte
   * colour per vertex for colouring (coloring/colour-bytes.ts).
   */
  score(inst: I, assignment: Uint8Array): Scored;
  /** The score with the family's own account of the assignment (MAX-SAT: status, falsified clauses), for /evaluate; absent: the score alone. */
  explain?(inst: I, assignment: Uint8Array): { readonly score: Scored; readonly details: Record<string, unknown> };
  /** Reads an assignment as users write it (/evaluate, `verify`): binary families a 0/1 string or literals, colouring one colour per vertex. */
  parseAssignment(inst: I, text: string, options?: { readonly ignoreExtraValues?: boolean }): ParseResult<Uint8Array>;
  /** An assignment as text, in the form parseAssignment reads (a solution view's `assignment`, the `v` line's payload). */
  formatAssignment(assignment: Uint8Array): string;
  /**
   * The lines a command-line solve ends with: MAX-SAT prints the MaxSAT Evaluation's `o`/`s`/`v`;
   * the others print `o <objective in their own sense>`, `s`, and `v` as a 0/1 string.
   */
  solutionLines(inst: I, outcome: SolutionOutcome): string[];
}

export interface SolutionOutcome {
  /** Proven optimal (the lower bound was reached). */
  readonly optimal: boolean;
  /** The constraints cannot all hold (decided before the search). */
  readonly unsatisfiable: boolean;
  /** The best feasible point; its assignment is null when not at hand (a run still going stores it only at its end). */
  readonly best: (Scored & { readonly assignment: Uint8Array | null }) | null;
}

/** The objective reported to users: the engine cost, negated for maximised families. */
export function objectiveOf(sense: Sense, cost: bigint): bigint {
  return sense === 'max' ? -cost : cost;
}

/** The engine cost of an objective value (its own inverse). */
export function costOfObjective(sense: Sense, objective: bigint): bigint {
  return sense === 'max' ? -objective : objective;
}

/**
 * The `select` that names a stored problem: a multi-instance format always has one (absent means 1,
 * the only choice a file of one instance allows), other formats none (1 is their only instance).
 */
export function meaningfulSelect(family: ProblemFamily, format: string, select: number | undefined): number | undefined {
  return family.multiInstanceFormats?.includes(format) === true ? (select ?? 1) : undefined;
}
