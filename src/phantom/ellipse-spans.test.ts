import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Ellipse } from './anatomy-types.js';
import { forEachSpan, GRID_SIZE, pixelCentreMm } from './ellipse-spans.js';
import { insideEllipse } from './lung-sections.js';

const PIXEL_MM = 0.7;

// Pixel centres inside the ellipse, tested one by one.
function bruteForce(ellipse: Ellipse): Set<number> {
  const inside = new Set<number>();
  for (let row = 0; row < GRID_SIZE; row++) {
    for (let column = 0; column < GRID_SIZE; column++) {
      const x = pixelCentreMm(column, PIXEL_MM);
      const y = pixelCentreMm(row, PIXEL_MM);
      if (insideEllipse(ellipse, x, y)) inside.add(row * GRID_SIZE + column);
    }
  }
  return inside;
}

function spans(ellipse: Ellipse): Set<number> {
  const covered = new Set<number>();
  forEachSpan(ellipse, PIXEL_MM, (row, first, last) => {
    for (let column = first; column <= last; column++) covered.add(row * GRID_SIZE + column);
  });
  return covered;
}

void test('covers exactly the pixel centres inside a rotated ellipse', () => {
  const ellipse = { cx: 12.3, cy: -40.1, a: 55, b: 21, angle: 0.61 };

  const expected = bruteForce(ellipse);
  const covered = spans(ellipse);

  // Pixels exactly on the boundary may differ by rounding; none do for this ellipse.
  assert.equal(covered.size, expected.size);
  assert.ok([...covered].every((pixel) => expected.has(pixel)));
});

void test('clips an ellipse that leaves the image and skips a degenerate one', () => {
  const ellipse = { cx: 170, cy: 170, a: 60, b: 30, angle: -0.3 };

  assert.deepEqual([...spans(ellipse)].sort(), [...bruteForce(ellipse)].sort());
  assert.equal(spans({ cx: 0, cy: 0, a: 0, b: 10, angle: 0 }).size, 0);
});

void test('a circle of radius r covers about πr² of area', () => {
  const radius = 50;

  const area = spans({ cx: 0, cy: 0, a: radius, b: radius, angle: 0 }).size * PIXEL_MM ** 2;

  assert.ok(Math.abs(area - Math.PI * radius * radius) / (Math.PI * radius * radius) < 0.01);
});
