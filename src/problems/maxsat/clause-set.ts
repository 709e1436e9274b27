// An unordered set of clauses with O(1) add, remove and indexed access: a list plus each member's slot.

/**
 * Adding appends, removing moves the last member into the freed slot. The caller guarantees
 * that only non-members are added and only members removed (the flip knows which it is from
 * the clause's true-literal count), so neither operation tests membership.
 */
export class ClauseSet {
  private readonly items: Int32Array;
  private readonly slot: Int32Array;
  private count = 0;

  constructor(capacity: number, numClauses: number) {
    this.items = new Int32Array(capacity);
    this.slot = new Int32Array(capacity === 0 ? 0 : numClauses);
  }

  get size(): number {
    return this.count;
  }

  add(c: number): void {
    const at = this.count++;
    this.items[at] = c;
    this.slot[c] = at;
  }

  remove(c: number): void {
    const last = this.items[--this.count];
    const at = this.slot[c];
    this.items[at] = last;
    this.slot[last] = at;
  }

  /** The i-th member, 0 ≤ i < size, in no particular order. */
  at(i: number): number {
    return this.items[i];
  }
}
