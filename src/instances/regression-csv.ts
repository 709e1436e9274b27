// Reads the MaxSAT Evaluation regression CSVs (`c` comment lines, a header row, comma-separated).

import { readFileSync } from 'node:fs';

export interface RegressionRow {
  /** Path relative to the CSV's folder, as written in its WCNFFile column. */
  readonly file: string;
  readonly bestCost: bigint | null;
  readonly satisfiable: boolean;
  readonly certified: boolean;
  /** One 0/1 character per variable; null when the CSV has none. */
  readonly model: string | null;
}

function cell(row: string[], columns: string[], name: string): string {
  const at = columns.indexOf(name);
  if (at < 0) throw new Error(`regression CSV has no ${name} column`);
  return (row[at] ?? '').trim();
}

export function readRegressionCsv(path: string): RegressionRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !/^c(\s|$)/.test(l));
  const columns = lines[0].split(',').map((c) => c.trim());
  return lines.slice(1).map((line) => {
    const row = line.split(',');
    const best = cell(row, columns, 'BestOValue');
    const model = cell(row, columns, 'Model');
    return {
      file: cell(row, columns, 'WCNFFile'),
      bestCost: best === 'None' || best === '' ? null : BigInt(best),
      satisfiable: cell(row, columns, 'Satisfiable') === 'SATISFIABLE',
      certified: cell(row, columns, 'CertifiedResult') === 'YES',
      model: model === 'None' || model === '' ? null : model,
    };
  });
}
