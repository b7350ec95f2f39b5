/**
 * `ctbank clinical import`: the hospital's clinical table (columns `patientId`, `age`, `sex`,
 * `comorbidities`, `rtPcr`, `rtPcrDate`, `symptoms`). Each row is linked to its pseudonym
 * through the private identity mapping; the public row carries the pseudonym, an age capped at
 * 90, controlled terms and an RT-PCR date shifted like every public date. The row as received
 * stays in the private part. Bad rows are reported by line and reason, and never echo the
 * hospital's patient ID; good rows load.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../catalog/schema.js';
import type { CsvRow, CsvTable } from '../csv/csv-table.js';
import { shiftDate } from '../deid/date-shift.js';
import { CtbankError } from '../errors.js';
import { COMORBIDITIES, mapTerms, SYMPTOMS } from './clinical-terms.js';

/** The columns a clinical CSV must have. */
export const CLINICAL_COLUMNS = [
  'patientId',
  'age',
  'sex',
  'comorbidities',
  'rtPcr',
  'rtPcrDate',
  'symptoms',
] as const;

/** The oldest age published as such (HIPAA Safe Harbor); older patients are published as 90. */
const OLDEST_PUBLISHED_AGE = 90;

/** What happened to one row. */
export type ClinicalRowResult =
  | { readonly line: number; readonly status: 'loaded'; readonly patientId: string }
  | { readonly line: number; readonly status: 'rejected'; readonly reason: string };

const SEXES: Readonly<Record<string, 'M' | 'F' | 'O'>> = {
  m: 'M',
  male: 'M',
  man: 'M',
  f: 'F',
  female: 'F',
  woman: 'F',
  o: 'O',
  other: 'O',
};

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

const rowSchema = z.object({
  patientId: z.string().trim().min(1, 'patientId is empty'),
  age: optional(z.coerce.number().int('age is not whole years').min(0).max(130)),
  sex: optional(
    z
      .string()
      .transform((text) => SEXES[text.trim().toLowerCase()])
      .refine((sex) => sex !== undefined, 'sex is not M, F or O'),
  ),
  rtPcr: optional(
    z
      .string()
      .transform((text) => text.trim().toLowerCase())
      .pipe(z.enum(['positive', 'negative'], 'rtPcr is not positive or negative')),
  ),
  rtPcrDate: optional(
    z
      .string()
      .transform((text) => text.trim().replace(/-/g, ''))
      .refine((text) => shiftDate(text, 0) !== undefined, 'rtPcrDate is not a date (YYYY-MM-DD)'),
  ),
  comorbidities: z.string().default(''),
  symptoms: z.string().default(''),
});

/** Loads every valid row; the report has one result per data row. */
export async function importClinical(
  db: Kysely<Database>,
  table: CsvTable,
): Promise<ClinicalRowResult[]> {
  const missing = CLINICAL_COLUMNS.filter((column) => !table.columns.includes(column));
  if (missing.length > 0) {
    throw new CtbankError('USAGE', `the CSV lacks the columns ${missing.join(', ')}`);
  }

  const results: ClinicalRowResult[] = [];
  for (const row of table.rows) {
    try {
      results.push(await importRow(db, row));
    } catch (thrown) {
      if (!(thrown instanceof CtbankError) || thrown.code !== 'CLINICAL_INVALID') throw thrown;
      results.push({ line: row.line, status: 'rejected', reason: thrown.message });
    }
  }
  return results;
}

async function importRow(db: Kysely<Database>, row: CsvRow): Promise<ClinicalRowResult> {
  const parsed = rowSchema.safeParse(row.cells);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const values = parsed.data;
  const comorbidities = mapTerms(COMORBIDITIES, values.comorbidities);
  const symptoms = mapTerms(SYMPTOMS, values.symptoms);
  const unknown = [
    ...comorbidities.unknown.map((t) => `unknown comorbidity "${t}"`),
    ...symptoms.unknown.map((t) => `unknown symptom "${t}"`),
  ];
  if (unknown.length > 0) throw invalid(unknown.join('; '));

  const identity = await db
    .selectFrom('identity_patients')
    .select(['pseudonym', 'date_offset_days'])
    .where('original_patient_id', '=', values.patientId)
    .executeTakeFirst();
  if (identity === undefined) {
    throw invalid('patientId is not in the identity mapping (is the patient de-identified?)');
  }

  const now = new Date().toISOString();
  const publicDate =
    values.rtPcrDate === undefined || identity.date_offset_days === null
      ? null
      : (shiftDate(values.rtPcrDate, identity.date_offset_days) ?? null);
  const publicRow = {
    patient_id: identity.pseudonym,
    age: values.age === undefined ? null : Math.min(values.age, OLDEST_PUBLISHED_AGE),
    sex: values.sex ?? null,
    comorbidities: JSON.stringify(comorbidities.keys),
    rt_pcr: values.rtPcr ?? null,
    rt_pcr_date: publicDate,
    symptoms: JSON.stringify(symptoms.keys),
    imported_at: now,
  };
  const privateRow = {
    original_patient_id: values.patientId,
    pseudonym: identity.pseudonym,
    age: values.age ?? null,
    rt_pcr_date: values.rtPcrDate ?? null,
    received_row: JSON.stringify(row.cells),
    imported_at: now,
  };

  // A later import of the same patient replaces the earlier one, in both parts at once.
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('clinical_patients')
      .values(publicRow)
      .onConflict((conflict) => conflict.column('patient_id').doUpdateSet(publicRow))
      .execute();
    await trx
      .insertInto('clinical_originals')
      .values(privateRow)
      .onConflict((conflict) => conflict.column('original_patient_id').doUpdateSet(privateRow))
      .execute();
  });
  return { line: row.line, status: 'loaded', patientId: identity.pseudonym };
}

function invalid(reason: string): CtbankError {
  return new CtbankError('CLINICAL_INVALID', reason);
}
