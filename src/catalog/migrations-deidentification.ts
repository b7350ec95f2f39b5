/**
 * Migration 0002: de-identification. The private part gains the identity mapping (pseudonyms,
 * date offsets, replaced UIDs, true values for statistics), the quarantine and the log of
 * re-identification requests; the public part gains the de-identified patients, studies,
 * series and instances that the rest of the workflow and every public face use.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from './migrations.js';

/** The de-identification tables. */
export const deidentification = (dialect: DialectName): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // Private: the identity mapping. Nothing here may reach a public face.
    await db.schema
      .createTable('identity_patients')
      .addColumn('original_patient_id', 'text', (c) => c.primaryKey())
      .addColumn('pseudonym', 'text', (c) => c.notNull().unique())
      .addColumn('number', 'integer', (c) => c.notNull().unique())
      .addColumn('date_offset_days', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('identity_uids')
      .addColumn('original_uid', 'text', (c) => c.primaryKey())
      .addColumn('deidentified_uid', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('identity_uids_deidentified')
      .on('identity_uids')
      .column('deidentified_uid')
      .execute();

    await db.schema
      .createTable('identity_studies')
      .addColumn('original_study_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('true_age', 'text')
      .addColumn('true_study_date', 'text')
      .execute();

    await db.schema
      .createTable('deid_quarantine')
      .addColumn('original_sop_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('reidentification_log')
      .addColumn('id', 'integer', (c) =>
        dialect === 'sqlite' ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity(),
      )
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('found', 'integer', (c) => c.notNull())
      .execute();

    // Public: de-identified rows only.
    await db.schema
      .createTable('patients')
      .addColumn('patient_id', 'text', (c) => c.primaryKey())
      .addColumn('patient_sex', 'text')
      .addColumn('patient_age', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdrawal_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('studies')
      .addColumn('study_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.patient_id'))
      .addColumn('study_date', 'text')
      .addColumn('study_time', 'text')
      .addColumn('study_description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('series')
      .addColumn('series_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('study_instance_uid', 'text', (c) =>
        c.notNull().references('studies.study_instance_uid'),
      )
      .addColumn('modality', 'text')
      .addColumn('series_number', 'integer')
      .addColumn('series_description', 'text')
      .addColumn('body_part_examined', 'text')
      .addColumn('manufacturer', 'text')
      .addColumn('manufacturer_model_name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('instances')
      .addColumn('sop_instance_uid', 'text', (c) => c.primaryKey())
      .addColumn('series_instance_uid', 'text', (c) =>
        c.notNull().references('series.series_instance_uid'),
      )
      .addColumn('sop_class_uid', 'text', (c) => c.notNull())
      .addColumn('transfer_syntax_uid', 'text', (c) => c.notNull())
      .addColumn('instance_number', 'integer')
      .addColumn('rows', 'integer')
      .addColumn('columns', 'integer')
      .addColumn('slice_thickness', 'double precision')
      .addColumn('image_position_patient', 'text')
      .addColumn('image_orientation_patient', 'text')
      .addColumn('pixel_spacing', 'text')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('instances_series')
      .on('instances')
      .column('series_instance_uid')
      .execute();
  },
});
