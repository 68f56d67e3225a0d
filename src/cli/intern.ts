/**
 * Interns byte strings without making a JS string per cell: a field's bytes are hashed and looked up in
 * an open-addressing table over an arena of the distinct values' bytes; only a value not seen before is
 * decoded into a string. Codes are indexes into `strings`.
 */
export class ByteInterner {
  readonly strings: string[] = [];
  private arena: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private offs: Int32Array = new Int32Array(1024);
  private lens: Int32Array = new Int32Array(1024);
  private hashes: Int32Array = new Int32Array(1024);
  private table: Int32Array = new Int32Array(1 << 12).fill(-1);
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
    const b = Buffer.from(s, this.encoding);
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
    for (let slot = h & this.mask; this.table.length > 0; slot = (slot + 1) & this.mask) {
      const c = this.table[slot];
      if (c < 0) return -1;
      if (this.hashes[c] === h && this.lens[c] === b.length && this.same(c, b, 0, b.length)) return c;
    }
    return -1;
  }

  /** Bytes of distinct text held. */
  get bytes(): number {
    return this.used;
  }

  code(b: Buffer, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const len = e - s;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const c = table[slot];
      if (c < 0) break;
      if (this.hashes[c] === h && this.lens[c] === len && this.same(c, b, s, len)) return c;
      slot = (slot + 1) & this.mask;
    }
    return this.add(b, s, e, h, slot);
  }

  private same(c: number, b: Buffer, s: number, len: number): boolean {
    const a = this.arena;
    const o = this.offs[c];
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
    if (code === this.offs.length) {
      this.offs = grow(this.offs);
      this.lens = grow(this.lens);
      this.hashes = grow(this.hashes);
    }
    this.offs[code] = this.used;
    this.lens[code] = len;
    this.hashes[code] = h;
    this.used += len;
    this.strings.push(b.toString(this.encoding, s, e));
    this.table[slot] = code;
    if ((code + 1) * 2 > this.table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let c = 0; c < this.strings.length; c++) {
      let slot = this.hashes[c] & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = c;
    }
    this.table = table;
    this.mask = mask;
  }

  /** Make room for `n` more distinct values of about `bytes` bytes in all (hints; growth still works). */
  reserve(n: number, bytes: number): void {
    const want = this.strings.length + Math.min(n, 1 << 24);
    if (want > this.offs.length) {
      const size = 1 << Math.ceil(Math.log2(want));
      for (const k of ["offs", "lens", "hashes"] as const) {
        const a = new Int32Array(size);
        a.set(this[k].subarray(0, this.strings.length));
        this[k] = a;
      }
    }
    if (want * 2 > this.table.length) {
      this.table = new Int32Array(1 << Math.ceil(Math.log2(want * 2))).fill(-1);
      this.mask = this.table.length - 1;
      this.rehashInto();
    }
    const room = this.used + Math.min(bytes, 1 << 28);
    if (room > this.arena.length) {
      const a = Buffer.allocUnsafe(room);
      this.arena.copy(a, 0, 0, this.used);
      this.arena = a;
    }
  }

  private rehashInto(): void {
    for (let c = 0; c < this.strings.length; c++) {
      let slot = this.hashes[c] & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = c;
    }
  }

  /** Release the lookup structures once reading is done (the strings stay). */
  seal(): void {
    this.arena = Buffer.alloc(0);
    this.table = new Int32Array(0);
    this.offs = this.lens = this.hashes = new Int32Array(0);
  }
}

function grow(a: Int32Array): Int32Array {
  const n = new Int32Array(a.length * 2);
  n.set(a);
  return n;
}
