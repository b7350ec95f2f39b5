/**
 * Migration 0005: quality and quantification, all public (derived from de-identified data
 * only). Per series: the quality flags and whether it was chosen for analysis; the lung and
 * infection figures with the whole result as JSON and the public blobs of its Segmentation
 * objects. Per study: the one-page PNG report.
 */
import type { Kysely, Migration } from 'kysely';

/** The quality and quantification tables. */
export const quantification = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('series_quality')
      .addColumn('series_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('worst_severity', 'text')
      .addColumn('flags_json', 'text', (c) => c.notNull())
      .addColumn('chosen', 'integer', (c) => c.notNull())
      .addColumn('choice_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('series_quantification')
      .addColumn('series_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('slice_count', 'integer', (c) => c.notNull())
      .addColumn('lung_ml', 'double precision', (c) => c.notNull())
      .addColumn('left_lung_ml', 'double precision', (c) => c.notNull())
      .addColumn('right_lung_ml', 'double precision', (c) => c.notNull())
      .addColumn('ggo_percent', 'double precision', (c) => c.notNull())
      .addColumn('consolidation_percent', 'double precision', (c) => c.notNull())
      .addColumn('involvement_percent', 'double precision', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('result_json', 'text', (c) => c.notNull())
      .addColumn('lung_seg_sha256', 'text')
      .addColumn('infection_seg_sha256', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('series_quantification_study')
      .on('series_quantification')
      .column('study_instance_uid')
      .execute();

    await db.schema
      .createTable('study_reports')
      .addColumn('study_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('png_sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
});
