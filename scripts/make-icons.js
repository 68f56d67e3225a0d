#!/usr/bin/env node
/*
 * Draws the GTM Compass icon (a ring with a two-tone needle) as PNGs in assets/ at the sizes the manifest
 * names. Plain Node and zlib only, so the icons can be rebuilt anywhere: `npm run icons`.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const NAVY = [0x1f, 0x3a, 0x5f];
const CORAL = [0xe4, 0x57, 0x3d];
const SLATE = [0x9a, 0xa8, 0xb8];

/** CRC-32 as PNG chunks need it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The colour at a point of the unit icon (coordinates -1..1, y down), or null for transparent. */
function shade(x, y) {
  const r = Math.hypot(x, y);
  if (r > 0.78 && r <= 0.95) return NAVY; // ring
  // Needle: a diamond tilted 45° towards north-east, north half coral, south half slate.
  const c = Math.SQRT1_2;
  const u = (x - y) * c; // along the needle (towards north-east)
  const v = (x + y) * c; // across it
  if (Math.abs(u) / 0.7 + Math.abs(v) / 0.2 <= 1) return u >= 0 ? CORAL : SLATE;
  if (r <= 0.09) return NAVY; // hub
  return null;
}

function draw(size) {
  const ss = 4; // supersampling for smooth edges
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let rs = 0, gs = 0, bs = 0, hits = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = ((px + (sx + 0.5) / ss) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / ss) / size) * 2 - 1;
          const col = shade(x, y);
          if (col) {
            rs += col[0];
            gs += col[1];
            bs += col[2];
            hits++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (hits) {
        buf[o] = Math.round(rs / hits);
        buf[o + 1] = Math.round(gs / hits);
        buf[o + 2] = Math.round(bs / hits);
        buf[o + 3] = Math.round((255 * hits) / (ss * ss));
      }
    }
  }
  return png(size, buf);
}

const outDir = path.resolve(__dirname, "..", "assets");
fs.mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, draw(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
