/**
 * Which series speaks for a study, on SQLite and PostgreSQL: the chosen one, else the only one
 * measured; a study with several measured series and none chosen has no figure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { workspaceWithStudies } from '../reading/reading-fixture.js';
import { catalogTargets } from '../testing/catalog-targets.js';
import { studyQuantification } from './study-quantification.js';

async function measured(
  db: Kysely<Database>,
  study: string,
  series: string,
  involvement: number,
  chosen?: boolean,
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('series_quantification')
    .values({
      series_instance_uid: series,
      study_instance_uid: study,
      slice_count: 4,
      lung_ml: 1,
      left_lung_ml: 0.5,
      right_lung_ml: 0.5,
      ggo_percent: involvement,
      consolidation_percent: 0,
      involvement_percent: involvement,
      severity: `CT-${Math.round(involvement / 25)}`,
      result_json: '{}',
      lung_seg_sha256: null,
      infection_seg_sha256: null,
      created_at: now,
    })
    .execute();
  if (chosen === undefined) return;
  await db
    .insertInto('series_quality')
    .values({
      series_instance_uid: series,
      study_instance_uid: study,
      worst_severity: null,
      flags_json: '[]',
      chosen: chosen ? 1 : 0,
      choice_reason: null,
      created_at: now,
    })
    .execute();
}

for (const target of catalogTargets()) {
  test(
    `the chosen series, else the only one, speaks for a study on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const { workspace, studyUids } = await workspaceWithStudies(target, 3);
      const db = workspace.catalog.db;
      const [chosen = '', only = '', ambiguous = ''] = studyUids;
      try {
        await measured(db, chosen, '2.25.11', 80, false);
        await measured(db, chosen, '2.25.12', 40, true);
        await measured(db, only, '2.25.21', 10);
        await measured(db, ambiguous, '2.25.31', 20);
        await measured(db, ambiguous, '2.25.32', 30, false);
        await measured(db, '2.25.9999', '2.25.41', 50, true);

        const figures = await studyQuantification(db);

        assert.deepEqual(
          [...figures.values()].map((f) => [f.studyInstanceUid, f.involvementPercent, f.severity]),
          [
            [chosen, 40, 'CT-2'],
            [only, 10, 'CT-0'],
          ],
          'no pick among unchosen series, nothing of a study not in the public tables',
        );
      } finally {
        await workspace.close();
      }
    },
  );
}
