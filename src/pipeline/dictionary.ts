/**
 * A hash index over a growing array of distinct strings (a text column's labels): string → its position.
 * For columns with very many distinct values (deal ids, a million account names), inserting a million
 * fresh strings into a JS Map costs several times more, in time and garbage, than this open-addressing
 * table on typed arrays with its own FNV-1a hash. Each slot holds the hash and the position side by side,
 * so a probe touches one cache line; the strings themselves live only in the caller's array.
 */

/** Returned by `get` when the string is absent. */
export const ABSENT = -1;

function powerOfTwoAtLeast(n: number): number {
  let p = 1024;
  while (p < n) p *= 2;
  return p;
}

export class StringIndex {
  private mask: number;
  /** slots[2i] = hash, slots[2i + 1] = position + 1 (0 = empty). */
  private slots: Int32Array;
  private size = 0;
  /** Slot and hash of the last failed `get`, so `addAfterMiss` need not hash again. */
  private missSlot = -1;
  private missHash = 0;

  /** `keys`: the caller's array, only ever appended to; `expected`: likely number of keys (sizes the table once). */
  constructor(private readonly keys: readonly string[], expected = 512) {
    const slots = powerOfTwoAtLeast(Math.ceil(Math.max(expected, keys.length) / 0.7));
    this.mask = slots - 1;
    this.slots = new Int32Array(slots * 2);
    for (let p = 0; p < keys.length; p++) {
      if (this.get(keys[p]) === ABSENT) this.addAfterMiss(p);
    }
  }

  get count(): number {
    return this.size;
  }

  /** Position of s in keys, or ABSENT. */
  get(s: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const t = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const e = t[2 * i + 1];
      if (e === 0) break;
      if (t[2 * i] === h && this.keys[e - 1] === s) return e - 1;
      i = (i + 1) & mask;
    }
    this.missSlot = i;
    this.missHash = h;
    return ABSENT;
  }

  /** Indexes keys[position], which must be the string whose `get` just returned ABSENT. */
  addAfterMiss(position: number): void {
    this.slots[2 * this.missSlot] = this.missHash;
    this.slots[2 * this.missSlot + 1] = position + 1;
    this.missSlot = -1;
    this.size++;
    if (this.size > this.mask * 0.7) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    const t = new Int32Array(size * 2);
    for (let j = 0; j < old.length; j += 2) {
      const e = old[j + 1];
      if (e === 0) continue;
      let i = old[j] & this.mask;
      while (t[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      t[2 * i] = old[j];
      t[2 * i + 1] = e;
    }
    this.slots = t;
  }
}
