// The problem families the service knows, and how an upload finds its family and format.

import { AppError, echo } from '../common/app-error.js';
import type { FamilyName, ProblemFamily } from './family.js';
import { maxCutFamily } from './maxcut/family.js';
import { maxSatFamily } from './maxsat/family.js';
import { quboFamily } from './qubo/family.js';
import { coloringFamily } from './coloring/family.js';

/**
 * In sniffing order: the first family that recognises a file takes it. MAX-SAT first, so DIMACS
 * files read as before; Max-Cut before QUBO, so an `n m` file not named `.sparse` is a Gset graph
 * (quadratic/sniff.ts has the rules).
 */
export const FAMILIES: readonly ProblemFamily[] = [maxSatFamily as ProblemFamily, maxCutFamily as ProblemFamily, quboFamily as ProblemFamily, coloringFamily as ProblemFamily];

export const FAMILY_NAMES: readonly FamilyName[] = FAMILIES.map((f) => f.name);

/** Every concrete format, across families (format names are unique). */
export const ALL_FORMATS: readonly string[] = FAMILIES.flatMap((f) => f.formats);

export function familyNamed(name: string): ProblemFamily {
  const family = FAMILIES.find((f) => f.name === name);
  if (family === undefined) throw new AppError('invalid', 'UNKNOWN_FAMILY', `unknown problem family ${echo(name)}: families are ${FAMILY_NAMES.join(', ')}`);
  return family;
}

export function familyOfFormat(format: string): ProblemFamily | null {
  return FAMILIES.find((f) => f.formats.includes(format)) ?? null;
}

export interface Detection {
  readonly family: ProblemFamily;
  /** A concrete format, or 'auto' where the family's parser decides (DIMACS flavours). */
  readonly format: string;
}

export interface DetectHints {
  readonly family?: string;
  readonly format?: string;
  readonly fileName?: string;
}

/**
 * Decides the family and format of an upload: a named family or format wins; else the file name
 * and the first bytes of text (`head`), asked of each family in turn. Content no family claims goes
 * to MAX-SAT's parser, the service's first family, whose positioned errors say what is wrong with
 * it (NO_HEADER, EMPTY_INPUT, …). An unknown or contradictory name is an AppError (400).
 */
export function detectFamily(head: string, hints: DetectHints = {}): Detection {
  const format = hints.format === undefined || hints.format === 'auto' ? null : hints.format;
  const byFormat = format === null ? null : familyOfFormat(format);
  if (format !== null && byFormat === null) throw new AppError('invalid', 'UNKNOWN_FORMAT', `unknown format ${echo(format)}: formats are ${ALL_FORMATS.join(', ')}`);
  const named = hints.family === undefined ? null : familyNamed(hints.family);
  if (named !== null && byFormat !== null && named !== byFormat) {
    throw new AppError('invalid', 'FAMILY_MISMATCH', `format ${format} belongs to ${byFormat.name}, not ${named.name}`);
  }
  if (byFormat !== null) return { family: byFormat, format: format as string };
  if (named !== null) return { family: named, format: named.sniff(head, hints.fileName, true) ?? 'auto' };
  for (const family of FAMILIES) {
    const sniffed = family.sniff(head, hints.fileName, false);
    if (sniffed !== null) return { family, format: sniffed };
  }
  return { family: FAMILIES[0], format: 'auto' };
}
