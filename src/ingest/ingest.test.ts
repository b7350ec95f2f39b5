/**
 * Ingest behaviour on both catalog back ends: counts, idempotence, UID conflicts and UID
 * repair, on real CT files from ../shared/data/ct.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { silentLogger } from '../log.js';
import { catalogTargets, databaseFor } from '../testing/catalog-targets.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import { openWorkspace, type Workspace } from '../workspace/workspace.js';
import { ingest } from './ingest.js';

const threeSlices = sharedData('ct/dcmqi-ct-3slice');
const stonyBrook = sharedData('ct/covid-19-ny-sbu');
const p002 = sharedData('ct/covid-ct-md/COVID-19/P002');
const noData = threeSlices === undefined || stonyBrook === undefined || p002 === undefined;

async function freshWorkspace(databaseUrl: string | undefined, dir?: string): Promise<Workspace> {
  const location = { dir: dir ?? (await temporaryDir()) };
  return openWorkspace(databaseUrl === undefined ? location : { ...location, databaseUrl });
}

for (const target of catalogTargets()) {
  describe(
    `ingest on ${target.dialect}`,
    { skip: noData ? NO_SHARED_DATA : (target.skip ?? false) },
    () => {
      test('catalogues patients, studies, series and instances with their hashes', async () => {
        const workspace = await freshWorkspace(await databaseFor(target));
        try {
          const report = await ingest(workspace, {
            paths: [threeSlices ?? '', stonyBrook ?? ''],
            logger: silentLogger(),
          });

          assert.deepEqual(
            [report.patients, report.studies, report.series, report.instances, report.newInstances],
            [4, 6, 6, 8, 8],
          );
          assert.equal(report.rejected.length, 0);
          const rows = await workspace.catalog.db
            .selectFrom('original_instances')
            .selectAll()
            .execute();
          for (const row of rows) {
            assert.equal(row.sha256.length, 64);
            assert.ok(
              await workspace.privateStore.has(row.sha256),
              'original is in the private zone',
            );
            assert.equal((await workspace.privateStore.read(row.sha256)).length, row.size_bytes);
          }
        } finally {
          await workspace.close();
        }
      });

      test('changes nothing when run again on the same input', async () => {
        const workspace = await freshWorkspace(await databaseFor(target));
        try {
          const paths = [threeSlices ?? ''];
          await ingest(workspace, { paths, logger: silentLogger() });
          const again = await ingest(workspace, { paths, logger: silentLogger() });

          assert.equal(again.newInstances, 0);
          assert.equal(again.unchangedInstances, 3);
          assert.equal(again.instances, 3);
        } finally {
          await workspace.close();
        }
      });

      test('sets aside both files when one SOP Instance UID has two contents', async () => {
        const workspace = await freshWorkspace(await databaseFor(target));
        const altered = path.join(await temporaryDir(), 'altered');
        await mkdir(altered);
        const original = path.join(threeSlices ?? '', '01.dcm');
        const bytes = await readFile(original);
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
        await writeFile(path.join(altered, '01-altered.dcm'), bytes);

        try {
          await ingest(workspace, { paths: [threeSlices ?? ''], logger: silentLogger() });
          const report = await ingest(workspace, { paths: [altered], logger: silentLogger() });

          const conflicts = report.rejected.filter(
            (rejection) => rejection.code === 'UID_CONFLICT',
          );
          assert.deepEqual(conflicts.map((c) => path.basename(c.path)).sort(), [
            '01-altered.dcm',
            '01.dcm',
          ]);
          assert.equal(report.instances, 2, 'the first version no longer counts as catalogued');
          const aside = await workspace.catalog.db
            .selectFrom('quarantined_instances')
            .selectAll()
            .execute();
          assert.equal(aside.length, 1);
          assert.ok(await workspace.privateStore.has(aside[0]?.sha256 ?? ''), 'kept, not deleted');
        } finally {
          await workspace.close();
        }
      });

      test('gives invalid UIDs new ones consistently with --repair-uids, per secret', async () => {
        const databaseUrl = await databaseFor(target);
        const workspace = await freshWorkspace(databaseUrl);
        try {
          const report = await ingest(workspace, {
            paths: [p002 ?? ''],
            repairUids: true,
            logger: silentLogger(),
          });
          assert.deepEqual([report.studies, report.series, report.instances], [1, 1, 133]);
          assert.equal(report.rejected.length, 0);
          assert.ok(report.repairedUids.every((repair) => repair.repairedUid.startsWith('2.25.')));

          const keywords = new Set(report.repairedUids.map((repair) => repair.keyword));
          assert.deepEqual([...keywords].sort(), [
            'SOPInstanceUID',
            'SeriesInstanceUID',
            'StudyInstanceUID',
          ]);
          const studyUid = report.studiesTouched[0] ?? '';

          const sameSecret = await temporaryDir();
          await mkdir(path.join(sameSecret, 'private'), { recursive: true });
          await copyFile(
            path.join(workspace.dir, 'private', 'secret.key'),
            path.join(sameSecret, 'private', 'secret.key'),
          );
          const twin = await openWorkspace({ dir: sameSecret });
          const other = await openWorkspace({ dir: await temporaryDir() });
          const twinReport = await ingest(twin, {
            paths: [p002 ?? ''],
            repairUids: true,
            logger: silentLogger(),
          });
          const otherReport = await ingest(other, {
            paths: [p002 ?? ''],
            repairUids: true,
            logger: silentLogger(),
          });
          await twin.close();
          await other.close();

          assert.equal(twinReport.studiesTouched[0], studyUid, 'same secret, same UIDs');
          assert.notEqual(otherReport.studiesTouched[0], studyUid, 'another secret, other UIDs');
        } finally {
          await workspace.close();
        }
      });
    },
  );
}
