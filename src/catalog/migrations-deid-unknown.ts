/**
 * Migration 0006: the attributes de-identification met that Table E.1-1 and ctbank's own
 * dictionary do not know, per original study, with what was done to them and in how many
 * instances: the report a curator reads before deciding on strict mode.
 */
import type { Kysely, Migration } from 'kysely';

/** The unknown-attributes table (private: keyed by original study). */
export const deidUnknownAttributes = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('deid_unknown_attributes')
      .addColumn('original_study_instance_uid', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('vr', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('instances', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('deid_unknown_attributes_pk', [
        'original_study_instance_uid',
        'path',
        'outcome',
      ])
      .execute();
  },
});
