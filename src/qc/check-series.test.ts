import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import type { PatientTruth } from '../phantom/truth.js';
import { synthesizeDataset, type SynthOptions } from '../phantom/synthesize-dataset.js';
import { temporaryDir } from '../testing/paths.js';
import { assembleVolume, type VolumeResult } from '../volume/assemble-volume.js';
import { fileInstanceSources } from '../volume/instance-source.js';
import type { Volume } from '../volume/volume.js';
import { defaultConfig, qcConfigSchema } from '../workspace/config.js';
import { checkSeries, type QcReport } from './check-series.js';
import { readSeriesHeader, type SeriesHeader } from './series-header.js';

const CONFIG = defaultConfig().qc;

interface PhantomSeries {
  readonly result: VolumeResult;
  readonly volume: Volume;
  readonly header: SeriesHeader;
  readonly truth: PatientTruth;
}

// One small patient per artefact set: 40 slices of 3 mm reach apex to base.
async function phantom(artefacts: Partial<SynthOptions>): Promise<PhantomSeries> {
  const outDir = await temporaryDir();
  const written = await synthesizeDataset({
    outDir,
    patients: 1,
    slices: 40,
    thickness: 3,
    seed: 7,
    ...artefacts,
  });
  const patient = written.patients[0];
  assert.ok(patient !== undefined);
  const truth = JSON.parse(await readFile(patient.truthPath, 'utf8')) as PatientTruth;
  const dir = readdirSync(patient.dir).includes('SERIES_2')
    ? path.join(patient.dir, 'SERIES_2')
    : patient.dir;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.dcm'))
    .map((name) => path.join(dir, name));
  const sources = fileInstanceSources(files);
  const result = await assembleVolume(sources);
  assert.equal(result.status, 'volume');
  assert.ok(result.status === 'volume');
  return { result, volume: result.volume, header: await readSeriesHeader(sources), truth };
}

const withArtefacts = phantom({ table: true, motion: true, missingSlice: false });
const withGap = phantom({ table: false, motion: false, missingSlice: true });

function codes(report: QcReport): string[] {
  return report.flags.map((flag) => flag.code);
}

function flag(report: QcReport, code: string): QcReport['flags'][number] | undefined {
  return report.flags.find((candidate) => candidate.code === code);
}

// The same volume with other voxels: what a scan with the same anatomy would have given.
function withVoxels(series: PhantomSeries, change: (hu: number) => number): VolumeResult {
  const hu = Int16Array.from(series.volume.hu, change);
  return { ...series.result, status: 'volume', volume: { ...series.volume, hu } };
}

void test(
  'flags the table and the motion ghost on exactly the slices the phantom ' + 'drew',
  async () => {
    const series = await withArtefacts;
    const report = checkSeries(series.result, series.header, CONFIG);

    assert.ok(series.truth.hasTable && series.truth.motionSliceIndices.length > 0);
    assert.ok(codes(report).includes('TABLE_IN_VIEW'), codes(report).join());
    const drawn = series.volume.slices
      .filter((slice) => series.truth.motionSliceIndices.includes((slice.instanceNumber ?? 0) - 1))
      .map((slice) => slice.index);
    assert.deepEqual(flag(report, 'MOTION_ARTEFACT')?.sliceIndices, drawn);
  },
);

void test('raises neither table nor motion without them, and finds the missing slice', async () => {
  const series = await withGap;
  const report = checkSeries(series.result, series.header, CONFIG);

  assert.ok(!series.truth.hasTable && !series.truth.hasMotion);
  assert.deepEqual(codes(report), ['MISSING_SLICES']);
  assert.equal(report.lungCoverage, 'complete');
  assert.equal(report.sliceCount, 39);
  assert.ok((report.bloodPoolUpperQuartileHu ?? Infinity) < 100);
});

void test('flags a thickness or matrix the dataset does not expect, as configured', async () => {
  const series = await withGap;
  const thinOnly = qcConfigSchema.parse({ expectedThicknessMm: [1.5] });
  const small = qcConfigSchema.parse({ expectedRows: 256, expectedColumns: 256 });

  assert.ok(
    codes(checkSeries(series.result, series.header, thinOnly)).includes('THICKNESS_UNEXPECTED'),
  );
  const report = checkSeries(series.result, series.header, small);
  assert.match(flag(report, 'MATRIX_UNEXPECTED')?.message ?? '', /512 × 512/);
});

void test('flags contrast when the mediastinal soft tissue reads like enhanced blood', async () => {
  const series = await withGap;
  // Soft tissue and blood (0–100 HU) raised by 200 HU, as an arterial phase lifts blood.
  const enhanced = withVoxels(series, (hu) => (hu > 0 && hu < 100 ? hu + 200 : hu));
  const report = checkSeries(enhanced, series.header, CONFIG);

  assert.ok(codes(report).includes('CONTRAST_ENHANCED'), codes(report).join());
  assert.ok(!codes(report).includes('MOTION_ARTEFACT'));
});

void test('flags heavy noise, and not the phantom’s own', async () => {
  const series = await withGap;
  let seed = 1;
  // A Gaussian of SD 80 HU from a fixed linear congruential stream (Box–Muller).
  const uniform = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed + 1) / 2147483649;
  };
  const noisy = withVoxels(
    series,
    (hu) => hu + 80 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
  const report = checkSeries(noisy, series.header, CONFIG);
  const clean = checkSeries(series.result, series.header, CONFIG);

  assert.ok(codes(report).includes('HEAVY_NOISE'), codes(report).join());
  assert.ok((report.noiseHu ?? 0) > 60 && (report.noiseHu ?? 0) < 100);
  assert.ok((clean.noiseHu ?? Infinity) < 30);
});

void test(
  'says the apex and base are cut off when only the middle of the lungs was ' + 'scanned',
  async () => {
    const series = await withGap;
    const { volume } = series;
    const [from, to] = [10, 30];
    const sliceVoxels = volume.rows * volume.columns;
    const middle: VolumeResult = {
      status: 'volume',
      findings: [],
      volume: {
        ...volume,
        sliceCount: to - from,
        hu: volume.hu.slice(from * sliceVoxels, to * sliceVoxels),
        slices: volume.slices.slice(from, to).map((slice, index) => ({ ...slice, index })),
      },
    };
    const report = checkSeries(middle, series.header, CONFIG);

    assert.deepEqual(
      codes(report).filter((code) => code.startsWith('LUNG_')),
      ['LUNG_APEX_CUT', 'LUNG_BASE_CUT'],
    );
    assert.equal(report.lungCoverage, 'cut');
    // Slices ascend along +z: the head end is the last one.
    assert.deepEqual(flag(report, 'LUNG_APEX_CUT')?.sliceIndices, [to - from - 1]);
  },
);

void test(
  'gives a series with undecodable pixels its error and header flags, not a ' + 'throw',
  async () => {
    const series = await withGap;
    const broken: VolumeResult = {
      status: 'not-a-volume',
      findings: [],
      problem: {
        code: 'PIXELS_UNDECODABLE',
        severity: 'error',
        message: 'the pixels of 7.dcm cannot be decoded',
        sources: ['7.dcm'],
      },
    };
    const report = checkSeries(
      broken,
      series.header,
      qcConfigSchema.parse({ expectedThicknessMm: [1.5] }),
    );

    assert.equal(report.isVolume, false);
    assert.deepEqual(codes(report), ['PIXELS_UNDECODABLE', 'THICKNESS_UNEXPECTED']);
    assert.deepEqual(flag(report, 'PIXELS_UNDECODABLE')?.sources, ['7.dcm']);
  },
);
