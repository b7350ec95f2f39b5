/**
 * Screening of CT slices for text burned into the pixels (PS3.15 E.1.1 and the Clean Pixel
 * Data option, E.3.1): a fast pixel screen on every slice, OCR only on the rows it finds.
 */
import { greyLevels } from './burned-in-levels.js';
import { screenPixelsOfImage } from './burned-in-pixels.js';
import type { Polarity } from './burned-in-lines.js';
import { createTextReader, type OcrReading, type TextReader } from './burned-in-ocr.js';
import { renderForOcr } from './burned-in-render.js';
import { screenPixels, type TextBlock } from './burned-in-screen.js';

/** One CT slice as Hounsfield units, row by row. */
export interface CtImage {
  rows: number;
  columns: number;
  /** Stored values after the modality rescale (RescaleSlope, RescaleIntercept), in HU. */
  hu: Float32Array | Int16Array;
  /** Pixel Spacing (0028,0030): row spacing then column spacing, in mm. */
  pixelSpacingMm?: [number, number];
}

/** A box of the slice (pixels, top-left origin) that holds text, with what OCR read in it. */
export interface TextRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The recognised text; empty when OCR was not run. */
  text: string;
  /** Tesseract's mean word confidence for the region, 0 to 100; 0 when OCR was not run. */
  confidence: number;
}

/** The verdict on one slice. */
export interface ScreeningResult {
  suspicious: boolean;
  regions: TextRegion[];
  reason: string;
}

/** How to screen. */
export interface ScreeningOptions {
  /** Confirm the pixel screen's blocks by OCR (default true); false: the pixel screen alone. */
  ocr?: boolean;
  /** A started OCR engine to reuse across slices; without one, each call starts its own. */
  reader?: TextReader;
}

// A block is confirmed as text when Tesseract reads at least one word of three or more letters
// or digits with this confidence (0-100). Real words in the Pseudo-PHI slices score 75-96;
// rows of anatomy from the clean sets, read for calibration, never passed 51.
const MIN_WORD_CONFIDENCE = 70;
const MIN_WORD_CHARACTERS = 3;
// Blocks are padded by this share of their letter height, to take in the dots, colons and
// anti-aliased edges the glyph components leave out.
const PADDING_PER_LETTER_HEIGHT = 0.5;

/** Screens one CT slice for burned-in text: pixel screen first, OCR on what it finds. */
export async function screenForBurnedInText(
  image: CtImage,
  options: ScreeningOptions = {},
): Promise<ScreeningResult> {
  const blocks = screenPixels(image);
  if (blocks.length === 0) {
    return {
      suspicious: false,
      regions: [],
      reason: 'no text-like marks found by the pixel screen',
    };
  }

  const found = `${blocks.length} text-like block(s) found by the pixel screen`;
  if (options.ocr === false) {
    const regions = blocks.map((block) => regionOf(image, block, '', 0));
    return { suspicious: true, regions, reason: `${found}, not confirmed by OCR (OCR off)` };
  }

  const reader = options.reader ?? (await createTextReader());
  try {
    const levels = greyLevels(screenPixelsOfImage(image));
    const readings: OcrReading[] = [];
    for (const block of blocks) {
      readings.push(
        await reader.read(renderForOcr(image, block, polarityOf(block), levels, block.glyphHeight)),
      );
    }

    const confirmed = readings.filter(isText).length;
    if (confirmed === 0) {
      return { suspicious: false, regions: [], reason: `${found}; OCR read no words in them` };
    }
    // Every block goes out once one is read: its neighbours were found the same way and may be
    // text that the slice itself half hides (letters drawn across a saturated table edge).
    const regions = blocks.map((block, index) =>
      regionOf(image, block, readings[index]?.text ?? '', readings[index]?.confidence ?? 0),
    );
    return { suspicious: true, regions, reason: `${found}; OCR read words in ${confirmed}` };
  } finally {
    if (options.reader === undefined) await reader.terminate();
  }
}

/** Overwrites every pixel inside the regions with one value (HU), for Clean Pixel Data. */
export function blankRegions(image: CtImage, regions: readonly TextRegion[], fillHu: number): void {
  // In place, in HU: the caller writes the slice back as (HU - RescaleIntercept) / RescaleSlope.
  for (const region of regions) {
    const x0 = Math.max(0, Math.floor(region.x));
    const y0 = Math.max(0, Math.floor(region.y));
    const x1 = Math.min(image.columns, Math.ceil(region.x + region.width));
    const y1 = Math.min(image.rows, Math.ceil(region.y + region.height));
    for (let y = y0; y < y1; y++)
      image.hu.fill(fillHu, y * image.columns + x0, y * image.columns + x1);
  }
}

function isText(reading: OcrReading): boolean {
  return reading.words.some(
    (word) =>
      word.confidence >= MIN_WORD_CONFIDENCE &&
      (word.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= MIN_WORD_CHARACTERS,
  );
}

// The polarity of most marks in the block decides how it is rendered for OCR.
function polarityOf(block: TextBlock): Polarity {
  let bright = 0;
  for (const line of block.lines)
    bright += (line.polarity === 'bright' ? 1 : -1) * line.glyphs.length;
  return bright >= 0 ? 'bright' : 'dark';
}

function regionOf(image: CtImage, block: TextBlock, text: string, confidence: number): TextRegion {
  const padding = Math.ceil(PADDING_PER_LETTER_HEIGHT * block.glyphHeight);
  const x = Math.max(0, block.minX - padding);
  const y = Math.max(0, block.minY - padding);
  return {
    x,
    y,
    width: Math.min(image.columns, block.maxX + 1 + padding) - x,
    height: Math.min(image.rows, block.maxY + 1 + padding) - y,
    text,
    confidence,
  };
}
