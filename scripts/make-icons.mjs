// Writes the PWA's PNG icons (public/icon-192.png, icon-512.png) without any image tool: a
// terracotta square with a cream disc, matching public/icon.svg, and the tab's icon, a 32-pixel
// one, into src/index.html as a data: URL. Run once; the PNGs and the page are committed.
// The tab's icon is neither the SVG nor a file: Chromium fetches and decodes the page's icon again
// at every change of URL, and the search box changes it at every keystroke; the SVG cost each
// keystroke a request through the service worker and a whole SVG document (~11 ms at 4× CPU,
// docs/architecture.md), a data: URL a small decode.
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A size × size PNG: the terracotta square with its cream disc. */
function icon(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const dx = x - size / 2, dy = y - size / 2;
      const inDisc = dx * dx + dy * dy < (size * 0.3) ** 2;
      const [r, g, b] = inDisc ? [251, 247, 240] : [122, 46, 18];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), icon(size));

const page = new URL('../src/index.html', import.meta.url);
const link = `<link rel="icon" href="data:image/png;base64,${icon(32).toString('base64')}" sizes="32x32" type="image/png" />`;
writeFileSync(page, readFileSync(page, 'utf8').replace(/<link rel="icon"[^>]*>/, link));
