import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { parseDicomFile } from '../dicom/parse-dataset.js';
import { decodeFrame } from '../dicom/pixel-decode.js';
import { numberOf, numbersOf } from '../dicom/pixel-element-values.js';
import { NO_SHARED_DATA, sharedData } from '../testing/paths.js';
import { fileInstanceSources } from '../volume/instance-source.js';
import { defaultConfig } from '../workspace/config.js';
import { bloodPool } from './blood-pool.js';
import { checkInstances, type QcReport } from './check-series.js';
import { sliceAnatomy } from './slice-anatomy.js';
import { averaged, blockFactor } from './slice-image.js';

const CONFIG = defaultConfig().qc;
const COVID_CT_MD = ['COVID-19/P001', 'COVID-19/P002', 'Normal/normal001'];
const NY_SBU = sharedData('ct/covid-19-ny-sbu');
const THREE_SLICES = sharedData('ct/dcmqi-ct-3slice');

function dicomFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.dcm'))
    .map((name) => path.join(dir, name));
}

function codes(report: QcReport): string[] {
  return report.flags.map((flag) => flag.code);
}

for (const series of COVID_CT_MD) {
  const dir = sharedData(`ct/covid-ct-md/${series}`);
  void test(
    `checks ${series} as a usable volume without motion, contrast or noise alarms`,
    { skip: dir ? false : NO_SHARED_DATA },
    async () => {
      const report = await checkInstances(fileInstanceSources(dicomFiles(dir ?? '')), CONFIG);

      assert.ok(report.isVolume);
      assert.equal(report.lungCoverage, 'complete');
      // Unenhanced 2 mm scans whose curved table shows below the patient on every slice
      // (looked at in lung and mediastinal windows); P002's UUID-like UIDs do not matter here.
      assert.deepEqual(codes(report), ['THICKNESS_UNEXPECTED', 'TABLE_IN_VIEW']);
      assert.ok((report.bloodPoolUpperQuartileHu ?? Infinity) < 80);
      assert.ok((report.noiseHu ?? Infinity) < 30);
    },
  );
}

void test(
  'checks the three 1.25 mm dcmqi slices as a slab with an unexpected thickness',
  { skip: THREE_SLICES ? false : NO_SHARED_DATA },
  async () => {
    const report = await checkInstances(
      fileInstanceSources(dicomFiles(THREE_SLICES ?? '')),
      CONFIG,
    );

    assert.equal(report.sliceCount, 3);
    assert.match(report.flags[0]?.message ?? '', /1\.25 mm/);
    assert.deepEqual(codes(report), ['THICKNESS_UNEXPECTED', 'LUNG_APEX_CUT', 'LUNG_BASE_CUT']);
  },
);

void test(
  'gives every single NY-SBU slice a too-few-slices error, and the coronal one its plane and size',
  { skip: NY_SBU ? false : NO_SHARED_DATA },
  async () => {
    for (const file of dicomFiles(NY_SBU ?? '')) {
      const report = await checkInstances(fileInstanceSources([file]), CONFIG);
      const coronal = file.includes('coronal');

      assert.equal(report.isVolume, false);
      assert.equal(report.flags[0]?.code, 'TOO_FEW_SLICES');
      assert.equal(coronal, codes(report).includes('NOT_AXIAL'), file);
      assert.equal(coronal, codes(report).includes('MATRIX_UNEXPECTED'), file);
    }
  },
);

void test(
  'reads the enhanced NY-SBU chest slices as contrast and the unenhanced one as not',
  { skip: NY_SBU ? false : NO_SHARED_DATA },
  async () => {
    // Looked at in a mediastinal window: bright aorta and heart chambers in the first three,
    // blood as grey as muscle (and a large effusion) in "5 MM STANDARD".
    const expected: Record<string, boolean> = {
      'A002304_axial_19001231-076.dcm': true,
      'A002304_axial_19010112-135.dcm': true,
      'A072894_axial_19001203-066.dcm': true,
      'A072894_axial_19010103-40.dcm': false,
    };
    for (const [name, enhanced] of Object.entries(expected)) {
      const file = path.join(NY_SBU ?? '', name);
      const dicom = parseDicomFile(new Uint8Array(readFileSync(file)), file);
      const frame = await decodeFrame(dicom, 0, file);
      const spacing = numbersOf(dicom.dataset, 'PixelSpacing') ?? [1, 1];
      const factor = blockFactor([spacing[0] ?? 1, spacing[1] ?? 1]);
      const columns = numberOf(dicom.dataset, 'Columns') ?? 0;
      const rows = numberOf(dicom.dataset, 'Rows') ?? 0;
      const slice = averaged(frame.hu, columns, rows, factor, Math.max(...spacing));
      const pool = bloodPool(slice, sliceAnatomy(slice));

      assert.ok(pool !== undefined, name);
      assert.equal(pool.upperQuartileHu > CONFIG.contrastUpperQuartileHu, enhanced, name);
    }
  },
);
