/**
 * An RGB raster for the report page: filled rectangles, text in the bitmap font, and CT slices
 * drawn in a window with the lung outline and infection laid over them.
 */
import type { Volume } from '../volume/volume.js';
import { GLYPH, glyphOf } from './bitmap-font.js';

/** An 8-bit colour. */
export type Rgb = readonly [number, number, number];

/** A display window in HU (PS3.3 C.11.2.1.2: centre and width). */
export interface HuWindow {
  readonly centre: number;
  readonly width: number;
}

/** What a slice panel shows: slice k of the volume, and the masks on its grid. */
export interface SlicePanel {
  readonly volume: Volume;
  readonly slice: number;
  /** 0 outside; 1 right lung, 2 left lung. */
  readonly lungMask: Uint8Array;
  /** 0 none; 1 ground-glass, 2 consolidation. */
  readonly infectionMask: Uint8Array;
  readonly window: HuWindow;
  /** Edge length of the square panel in page pixels. */
  readonly size: number;
}

/** Colours of the overlay. */
export const OVERLAY = {
  lungOutline: [40, 220, 90] as Rgb,
  ggo: [255, 210, 0] as Rgb,
  consolidation: [240, 40, 40] as Rgb,
};

const INFECTION_ALPHA = 0.45;

/** A width × height RGB page, top row first. */
export class ReportCanvas {
  readonly rgb: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.rgb = new Uint8Array(width * height * 3);
    this.fill(0, 0, width, height, background);
  }

  /** Fills a rectangle, clipped to the page. */
  fill(x: number, y: number, w: number, h: number, colour: Rgb): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      for (let column = Math.max(0, x); column < Math.min(this.width, x + w); column++) {
        this.rgb.set(colour, (row * this.width + column) * 3);
      }
    }
  }

  /** Draws text with its top-left corner at (x, y), each font pixel `scale` page pixels. */
  text(x: number, y: number, text: string, colour: Rgb, scale = 2): void {
    [...text].forEach((character, index) => {
      const left = x + index * GLYPH.advance * scale;
      glyphOf(character).forEach((row, r) => {
        for (let c = 0; c < GLYPH.width; c++) {
          if (row[c] === '#') this.fill(left + c * scale, y + r * scale, scale, scale, colour);
        }
      });
    });
  }

  /** Width in page pixels of text drawn at this scale. */
  static textWidth(text: string, scale = 2): number {
    return text.length * GLYPH.advance * scale;
  }

  /** Draws a slice at (x, y): windowed grey, infection blended in colour, lung outline on top. */
  slice(x: number, y: number, panel: SlicePanel): void {
    const { volume, slice, size } = panel;
    const sliceStart = slice * volume.rows * volume.columns;
    const low = panel.window.centre - panel.window.width / 2;

    for (let py = 0; py < size; py++) {
      // Nearest voxel to the panel pixel's centre; the image keeps its stored orientation.
      const j = Math.min(volume.rows - 1, Math.floor(((py + 0.5) * volume.rows) / size));
      for (let px = 0; px < size; px++) {
        const i = Math.min(volume.columns - 1, Math.floor(((px + 0.5) * volume.columns) / size));
        const voxel = sliceStart + j * volume.columns + i;
        const grey = clamp(((volume.hu[voxel] ?? low) - low) / panel.window.width) * 255;
        let colour: Rgb = [grey, grey, grey];

        const infection = panel.infectionMask[voxel] ?? 0;
        if (infection !== 0) {
          colour = blend(colour, infection === 1 ? OVERLAY.ggo : OVERLAY.consolidation);
        }
        if (isOutline(panel, slice, i, j)) colour = OVERLAY.lungOutline;
        this.rgb.set(colour.map(Math.round), ((y + py) * this.width + x + px) * 3);
      }
    }
  }
}

// A lung voxel with a 4-neighbour outside the lung, on the slice's own grid.
function isOutline(panel: SlicePanel, slice: number, i: number, j: number): boolean {
  const { volume, lungMask } = panel;
  const at = (ii: number, jj: number): number =>
    ii < 0 || jj < 0 || ii >= volume.columns || jj >= volume.rows
      ? 0
      : (lungMask[(slice * volume.rows + jj) * volume.columns + ii] ?? 0);
  if (at(i, j) === 0) return false;
  return at(i - 1, j) === 0 || at(i + 1, j) === 0 || at(i, j - 1) === 0 || at(i, j + 1) === 0;
}

function blend(base: Rgb, over: Rgb): Rgb {
  const mix = (a: number, b: number): number => a * (1 - INFECTION_ALPHA) + b * INFECTION_ALPHA;
  return [mix(base[0], over[0]), mix(base[1], over[1]), mix(base[2], over[2])];
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
