import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bySize, findComponents } from './connected-components.js';
import { squaredDistanceTo } from './distance-transform.js';
import type { Grid } from './grid.js';
import { fillHolesPerSlice } from './hole-fill.js';
import { open } from './morphology.js';

const grid: Grid = { columns: 40, rows: 40, slices: 20, spacingMm: [1, 1, 2] };
const at = (i: number, j: number, k: number): number => (k * grid.rows + j) * grid.columns + i;

function ball(cx: number, cy: number, cz: number, radiusMm: number, mask: Uint8Array): void {
  for (let k = 0; k < grid.slices; k++) {
    for (let j = 0; j < grid.rows; j++) {
      for (let i = 0; i < grid.columns; i++) {
        const d2 = (i - cx) ** 2 + (j - cy) ** 2 + ((k - cz) * 2) ** 2;
        if (d2 <= radiusMm * radiusMm) mask[at(i, j, k)] = 1;
      }
    }
  }
}

test('measures distances in mm on anisotropic voxels', () => {
  const mask = new Uint8Array(grid.columns * grid.rows * grid.slices);
  mask[at(10, 10, 5)] = 1;
  const distance = squaredDistanceTo(mask, grid, 'nonzero');
  assert.equal(distance[at(13, 14, 5)], 25);
  assert.equal(distance[at(10, 10, 8)], 36);
  assert.equal(distance[at(11, 10, 6)], 5);
});

test('an opening keeps a ball and removes a thin tube touching it', () => {
  const mask = new Uint8Array(grid.columns * grid.rows * grid.slices);
  ball(20, 20, 10, 8, mask);
  for (let i = 0; i < grid.columns; i++) mask[at(i, 5, 10)] = 1; // a 1-voxel vessel
  const opened = open(mask, grid, 3);
  assert.equal(opened[at(20, 20, 10)], 1);
  assert.equal(opened[at(2, 5, 10)], 0);
});

test('finds 6-connected components with sizes and centroids', () => {
  const mask = new Uint8Array(grid.columns * grid.rows * grid.slices);
  ball(10, 10, 5, 4, mask);
  ball(30, 30, 12, 5, mask);
  mask[at(0, 0, 0)] = 1;
  mask[at(1, 1, 0)] = 1; // diagonal: not 6-connected
  const components = findComponents(mask, grid);
  assert.equal(components.count, 4);
  const [largest] = bySize(components);
  assert.ok(largest !== undefined);
  assert.deepEqual(
    Array.from(components.centroids.slice(3 * largest, 3 * largest + 3), Math.round),
    [30, 30, 12],
  );
});

test('fills holes slice by slice but not bays open to the border', () => {
  const small: Grid = { columns: 7, rows: 7, slices: 1, spacingMm: [1, 1, 1] };
  const mask = new Uint8Array(49);
  for (let n = 1; n <= 5; n++) {
    mask[7 + n] = 1;
    mask[35 + n] = 1;
    mask[n * 7 + 1] = 1;
    mask[n * 7 + 5] = 1;
  }
  mask[7 + 3] = 0; // a gap in the top edge opens the ring
  fillHolesPerSlice(mask, small);
  assert.equal(mask[3 * 7 + 3], 0);
  mask[7 + 3] = 1;
  fillHolesPerSlice(mask, small);
  assert.equal(mask[3 * 7 + 3], 1);
});
