/**
 * Migration 0004: reading. The public part gains the reading forms, readers, assignments,
 * reads (never updated: a correction is a new row), adjudications and clinical data by
 * pseudonym; the private part gains the clinical rows as received, keyed by the hospital's
 * patient ID.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from './migrations.js';

/** The reading, adjudication and clinical tables. */
export const reading = (dialect: DialectName): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const identity = dialect === 'sqlite';

    await db.schema
      .createTable('reading_forms')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('readers')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('reading_assignments')
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('reader', 'text', (c) => c.notNull().references('readers.name'))
      .addColumn('duty', 'text', (c) => c.notNull())
      .addColumn('slot', 'integer', (c) => c.notNull())
      .addColumn('worklist_position', 'integer', (c) => c.notNull())
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reading_assignments_pk', ['study_instance_uid', 'reader'])
      .execute();

    await db.schema
      .createTable('reads')
      .addColumn('id', 'integer', (c) =>
        identity ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity(),
      )
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('reader', 'text', (c) => c.notNull().references('readers.name'))
      .addColumn('form_version', 'text', (c) => c.notNull().references('reading_forms.version'))
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      // Unique: a read is corrected once; the next correction supersedes the correction.
      .addColumn('supersedes', 'integer', (c) => c.unique().references('reads.id'))
      .addColumn('correction_reason', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reads_study').on('reads').column('study_instance_uid').execute();

    await db.schema
      .createTable('adjudications')
      .addColumn('id', 'integer', (c) =>
        identity ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity(),
      )
      .addColumn('study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('finding', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull().references('readers.name'))
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('read_ids', 'text', (c) => c.notNull())
      .addUniqueConstraint('adjudications_item', ['study_instance_uid', 'finding', 'read_ids'])
      .execute();

    await db.schema
      .createTable('clinical_patients')
      .addColumn('patient_id', 'text', (c) => c.primaryKey())
      .addColumn('age', 'integer')
      .addColumn('sex', 'text')
      .addColumn('comorbidities', 'text', (c) => c.notNull())
      .addColumn('rt_pcr', 'text')
      .addColumn('rt_pcr_date', 'text')
      .addColumn('symptoms', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .execute();

    // Private: the rows as the hospital sent them. Never served.
    await db.schema
      .createTable('clinical_originals')
      .addColumn('original_patient_id', 'text', (c) => c.primaryKey())
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('age', 'integer')
      .addColumn('rt_pcr_date', 'text')
      .addColumn('received_row', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .execute();
  },
});
