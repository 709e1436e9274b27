// Max-heap of variables keyed by an external activity array (the CDCL branching order).

/** Max-heap of variables by activity, so branching picks the busiest free variable. */
export class VarHeap {
  private readonly heap: number[] = [];
  private readonly pos: Int32Array;

  constructor(n: number, private readonly act: Float64Array) {
    this.pos = new Int32Array(n).fill(-1);
  }

  /** Inserts `v`, or restores its place after its activity grew. */
  touch(v: number): void {
    this.up(this.pos[v] < 0 ? this.heap.push(v) - 1 : this.pos[v], v);
  }

  /** Highest-activity variable, or -1 when empty. */
  pop(): number {
    if (this.heap.length === 0) return -1;
    const top = this.heap[0];
    const last = this.heap.pop() as number;
    this.pos[top] = -1;
    if (this.heap.length > 0) this.down(0, last);
    return top;
  }

  private up(i: number, v: number): void {
    for (let p = (i - 1) >> 1; i > 0 && this.act[this.heap[p]] < this.act[v]; i = p, p = (i - 1) >> 1) {
      this.set(i, this.heap[p]);
    }
    this.set(i, v);
  }

  private down(i: number, v: number): void {
    const size = this.heap.length;
    for (let c = 2 * i + 1; c < size; i = c, c = 2 * i + 1) {
      if (c + 1 < size && this.act[this.heap[c + 1]] > this.act[this.heap[c]]) c++;
      if (this.act[this.heap[c]] <= this.act[v]) break;
      this.set(i, this.heap[c]);
    }
    this.set(i, v);
  }

  private set(i: number, v: number): void {
    this.heap[i] = v;
    this.pos[v] = i;
  }
}
