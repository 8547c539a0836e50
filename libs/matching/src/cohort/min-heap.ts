/** Binary min-heap of (key, node) pairs, ordered by key then node; duplicates allowed (lazy deletion). */
export class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;

  constructor(initialCapacity = 1024) {
    this.keys = new Float64Array(Math.max(16, initialCapacity));
    this.nodes = new Int32Array(Math.max(16, initialCapacity));
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0];
  }

  topNode(): number {
    return this.nodes[0];
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && nodes[parent] < node)) break;
      keys[i] = pk;
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the top pair (read it first with topKey/topNode). */
  pop(): void {
    const size = --this.size;
    if (size === 0) return;
    const keys = this.keys;
    const nodes = this.nodes;
    const key = keys[size];
    const node = nodes[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && (keys[right] < keys[child] || (keys[right] === keys[child] && nodes[right] < nodes[child]))) child = right;
      const ck = keys[child];
      if (key < ck || (key === ck && node < nodes[child])) break;
      keys[i] = ck;
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
