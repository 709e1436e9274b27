// `npm run bench:parse`: DIMACS parsing throughput on the paper's 1,000,000-variable 3-SAT instance.

import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDimacs, parseDimacsFile } from '../problems/maxsat/parse-dimacs.js';
import { paperInstanceFile } from './bench-cache.js';

const { values } = parseArgs({
  options: { vars: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '42' }, repeat: { type: 'string', default: '3' } },
});
const numVars = Number(values.vars);
const repeat = Number(values.repeat);

const path = await paperInstanceFile(numVars, Number(values.seed));
const bytes = statSync(path).size;
const mb = bytes / 1e6;

function best(times: number[]): number {
  return Math.min(...times);
}

const streamed: number[] = [];
for (let r = 0; r < repeat; r++) {
  const t0 = performance.now();
  const result = await parseDimacsFile(path);
  streamed.push((performance.now() - t0) / 1000);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
}
const buffer = readFileSync(path);
const inMemory: number[] = [];
let clauses = 0;
for (let r = 0; r < repeat; r++) {
  const t0 = performance.now();
  const result = parseDimacs(buffer);
  inMemory.push((performance.now() - t0) / 1000);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  clauses = result.value.numClauses;
}
const report = {
  bench: 'parse',
  vars: numVars,
  clauses,
  mb: Number(mb.toFixed(1)),
  fileSeconds: Number(best(streamed).toFixed(3)),
  fileMBps: Number((mb / best(streamed)).toFixed(1)),
  memorySeconds: Number(best(inMemory).toFixed(3)),
  memoryMBps: Number((mb / best(inMemory)).toFixed(1)),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify(report));
