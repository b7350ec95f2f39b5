/**
 * Ingest over every real file in ../shared/data/dicom, ../shared/data/deid and
 * ../shared/data/ct: each one is catalogued or rejected with the code its defect calls for.
 */
import assert from 'node:assert/strict';
import { cp, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { silentLogger } from '../log.js';
import { sha256Hex } from '../store/blob-store.js';
import { NO_SHARED_DATA, SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import { openWorkspace, type Workspace } from '../workspace/workspace.js';
import { ingest, type IngestReport } from './ingest.js';

const dicom = 'dicom/pydicom/test_files';
const charset = 'dicom/pydicom/charset_files';
const dicomData = 'dicom/pydicom-data';
const dirTests = `${dicom}/dicomdirtests`;

/** Files whose defect is known, with the code ingest must give them. */
const EXPECTED_REJECTIONS: Readonly<Record<string, string>> = {
  [`${charset}/FileInfo.txt`]: 'NOT_DICOM',
  [`${dicom}/README.txt`]: 'NOT_DICOM',
  [`${dicom}/crayons.icc`]: 'NOT_DICOM',
  [`${dicom}/rtplan.dump`]: 'NOT_DICOM',
  [`${dicom}/rtstruct.dump`]: 'NOT_DICOM',
  [`${dicom}/test1.json`]: 'NOT_DICOM',
  [`${dicom}/test_PN.json`]: 'NOT_DICOM',
  [`${dicom}/zipMR.gz`]: 'NOT_DICOM',
  // A stray byte before the data set and no preamble: no reading of it is DICOM.
  [`${dicom}/no_meta.dcm`]: 'NOT_DICOM',
  [`${dirTests}/README.txt`]: 'NOT_DICOM',
  [`${dirTests}/TINY_ALPHA/README`]: 'NOT_DICOM',
  [`${dicom}/MR_truncated.dcm`]: 'TRUNCATED',
  [`${dicom}/rtplan_truncated.dcm`]: 'TRUNCATED',
  [`${dicom}/SC_rgb_jpeg.dcm`]: 'TRUNCATED',
  [`${dicom}/nested_priv_SQ.dcm`]: 'TRUNCATED',
  [`${dicomData}/emri_small_jpeg_2k_lossless_too_short.dcm`]: 'TRUNCATED',
  [`${dicom}/meta_missing_tsyntax.dcm`]: 'MALFORMED_ELEMENT',
  [`${dirTests}/DICOMDIR-nooffset`]: 'MALFORMED_ELEMENT',
  [`${charset}/chrSQEncoding.dcm`]: 'INVALID_UID',
  [`${charset}/chrSQEncoding1.dcm`]: 'INVALID_UID',
  [`${dicom}/JPEGLSNearLossless_08.dcm`]: 'INVALID_UID',
  [`${dicom}/JPEGLSNearLossless_16.dcm`]: 'INVALID_UID',
  [`${dicom}/SC_rgb_jls_lossy_line.dcm`]: 'INVALID_UID',
  [`${dicom}/SC_rgb_jls_lossy_sample.dcm`]: 'INVALID_UID',
  [`${dicom}/UN_sequence.dcm`]: 'INVALID_UID',
  [`${dicom}/empty_charset_LEI.dcm`]: 'INVALID_UID',
  [`${dicom}/no_meta_group_length.dcm`]: 'INVALID_UID',
  [`${dicom}/priv_SQ.dcm`]: 'INVALID_UID',
  [`${dicomData}/JLSL_16_15_1_1F.dcm`]: 'INVALID_UID',
  [`${dicomData}/bad_sequence.dcm`]: 'INVALID_UID',
};

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe(
  'ingest of the real DICOM and CT corpus',
  { skip: sharedData('dicom') ? false : NO_SHARED_DATA },
  () => {
    let workspace: Workspace;
    let report: IngestReport;
    let files: string[];

    before(async () => {
      workspace = await openWorkspace({ dir: await temporaryDir() });
      const roots = ['dicom', 'deid', 'ct'].map((name) => path.join(SHARED_DATA, name));
      files = (await Promise.all(roots.map(listFiles))).flat();
      report = await ingest(workspace, { paths: roots, logger: silentLogger() });
    });

    after(async () => workspace.close());

    test('gives every file an outcome: catalogued (or an identical copy) or rejected', async () => {
      const db = workspace.catalog.db;
      const stored = await db.selectFrom('original_instances').select('sha256').execute();
      const aside = await db.selectFrom('quarantined_instances').select('sha256').execute();
      const known = new Set([...stored, ...aside].map((row) => row.sha256));
      const rejected = new Set([
        ...report.rejected.map((rejection) => rejection.path),
        ...report.dicomdirs.map((dicomdir) => dicomdir.path),
      ]);

      const without: string[] = [];
      for (const file of files) {
        if (!rejected.has(file) && !known.has(sha256Hex(await readFile(file)))) without.push(file);
      }
      assert.deepEqual(without, []);
    });

    test('rejects each known defect with its code', () => {
      const codeOf = new Map(report.rejected.map((rejection) => [rejection.path, rejection.code]));
      for (const [relative, code] of Object.entries(EXPECTED_REJECTIONS)) {
        assert.equal(codeOf.get(path.join(SHARED_DATA, relative)), code, relative);
      }
    });

    test('checks each DICOMDIR against the files beside it, without storing it', () => {
      const byName = new Map(
        report.dicomdirs.map((dicomdir) => [path.relative(SHARED_DATA, dicomdir.path), dicomdir]),
      );
      const tiny = byName.get(`${dirTests}/TINY_ALPHA/DICOMDIR`);
      assert.deepEqual([tiny?.referencedFiles, tiny?.missingFiles], [50, []]);
      for (const variant of [
        'DICOMDIR',
        'DICOMDIR-implicit',
        'DICOMDIR-bigEnd',
        'DICOMDIR-reordered',
      ]) {
        const dicomdir = byName.get(`${dirTests}/${variant}`);
        assert.deepEqual([dicomdir?.referencedFiles, dicomdir?.missingFiles], [31, []], variant);
      }
      assert.equal(byName.get(`${dirTests}/DICOMDIR-empty.dcm`)?.referencedFiles, 0);
    });

    test('rejects the COVID series whose UIDs are not UIDs, naming the attribute', () => {
      const p002 = report.rejected.filter((rejection) =>
        rejection.path.includes('/COVID-19/P002/'),
      );
      assert.equal(p002.length, 133);
      assert.ok(p002.every((rejection) => rejection.code === 'INVALID_UID'));
      assert.match(p002[0]?.reason ?? '', /StudyInstanceUID ".+" is not a valid UID/);
      assert.match(p002[0]?.reason ?? '', /SOPInstanceUID is missing/);
    });

    test('sets aside both sides of every UID that arrived with different content', () => {
      const conflicts = report.rejected.filter((rejection) => rejection.code === 'UID_CONFLICT');
      assert.ok(conflicts.length > 0, 'the corpus holds one instance in several transfer syntaxes');

      const byUid = new Map<string, number>();
      for (const conflict of conflicts) {
        const uid = /SOP Instance UID (\S+)/.exec(conflict.reason)?.[1] ?? '';
        byUid.set(uid, (byUid.get(uid) ?? 0) + 1);
      }
      for (const [uid, count] of byUid) assert.ok(count >= 2, `${uid} has only one side reported`);
    });

    test('catalogues the real CT series completely', async () => {
      const counts = await workspace.catalog.db
        .selectFrom('original_instances')
        .select(['series_instance_uid', (eb) => eb.fn.countAll<number>().as('n')])
        .where('source_path', 'like', `%/ct/covid-ct-md/%`)
        .groupBy('series_instance_uid')
        .execute();
      assert.deepEqual(counts.map((row) => Number(row.n)).sort(), [148, 154]);
    });

    test('changes nothing when the same input is ingested again', async () => {
      const before = await workspace.catalog.db
        .selectFrom('original_instances')
        .selectAll()
        .orderBy('sop_instance_uid')
        .execute();
      const again = await ingest(workspace, {
        paths: [path.join(SHARED_DATA, 'ct')],
        logger: silentLogger(),
      });
      const after = await workspace.catalog.db
        .selectFrom('original_instances')
        .selectAll()
        .orderBy('sop_instance_uid')
        .execute();

      assert.equal(again.newInstances, 0);
      assert.equal(after.length, before.length);
      assert.deepEqual(
        after.map((row) => [row.sop_instance_uid, row.sha256, row.status]),
        before.map((row) => [row.sop_instance_uid, row.sha256, row.status]),
      );
    });
  },
);

test(
  'names the files a DICOMDIR lists that did not arrive',
  {
    skip: sharedData('dicom') ? false : NO_SHARED_DATA,
  },
  async () => {
    const medium = path.join(await temporaryDir(), 'TINY_ALPHA');
    await cp(path.join(SHARED_DATA, dirTests, 'TINY_ALPHA'), medium, { recursive: true });
    const lost = path.join(medium, 'PT000000', 'ST000000', 'SE000000', 'IM000007');
    await rm(lost);

    const workspace = await openWorkspace({ dir: await temporaryDir() });
    try {
      const report = await ingest(workspace, { paths: [medium], logger: silentLogger() });
      assert.deepEqual(report.dicomdirs[0]?.missingFiles, [lost]);
    } finally {
      await workspace.close();
    }
  },
);
