// Deterministic fuzz instances in the 2022 WCNF format, in the spirit of the MaxSAT Evaluation's
// regression fuzzer: few variables, short clauses, weights from 1 up to float-breaking sizes.

import { Rng } from '../common/rng.js';

export const FUZZ_WEIGHT_CLASSES = ['unit', 'small', 'wide', 'huge', 'beyond64', 'precision'] as const;
export type FuzzWeightClass = (typeof FUZZ_WEIGHT_CLASSES)[number];

export const CONTRADICTION_KINDS = ['units', 'core', 'chain', 'empty'] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

export const FUZZ_MIN_VARS = 5;
export const FUZZ_MAX_VARS = 60;
/** Instances up to this many variables are small enough to solve by enumeration. */
export const FUZZ_SMALL_VARS = 20;

const TWO_50 = 1n << 50n;
const TWO_62 = 1n << 62n;
const TWO_63 = 1n << 63n;
/** Weights whose sums float64 cannot keep apart: 1.8e19 + 1 rounds to 1.8e19, 2^53 + 1 to 2^53. */
export const FLOAT_TRAP_WEIGHTS: readonly bigint[] = [
  18000000000000000000n, 18000000000000000001n, 1n, 2n, 1n << 53n, (1n << 53n) + 1n, TWO_63, TWO_63 - 1n,
];

export interface FuzzClause {
  readonly hard: boolean;
  readonly weight: bigint;
  readonly lits: readonly number[];
}

export interface FuzzInstance {
  readonly name: string;
  readonly seed: number;
  readonly weightClass: FuzzWeightClass;
  /** Every variable 1..numVars occurs in some clause, so a parser counts exactly this many. */
  readonly numVars: number;
  /** The planted contradiction among the hard clauses; null when a planted model satisfies them all. */
  readonly contradiction: ContradictionKind | null;
  readonly clauses: readonly FuzzClause[];
  readonly softTotal: bigint;
  readonly text: string;
}

export interface FuzzOptions {
  readonly weightClass?: FuzzWeightClass;
  /** true plants an unsatisfiable set of hard clauses; default: never. */
  readonly contradiction?: boolean;
  readonly name?: string;
}

/** Uniform in [lo, hi] for bigints up to 2^64. */
function bigBetween(rng: Rng, lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n;
  const raw = (BigInt(rng.nextU32()) << 64n) | (BigInt(rng.nextU32()) << 32n) | BigInt(rng.nextU32());
  return lo + (raw % span);
}

/** Log-uniform weight: a random bit length in [1, maxBits], then a random value of that length. */
function logUniform(rng: Rng, maxBits: number): bigint {
  const bits = 1 + rng.below(maxBits);
  return bigBetween(rng, 1n << BigInt(bits - 1), (1n << BigInt(bits)) - 1n);
}

function randomWeight(rng: Rng, weightClass: FuzzWeightClass): bigint {
  switch (weightClass) {
    case 'unit':
      return 1n;
    case 'small':
      return BigInt(1 + rng.below(100));
    case 'wide':
      return logUniform(rng, 32);
    case 'huge':
    case 'beyond64':
      return logUniform(rng, 63);
    case 'precision':
      return rng.below(2) === 0 ? FLOAT_TRAP_WEIGHTS[rng.below(FLOAT_TRAP_WEIGHTS.length)] : BigInt(1 + rng.below(3));
  }
}

/** Weights a class promises, given to its first soft clauses: the reason its totals reach 2^50 or 2^64. */
function requiredWeights(rng: Rng, weightClass: FuzzWeightClass): bigint[] {
  if (weightClass === 'huge') return [bigBetween(rng, TWO_50, TWO_62)];
  if (weightClass === 'beyond64') return [0, 1, 2, 3].map(() => bigBetween(rng, TWO_62, TWO_63));
  if (weightClass === 'precision') return [18000000000000000000n, 18000000000000000000n, 1n];
  return [];
}

/** Mostly units, pairs and triples, sometimes up to six literals; variables may repeat. */
function randomLits(rng: Rng, numVars: number): number[] {
  const r = rng.below(20);
  const length = r < 6 ? 1 : r < 12 ? 2 : r < 17 ? 3 : 4 + rng.below(3);
  return Array.from({ length }, () => (1 + rng.below(numVars)) * (rng.below(2) === 0 ? 1 : -1));
}

function satisfies(lits: readonly number[], model: Uint8Array): boolean {
  return lits.some((l) => (l > 0 ? model[l - 1] === 1 : model[-l - 1] === 0));
}

/** A hard clause the planted model satisfies: one literal is turned to agree with it if none does. */
function plantedHard(rng: Rng, numVars: number, model: Uint8Array): number[] {
  const lits = randomLits(rng, numVars);
  if (!satisfies(lits, model)) {
    const at = rng.below(lits.length);
    lits[at] = -lits[at];
  }
  return lits;
}

function distinctVars(rng: Rng, numVars: number, count: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, numVars)) picked.add(1 + rng.below(numVars));
  return [...picked];
}

/** Hard clauses no assignment satisfies. */
function contradiction(rng: Rng, numVars: number, kind: ContradictionKind): number[][] {
  if (kind === 'empty') return [[]];
  if (kind === 'units') {
    const v = 1 + rng.below(numVars);
    return [[v], [-v]];
  }
  if (kind === 'core') {
    const [a, b] = distinctVars(rng, numVars, 2);
    return [[a, b], [a, -b], [-a, b], [-a, -b]];
  }
  const chain = distinctVars(rng, numVars, 2 + rng.below(5));
  const clauses = [[chain[0]]];
  for (let i = 1; i < chain.length; i++) clauses.push([-chain[i - 1], chain[i]]);
  clauses.push([-chain[chain.length - 1]]);
  return clauses;
}

/** Repeats a literal, or adds its complement (a tautology), in one clause. */
function addQuirk(rng: Rng, clauses: FuzzClause[], at: number): void {
  const c = clauses[at];
  if (c.lits.length === 0) return;
  const lit = c.lits[rng.below(c.lits.length)];
  clauses[at] = { ...c, lits: [...c.lits, rng.below(2) === 0 ? lit : -lit] };
}

function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

export function fuzzText(clauses: readonly FuzzClause[], comment: string): string {
  const lines = [`c ${comment}`];
  for (const c of clauses) lines.push(`${c.hard ? 'h' : c.weight} ${[...c.lits, 0].join(' ')}`);
  return `${lines.join('\n')}\n`;
}

function softClauses(rng: Rng, numVars: number, weightClass: FuzzWeightClass): FuzzClause[] {
  const weights = requiredWeights(rng, weightClass);
  const count = Math.max(weights.length, numVars + rng.below(2 * numVars + 1));
  while (weights.length < count) weights.push(randomWeight(rng, weightClass));
  const clauses = weights.map((weight) => ({ hard: false, weight, lits: randomLits(rng, numVars) }));
  const empties = rng.below(6) === 0 ? 1 + rng.below(2) : 0;
  for (let i = 0; i < empties; i++) clauses.push({ hard: false, weight: randomWeight(rng, weightClass), lits: [] });
  return clauses;
}

/** Soft units for variables nothing mentions, so the variable count is exactly `numVars`. */
function coverAllVars(rng: Rng, clauses: FuzzClause[], numVars: number, weightClass: FuzzWeightClass): void {
  const seen = new Uint8Array(numVars + 1);
  for (const c of clauses) for (const l of c.lits) seen[Math.abs(l)] = 1;
  for (let v = 1; v <= numVars; v++) {
    if (seen[v] === 0) clauses.push({ hard: false, weight: randomWeight(rng, weightClass), lits: [rng.below(2) === 0 ? v : -v] });
  }
}

/** One instance, fully determined by `seed` and the options. */
export function generateFuzzWcnf(seed: number, options: FuzzOptions = {}): FuzzInstance {
  const rng = new Rng(seed);
  const weightClass = options.weightClass ?? FUZZ_WEIGHT_CLASSES[rng.below(FUZZ_WEIGHT_CLASSES.length)];
  const numVars = rng.uniform() < 0.65
    ? FUZZ_MIN_VARS + rng.below(FUZZ_SMALL_VARS - FUZZ_MIN_VARS + 1)
    : FUZZ_SMALL_VARS + 1 + rng.below(FUZZ_MAX_VARS - FUZZ_SMALL_VARS);
  const model = Uint8Array.from({ length: numVars }, () => rng.below(2));
  const hardCount = rng.below(4) === 0 ? 0 : 1 + rng.below(2 * numVars);
  const clauses: FuzzClause[] = Array.from({ length: hardCount }, () => ({ hard: true, weight: 0n, lits: plantedHard(rng, numVars, model) }));
  clauses.push(...softClauses(rng, numVars, weightClass));
  const quirks = rng.below(3) === 0 ? 1 + rng.below(3) : 0;
  for (let i = 0; i < quirks; i++) addQuirk(rng, clauses, rng.below(clauses.length));
  const kind = options.contradiction === true ? CONTRADICTION_KINDS[rng.below(CONTRADICTION_KINDS.length)] : null;
  if (kind !== null) for (const lits of contradiction(rng, numVars, kind)) clauses.push({ hard: true, weight: 0n, lits });
  coverAllVars(rng, clauses, numVars, weightClass);
  shuffle(rng, clauses);
  const softTotal = clauses.reduce((sum, c) => sum + c.weight, 0n);
  const name = options.name ?? `fuzz-s${seed}-${weightClass}.wcnf`;
  const comment = `polystep fuzz WCNF ${name}: seed ${seed}, ${weightClass} weights, ${numVars} variables${kind === null ? '' : `, contradiction ${kind}`}`;
  return { name, seed, weightClass, numVars, contradiction: kind, clauses, softTotal, text: fuzzText(clauses, comment) };
}

/**
 * `count` instances from one base seed. Weight classes take turns, and every seventh instance
 * (index ≡ 3 mod 7) plants a contradiction; 6 and 7 being coprime, any 42 consecutive instances
 * cover every weight class both with and without one.
 */
export function generateFuzzSet(count: number, baseSeed = 1): FuzzInstance[] {
  const seeds = new Rng(baseSeed);
  return Array.from({ length: count }, (_, i) => {
    const weightClass = FUZZ_WEIGHT_CLASSES[i % FUZZ_WEIGHT_CLASSES.length];
    const name = `fuzz-${String(i).padStart(4, '0')}-${weightClass}.wcnf`;
    return generateFuzzWcnf(seeds.nextU32(), { weightClass, contradiction: i % 7 === 3, name });
  });
}
