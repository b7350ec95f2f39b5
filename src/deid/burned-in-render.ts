/**
 * Renders a block of a CT slice as an 8-bit grey picture for OCR: windowed so that the marks
 * come out black on white whatever their polarity, enlarged to the letter size Tesseract reads
 * best, with a white margin, and encoded as binary PGM (Netpbm P5), which Leptonica reads.
 */
import type { GreyLevels } from './burned-in-levels.js';
import type { Polarity } from './burned-in-lines.js';
import type { CtImage } from './burned-in-text.js';

/** An 8-bit grey picture, row by row, 0 black to 255 white. */
export interface GreyRaster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** A box of the slice, inclusive bounds in pixels. */
export interface PixelBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

// Tesseract's LSTM models read best with capitals about 30 pixels tall; slices carry 6-15.
const TARGET_LETTER_HEIGHT = 30;
const MAX_SCALE = 6;
const MARGIN = 12;
const WHITE = 255;

/** Renders one box of a slice as black marks on white, enlarged for a letter height. */
export function renderForOcr(
  image: CtImage,
  box: PixelBox,
  polarity: Polarity,
  levels: GreyLevels,
  letterHeight: number,
): GreyRaster {
  const scale = Math.min(MAX_SCALE, Math.max(1, Math.round(TARGET_LETTER_HEIGHT / letterHeight)));
  const boxWidth = box.maxX - box.minX + 1;
  const boxHeight = box.maxY - box.minY + 1;
  const width = boxWidth * scale + 2 * MARGIN;
  const height = boxHeight * scale + 2 * MARGIN;
  const pixels = new Uint8Array(width * height).fill(WHITE);

  // The window: marks at the glyph level go black, their ground (air, or bright tissue under
  // dark marks) goes white, halfway to the body level being the edge of the ramp.
  const [black, white] =
    polarity === 'bright'
      ? [levels.bright, (levels.body + levels.bright) / 2]
      : [levels.dark, (levels.dark + levels.body) / 2];
  const grey = (value: number): number => {
    const t = (value - white) / (black - white);
    return Math.round(WHITE * (1 - Math.min(1, Math.max(0, t))));
  };

  for (let y = 0; y < boxHeight * scale; y++) {
    // Bilinear sampling at pixel centres: smoother strokes than repeating pixels.
    const sourceY = Math.min(boxHeight - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sourceY);
    const y1 = Math.min(boxHeight - 1, y0 + 1);
    const fy = sourceY - y0;
    for (let x = 0; x < boxWidth * scale; x++) {
      const sourceX = Math.min(boxWidth - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sourceX);
      const x1 = Math.min(boxWidth - 1, x0 + 1);
      const fx = sourceX - x0;
      const at = (px: number, py: number): number =>
        grey(image.hu[(box.minY + py) * image.columns + box.minX + px] ?? 0);
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      pixels[(y + MARGIN) * width + x + MARGIN] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, pixels };
}

/** Encodes a grey picture as binary PGM (Netpbm P5, maxval 255). */
export function encodePgm(raster: GreyRaster): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${raster.width} ${raster.height}\n255\n`);
  const bytes = new Uint8Array(header.length + raster.pixels.length);
  bytes.set(header);
  bytes.set(raster.pixels, header.length);
  return bytes;
}
