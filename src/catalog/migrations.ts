/**
 * Catalog migrations, written once with Kysely's schema builder so the same steps run on SQLite
 * and PostgreSQL. A migration is never edited after release; changes come as new ones.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { deidUnknownAttributes } from './migrations-deid-unknown.js';
import { deidentification } from './migrations-deidentification.js';
import { quantification } from './migrations-quantification.js';
import { reading } from './migrations-reading.js';
import { withdrawal } from './migrations-withdrawal.js';

/** The SQL dialect a catalog runs on. */
export type DialectName = 'sqlite' | 'postgres';

const initial = (dialect: DialectName): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('original_patients')
      .addColumn('patient_id', 'text', (c) => c.primaryKey())
      .addColumn('patient_name', 'text')
      .addColumn('issuer_of_patient_id', 'text')
      .addColumn('patient_birth_date', 'text')
      .addColumn('patient_sex', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('original_studies')
      .addColumn('study_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) =>
        c.notNull().references('original_patients.patient_id'),
      )
      .addColumn('study_date', 'text')
      .addColumn('study_time', 'text')
      .addColumn('accession_number', 'text')
      .addColumn('referring_physician_name', 'text')
      .addColumn('institution_name', 'text')
      .addColumn('study_description', 'text')
      .addColumn('study_id', 'text')
      .addColumn('patient_age', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('original_studies_patient')
      .on('original_studies')
      .column('patient_id')
      .execute();

    await db.schema
      .createTable('original_series')
      .addColumn('series_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('study_instance_uid', 'text', (c) =>
        c.notNull().references('original_studies.study_instance_uid'),
      )
      .addColumn('modality', 'text')
      .addColumn('series_number', 'integer')
      .addColumn('series_description', 'text')
      .addColumn('series_date', 'text')
      .addColumn('body_part_examined', 'text')
      .addColumn('manufacturer', 'text')
      .addColumn('manufacturer_model_name', 'text')
      .addColumn('frame_of_reference_uid', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('original_series_study')
      .on('original_series')
      .column('study_instance_uid')
      .execute();

    await db.schema
      .createTable('original_instances')
      .addColumn('sop_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('series_instance_uid', 'text', (c) =>
        c.notNull().references('original_series.series_instance_uid'),
      )
      .addColumn('sop_class_uid', 'text', (c) => c.notNull())
      .addColumn('transfer_syntax_uid', 'text', (c) => c.notNull())
      .addColumn('instance_number', 'integer')
      .addColumn('acquisition_number', 'integer')
      .addColumn('image_type', 'text')
      .addColumn('rows', 'integer')
      .addColumn('columns', 'integer')
      .addColumn('bits_allocated', 'integer')
      .addColumn('number_of_frames', 'integer')
      .addColumn('slice_thickness', 'double precision')
      .addColumn('slice_location', 'double precision')
      .addColumn('image_position_patient', 'text')
      .addColumn('image_orientation_patient', 'text')
      .addColumn('pixel_spacing', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', (c) => c.notNull())
      .addColumn('source_path', 'text', (c) => c.notNull())
      .addColumn('has_preamble', 'integer', (c) => c.notNull())
      .addColumn('uids_repaired', 'integer', (c) => c.notNull())
      .addColumn('ingest_run_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('original_instances_series')
      .on('original_instances')
      .column('series_instance_uid')
      .execute();
    await db.schema
      .createIndex('original_instances_sha256')
      .on('original_instances')
      .column('sha256')
      .execute();

    await db.schema
      .createTable('ingest_runs')
      .addColumn('id', 'integer', (c) =>
        // SQLite numbers an INTEGER PRIMARY KEY itself; PostgreSQL needs an identity column.
        dialect === 'sqlite' ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity(),
      )
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('inputs', 'text', (c) => c.notNull())
      .addColumn('new_instances', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ingest_rejections')
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text')
      .addColumn('sop_instance_uid', 'text')
      .addColumn('first_run_id', 'integer', (c) => c.notNull())
      .addColumn('last_run_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('ingest_rejections_pk', ['path', 'code'])
      .execute();

    await db.schema
      .createTable('quarantined_instances')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('sop_instance_uid', 'text', (c) => c.notNull())
      .addColumn('source_path', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('ingest_run_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('uid_repairs')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('original_value', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('repaired_uid', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('uid_repairs_pk', ['level', 'original_value', 'scope'])
      .execute();

    await db.schema
      .createTable('stage_runs')
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('input_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addPrimaryKeyConstraint('stage_runs_pk', ['study_instance_uid', 'stage'])
      .execute();
  },
});

/** The ordered migrations, by name, for one dialect. */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        '0001-initial': initial(dialect),
        '0002-deidentification': deidentification(dialect),
        '0003-withdrawal': withdrawal(dialect),
        '0004-reading': reading(dialect),
        '0005-quantification': quantification(),
        '0006-deid-unknown-attributes': deidUnknownAttributes(),
      }),
  };
}
