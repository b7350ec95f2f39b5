/**
 * The OCR engine that confirms what the pixel screen found: tesseract.js (Tesseract 5 compiled
 * to WebAssembly) with the English LSTM model from the npm package `@tesseract.js-data/eng`.
 * Nothing is fetched at run time: the model is read from node_modules and no cache is written.
 */
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

import { CtbankError, messageOf } from '../errors.js';
import { encodePgm, type GreyRaster } from './burned-in-render.js';

/** One word Tesseract read, with its confidence (0 to 100). */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
}

/** What Tesseract read in one picture. */
export interface OcrReading {
  readonly text: string;
  /** Tesseract's mean word confidence for the picture, 0 to 100. */
  readonly confidence: number;
  readonly words: readonly OcrWord[];
}

/** A started OCR engine; reuse it across slices and terminate it when done. */
export interface TextReader {
  read(raster: GreyRaster): Promise<OcrReading>;
  terminate(): Promise<void>;
}

// The integer "best" LSTM model (2.9 MB) is the one tesseract.js pairs with its LSTM-only core.
const MODEL_FOLDER = '4.0.0_best_int';

/** Starts one Tesseract worker with the English model from node_modules. */
export async function createTextReader(): Promise<TextReader> {
  const require = createRequire(import.meta.url);
  const langPath = path.join(
    path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
    MODEL_FOLDER,
  );

  let worker: Worker;
  try {
    // cacheMethod 'none': read the model from langPath every start and write no copy anywhere;
    // cachePath points at the temporary folder in case a later version writes one anyway.
    worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath,
      cachePath: tmpdir(),
      cacheMethod: 'none',
      gzip: true,
    });
    // A block of text lines; 300 dpi silences the "invalid resolution" warning of a PGM.
    await worker.setParameters({
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      user_defined_dpi: '300',
    });
  } catch (thrown) {
    throw new CtbankError(
      'OCR_FAILED',
      `tesseract.js did not start: ${messageOf(thrown)}`,
      {},
      thrown,
    );
  }

  return {
    read: (raster) => read(worker, raster),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

async function read(worker: Worker, raster: GreyRaster): Promise<OcrReading> {
  try {
    const result = await worker.recognize(
      Buffer.from(encodePgm(raster)),
      {},
      { text: true, blocks: true },
    );
    const words = (result.data.blocks ?? []).flatMap((block) =>
      block.paragraphs.flatMap((paragraph) =>
        paragraph.lines.flatMap((line) =>
          line.words.map((word) => ({ text: word.text, confidence: word.confidence })),
        ),
      ),
    );
    return { text: result.data.text.trim(), confidence: result.data.confidence, words };
  } catch (thrown) {
    throw new CtbankError(
      'OCR_FAILED',
      `tesseract.js could not read: ${messageOf(thrown)}`,
      {},
      thrown,
    );
  }
}
