/**
 * What the de-identification stage resolves in the catalog for the worker threads, which cannot
 * reach it: each patient's pseudonym (allocated when the first instance of the patient reaches
 * de-identification, catalog-pseudonym-registry.ts) and whether that patient was withdrawn.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CatalogPseudonymRegistry } from './catalog-pseudonym-registry.js';

/** Pseudonyms and withdrawals of the patients met so far in one study. */
export class StudyPatients {
  private readonly registry: CatalogPseudonymRegistry;
  private readonly byPatientId: Record<string, string> = {};
  private readonly withdrawnPseudonyms: string[] = [];

  constructor(private readonly db: Kysely<Database>) {
    this.registry = new CatalogPseudonymRegistry(db);
  }

  /** Trimmed original Patient ID to pseudonym, for every patient resolved. */
  get pseudonyms(): Readonly<Record<string, string>> {
    return this.byPatientId;
  }

  /** True once one patient is resolved. */
  get any(): boolean {
    return Object.keys(this.byPatientId).length > 0;
  }

  /** The pseudonyms of resolved patients who were withdrawn. */
  get withdrawn(): readonly string[] {
    return this.withdrawnPseudonyms;
  }

  /** Resolves the pseudonym (allocating it when new) and the withdrawal of each patient. */
  async resolve(originalPatientIds: readonly string[]): Promise<void> {
    for (const originalPatientId of originalPatientIds) {
      const key = originalPatientId.trim();
      if (key === '' || Object.hasOwn(this.byPatientId, key)) continue;

      const pseudonym = await this.registry.pseudonymFor(key);
      this.byPatientId[key] = pseudonym;
      if (await this.isWithdrawn(pseudonym)) this.withdrawnPseudonyms.push(pseudonym);
    }
  }

  // A withdrawn patient stays withdrawn: new or re-processed instances are held back.
  private async isWithdrawn(pseudonym: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('patients')
      .select('withdrawn_at')
      .where('patient_id', '=', pseudonym)
      .executeTakeFirst();
    return row?.withdrawn_at !== undefined && row.withdrawn_at !== null;
  }
}
