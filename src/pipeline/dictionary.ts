/**
 * A string → integer hash map on typed arrays, for text columns with very many distinct values (deal ids,
 * a million account names): inserting a million fresh strings into a JS Map costs several times more, in
 * time and garbage, than this open-addressing table with its own FNV-1a hash. Each slot holds the hash and
 * the entry side by side, so a probe touches one cache line.
 */

/** Returned by `get` when the key is absent. */
export const ABSENT = -2147483648;

function powerOfTwoAtLeast(n: number): number {
  let p = 1024;
  while (p < n) p *= 2;
  return p;
}

export class StringDictionary {
  private mask: number;
  /** slots[2i] = hash, slots[2i + 1] = entry + 1 (0 = empty). */
  private slots: Int32Array;
  private readonly keys: string[] = [];
  private values: Int32Array;
  private size = 0;
  /** Slot and hash of the last failed `get`, so `setAfterMiss` need not hash again. */
  private missSlot = -1;
  private missHash = 0;

  /** `expected`: how many keys are likely (sizes the table once instead of growing it). */
  constructor(expected = 512) {
    const slots = powerOfTwoAtLeast(Math.ceil(expected / 0.7));
    this.mask = slots - 1;
    this.slots = new Int32Array(slots * 2);
    this.values = new Int32Array(Math.max(512, expected));
  }

  get count(): number {
    return this.size;
  }

  get(s: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const t = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const e = t[2 * i + 1];
      if (e === 0) break;
      if (t[2 * i] === h && this.keys[e - 1] === s) return this.values[e - 1];
      i = (i + 1) & mask;
    }
    this.missSlot = i;
    this.missHash = h;
    return ABSENT;
  }

  /** Inserts s → v; call only right after `get(s)` returned ABSENT. */
  setAfterMiss(s: string, v: number): void {
    const e = this.size++;
    if (e >= this.values.length) {
      const vs = new Int32Array(this.values.length * 2);
      vs.set(this.values);
      this.values = vs;
    }
    this.slots[2 * this.missSlot] = this.missHash;
    this.slots[2 * this.missSlot + 1] = e + 1;
    this.keys.push(s);
    this.values[e] = v;
    this.missSlot = -1;
    if (this.size > this.mask * 0.7) this.grow();
  }

  set(s: string, v: number): void {
    if (this.get(s) === ABSENT) {
      this.setAfterMiss(s, v);
      return;
    }
    for (let e = 0; e < this.size; e++) if (this.keys[e] === s) this.values[e] = v;
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
