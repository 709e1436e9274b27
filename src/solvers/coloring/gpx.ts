// Greedy partition crossover (Galinier & Hao 1999): a child colouring built from its parents' largest colour classes.

/**
 * Child colour l (l = 0..k−1) is the largest class, counting only vertices not yet coloured, of
 * parent A for even l and parent B for odd l; vertices left when k classes are taken get a colour
 * drawn by `below(k)`. Classes are kept whole across parents, which is what makes the crossover
 * keep the structure (independent sets) that a k-colouring is made of. O(n + k²).
 */
export function gpx(a: Int32Array, b: Int32Array, k: number, below: (n: number) => number): Int32Array {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`parents colour ${n} and ${b.length} vertices`);
  const child = new Int32Array(n).fill(-1);
  const parents = [classesOf(a, k), classesOf(b, k)];
  for (let l = 0; l < k; l++) {
    const take = parents[l % 2];
    let largest = 0;
    for (let c = 1; c < k; c++) if (take.left[c] > take.left[largest]) largest = c;
    if (take.left[largest] === 0) break;
    for (let i = take.start[largest]; i < take.start[largest + 1]; i++) {
      const v = take.members[i];
      if (child[v] !== -1) continue;
      child[v] = l;
      for (const p of parents) p.left[p.colours[v]]--;
    }
  }
  for (let v = 0; v < n; v++) if (child[v] === -1) child[v] = below(k);
  return child;
}

interface Classes {
  readonly colours: Int32Array;
  /** Vertices of class c at members[start[c] .. start[c + 1]). */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** Vertices of each class not yet coloured in the child. */
  readonly left: Int32Array;
}

function classesOf(colours: Int32Array, k: number): Classes {
  const start = new Int32Array(k + 1);
  for (const c of colours) {
    if (!(c >= 0 && c < k)) throw new RangeError(`colour ${c} outside 0..${k - 1}`);
    start[c + 1]++;
  }
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const fill = start.slice(0, k);
  const members = new Int32Array(colours.length);
  for (let v = 0; v < colours.length; v++) members[fill[colours[v]]++] = v;
  const left = new Int32Array(k);
  for (let c = 0; c < k; c++) left[c] = start[c + 1] - start[c];
  return { colours, start, members, left };
}
