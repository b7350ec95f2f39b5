/**
 * Migration 0003: withdrawal and the audit's memory. The private part gains the original
 * identifying values of each patient (names, IDs, dates, institutions), recorded when the
 * patient is de-identified, so that `ctbank audit` can look for them in any output later
 * without reading the originals again. The public part gains the log of withdrawals.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from './migrations.js';

/** The withdrawal and original-values tables. */
export const withdrawal = (dialect: DialectName): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // Private: what the audit searches de-identified files for. Never served.
    await db.schema
      .createTable('identity_values')
      .addColumn('original_patient_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('identity_values_pk', ['original_patient_id', 'kind', 'value'])
      .execute();

    // Public: who withdrew which pseudonym, when and why; the patient row keeps the latest.
    await db.schema
      .createTable('withdrawals')
      .addColumn('id', 'integer', (c) =>
        dialect === 'sqlite' ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity(),
      )
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('withdrawn_by', 'text', (c) => c.notNull())
      .addColumn('withdrawn_at', 'text', (c) => c.notNull())
      .addColumn('instances_removed', 'integer', (c) => c.notNull())
      .execute();
  },
});
