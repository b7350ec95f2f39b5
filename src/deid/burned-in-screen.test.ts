import assert from 'node:assert/strict';
import { test } from 'node:test';

import { labelComponents } from './burned-in-components.js';
import { screenPixels } from './burned-in-screen.js';
import type { CtImage } from './burned-in-text.js';

const SIZE = 512;

// A 5 × 7 bitmap font with the letters the tests draw, one string per row, '#' set.
const FONT: Record<string, string> = {
  A: '.###. #...# #...# ##### #...# #...# #...#',
  D: '####. #...# #...# #...# #...# #...# ####.',
  E: '##### #.... #.... ####. #.... #.... #####',
  I: '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  N: '#...# ##..# #.#.# #..## #...# #...# #...#',
  O: '.###. #...# #...# #...# #...# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '####. ....# ....# .###. ....# ....# ####.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
};

// A chest-like slice in HU: air with noise, an elliptic body with two lungs, a spine, a row
// of ribs along the back and a table below, all drawn with a fixed pseudo-random noise.
function chestSlice(): CtImage {
  const hu = new Int16Array(SIZE * SIZE);
  let seed = 12345;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 40;
  };
  const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let value = -1000;
      if (inEllipse(x, y, 256, 270, 220, 160)) value = 40;
      if (inEllipse(x, y, 170, 250, 70, 100) || inEllipse(x, y, 342, 250, 70, 100)) value = -850;
      if (inEllipse(x, y, 256, 380, 22, 20)) value = 700;
      for (let rib = 0; rib < 8; rib++) {
        if (inEllipse(x, y, 120 + rib * 38, 405 - Math.abs(rib - 3.5) * 6, 7, 5)) value = 450;
      }
      if (y >= 450 && y < 458 && x > 40 && x < 472) value = 100;
      hu[y * SIZE + x] = Math.round(value + noise());
    }
  }
  return { rows: SIZE, columns: SIZE, hu };
}

// Draws text with the bitmap font, each font pixel `scale` image pixels wide.
function drawText(image: CtImage, text: string, left: number, top: number, value: number): void {
  const scale = 2;
  [...text].forEach((character, index) => {
    const rows = (FONT[character] ?? '..... ..... ..... ..... ..... ..... .....').split(' ');
    rows.forEach((row, fy) => {
      [...row].forEach((bit, fx) => {
        if (bit !== '#') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const x = left + (index * 6 + fx) * scale + dx;
            image.hu[(top + fy * scale + dy) * image.columns + x] = value;
          }
        }
      });
    });
  });
}

function fill(image: CtImage, box: [number, number, number, number], value: number): void {
  const [x0, y0, x1, y1] = box;
  for (let y = y0; y < y1; y++)
    image.hu.fill(value, y * image.columns + x0, y * image.columns + x1);
}

test('labels 8-connected components with their boxes and areas', () => {
  const mask = Uint8Array.from(
    [
      [1, 1, 0, 0, 1],
      [0, 0, 1, 0, 1],
      [1, 0, 0, 0, 0],
    ].flat(),
  );

  const components = labelComponents(mask, 5, 3);

  assert.deepEqual(
    components.map((c) => [c.minX, c.minY, c.maxX, c.maxY, c.area]),
    [
      [0, 0, 2, 1, 3],
      [4, 0, 4, 1, 2],
      [0, 2, 0, 2, 1],
    ],
  );
});

test('finds no text in a chest slice with ribs, spine and table', () => {
  assert.deepEqual(screenPixels(chestSlice()), []);
});

test('finds no text in the noise of a slice with no patient in it', () => {
  // Uniform noise of ±50 HU around air: the narrowest span a slice of air can have.
  let seed = 7;
  const hu = Int16Array.from({ length: SIZE * SIZE }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.round(-1000 + (seed / 2147483648 - 0.5) * 100);
  });

  assert.deepEqual(screenPixels({ rows: SIZE, columns: SIZE, hu }), []);
});

test('finds bright letters burned into the air of a true-HU slice', () => {
  const image = chestSlice();
  drawText(image, 'DOE JANE', 20, 16, 3071);
  drawText(image, 'ID 12345', 20, 36, 3071);

  const blocks = screenPixels(image);

  assert.equal(blocks.length, 1);
  const block = blocks[0];
  assert.ok(block !== undefined);
  assert.ok(block.minX <= 22 && block.minY <= 18 && block.maxX >= 110 && block.maxY >= 48);
});

test('finds bright letters of one flat value drawn over the body', () => {
  const image = chestSlice();
  drawText(image, 'JANE DOE', 200, 250, 3071);

  assert.equal(screenPixels(image).length, 1);
});

test('finds dark letters on a white label drawn over the body', () => {
  const image = chestSlice();
  fill(image, [150, 300, 330, 330], 3071);
  drawText(image, 'JANE DOE 1234', 156, 308, -1024);

  const blocks = screenPixels(image);

  assert.equal(blocks.length, 1);
  assert.equal(blocks[0]?.lines[0]?.polarity, 'dark');
});
