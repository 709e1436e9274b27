// Manifest entries of the binary quadratic families: Gset graphs (Max-Cut) and OR-Library / Biq Mac QUBO files.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProblem } from '../problems/load-problem.js';
import { INSTANCES_DIR, type ManifestEntry } from './manifest.js';

const GSET_SOURCE = 'Gset (Helmberg & Rendl), via zhumingpassional/RLSolver';
const ORLIB_SOURCE = 'OR-Library bqp (Beasley 1990), via openising biqmac/beasley';
const GKA_SOURCE = 'Glover, Kochenberger & Alidaee 1998 (gka), Biq Mac library .sparse files';
/** Gset graphs up to this many nodes are also in `gset-small`. */
const SMALL_GSET_NODES = 2000;

/** A CSV without quoted fields, as rows of named columns (the known-value tables in instances/). */
export function readTable(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(INSTANCES_DIR, path), 'utf8').trim().split('\n');
  const columns = head.split(',');
  // The last column (the source note) may itself hold commas: it takes the rest of the line.
  return lines.map((line) => {
    const cells = line.split(',');
    const rest = cells.slice(columns.length - 1).join(',');
    return Object.fromEntries(columns.map((c, i) => [c, i === columns.length - 1 ? rest : cells[i]]));
  });
}

/** Size and sense as the family's parser reads the instance (the same reading a benchmark cell gets). */
function described(path: string, problem: 'maxcut' | 'qubo', format: string, select?: number) {
  const parsed = parseProblem(readFileSync(join(INSTANCES_DIR, path)), { family: problem, format, fileName: path, select });
  if (!parsed.ok) throw new Error(`${path}${select === undefined ? '' : `#${select}`}: ${parsed.issues[0].message}`);
  const { family, inst, sense } = parsed.value;
  const { variables, terms } = family.describe(inst);
  return { variables, terms, sense };
}

export function gsetEntries(): ManifestEntry[] {
  return readTable('gset/best-known.csv').map((row) => {
    const path = `gset/${row.instance}.txt`;
    const { variables, terms, sense } = described(path, 'maxcut', 'rudy');
    return {
      path,
      problem: 'maxcut',
      family: `gset-${row.type}`,
      tags: variables <= SMALL_GSET_NODES ? ['gset', 'gset-small'] : ['gset'],
      format: 'rudy',
      sense,
      variables,
      terms,
      optimum: null,
      bestKnown: row.best_known_cut,
      lowerBound: null,
      feasible: true,
      source: GSET_SOURCE,
      valueSource: row.source,
    };
  });
}

/** Suites of a QUBO file: its collection, bqp250 on its own, and `qubo` for all of them. */
function quboTags(file: string): string[] {
  if (file.startsWith('orlib/')) return file.includes('bqp250') ? ['qubo', 'qubo-bqp250', 'qubo-orlib'] : ['qubo', 'qubo-orlib'];
  // gka a–e are solved to optimality; the f series (500 variables) only has best-known values.
  return /gka\d+f\./.test(file) ? ['qubo', 'qubo-gka-f'] : ['qubo', 'qubo-gka'];
}

/** One entry per instance of qubo/best-known.csv; OR-Library files hold ten each, chosen by `select`. */
export function quboEntries(): ManifestEntry[] {
  return readTable('qubo/best-known.csv').map((row) => {
    const path = `qubo/${row.file}`;
    const orlib = row.file.startsWith('orlib/');
    const select = orlib ? Number(row.index_in_file) : undefined;
    const format = orlib ? 'orlib' : 'biqmac';
    const { variables, terms, sense } = described(path, 'qubo', format, select);
    if (sense !== row.sense) throw new Error(`${path}: the file reads as ${sense}, the table says ${row.sense}`);
    const optimal = row.optimal === 'yes';
    return {
      path,
      ...(select === undefined ? {} : { select }),
      problem: 'qubo',
      family: orlib ? `qubo-${row.instance.replace(/\.\d+$/, '')}` : `qubo-gka-${/gka\d+([a-z])\./.exec(row.file)?.[1] ?? ''}`,
      tags: quboTags(row.file),
      format,
      sense,
      variables,
      terms,
      optimum: optimal ? row.best_known : null,
      bestKnown: row.best_known,
      lowerBound: null,
      feasible: true,
      source: orlib ? ORLIB_SOURCE : GKA_SOURCE,
      valueSource: `qubo/best-known.csv: ${row.source}${optimal ? ' (proven optimal)' : ''}`,
    };
  });
}
