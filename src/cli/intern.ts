/**
 * Interns byte strings without making a JS string per cell: a field's bytes are hashed and looked up in
 * an open-addressing table over an arena of the distinct values' bytes; only a value not seen before is
 * decoded into a string. Codes are indexes into `strings`.
 */
export class ByteInterner {
  readonly strings: string[] = [];
  private arena: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /**
   * Open addressing, four numbers per slot: code + 1 (0 empty), hash, byte length, offset in the arena.
   * A lookup of a value seen before touches its slot and its bytes, nothing else: on millions of distinct
   * values in no order each touch is a cache miss. At most two thirds of the slots are used.
   */
  private table: Int32Array = new Int32Array(4 << 12);
  private mask = (1 << 12) - 1;

  private scratch = Buffer.allocUnsafe(1 << 12);

  constructor(private readonly encoding: BufferEncoding = "utf8") {}

  /** Code of a JS string (encoded to UTF-8 first; the interner's encoding must be utf8). */
  codeString(s: string): number {
    const need = Buffer.byteLength(s, "utf8");
    if (this.scratch.length < need) this.scratch = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
    const n = this.scratch.write(s, 0, "utf8");
    return this.code(this.scratch, 0, n);
  }

  /** Code of a string already interned, or -1 (only before seal()). */
  find(s: string): number {
    if (this.table.length === 0) return -1;
    const b = Buffer.from(s, this.encoding);
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const c = this.lookup(b, 0, b.length, h);
    return c >= 0 ? c : -1;
  }

  /** Bytes of distinct text held. */
  get bytes(): number {
    return this.used;
  }

  code(b: Buffer, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const c = this.lookup(b, s, e, h);
    return c >= 0 ? c : this.add(b, s, e, h, -1 - c);
  }

  /** The code of bytes b[s..e) with hash h, or -1 - (the empty slot where they would go). */
  private lookup(b: Buffer, s: number, e: number, h: number): number {
    const len = e - s;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const at = 4 * slot;
      const c1 = table[at];
      if (c1 === 0) return -1 - slot;
      if (table[at + 1] === h && table[at + 2] === len && this.same(table[at + 3], b, s, len)) return c1 - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  private same(o: number, b: Buffer, s: number, len: number): boolean {
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[o + i] !== b[s + i]) return false;
    return true;
  }

  private add(b: Buffer, s: number, e: number, h: number, slot: number): number {
    const len = e - s;
    const code = this.strings.length;
    if (this.used + len > this.arena.length) {
      let cap = this.arena.length * 2;
      while (cap < this.used + len) cap *= 2;
      const a = Buffer.allocUnsafe(cap);
      this.arena.copy(a, 0, 0, this.used);
      this.arena = a;
    }
    // Short values (most) are copied by hand: Buffer.copy costs more per call than it saves.
    if (len < 64) {
      const a = this.arena;
      const o = this.used - s;
      for (let i = s; i < e; i++) a[o + i] = b[i];
    } else b.copy(this.arena, this.used, s, e);
    const at = 4 * slot;
    this.table[at] = code + 1;
    this.table[at + 1] = h;
    this.table[at + 2] = len;
    this.table[at + 3] = this.used;
    this.used += len;
    this.strings.push(b.toString(this.encoding, s, e));
    if ((code + 1) * 3 > (this.table.length / 4) * 2) this.resize(this.table.length / 2);
    return code;
  }

  /** A table of `slots` slots (a power of two) holding every code so far. */
  private resize(slots: number): void {
    const old = this.table;
    const table = new Int32Array(4 * slots);
    const mask = slots - 1;
    for (let i = 0; i < old.length; i += 4) {
      if (old[i] === 0) continue;
      let slot = old[i + 1] & mask;
      while (table[4 * slot] !== 0) slot = (slot + 1) & mask;
      const at = 4 * slot;
      table[at] = old[i];
      table[at + 1] = old[i + 1];
      table[at + 2] = old[i + 2];
      table[at + 3] = old[i + 3];
    }
    this.table = table;
    this.mask = mask;
  }

  /** Make room for `n` more distinct values of about `bytes` bytes in all (hints; growth still works). */
  reserve(n: number, bytes: number): void {
    const want = this.strings.length + Math.min(n, 1 << 24);
    let slots = this.table.length / 4;
    while (want * 3 > slots * 2) slots *= 2;
    if (slots > this.table.length / 4) this.resize(slots);
    const room = this.used + Math.min(bytes, 1 << 28);
    if (room > this.arena.length) {
      const a = Buffer.allocUnsafe(room);
      this.arena.copy(a, 0, 0, this.used);
      this.arena = a;
    }
  }

  /** Release the lookup structures once reading is done (the strings stay). */
  seal(): void {
    this.arena = Buffer.alloc(0);
    this.table = new Int32Array(0);
  }
}
