/**
 * What the overview table is computed from, read from the catalog: each public patient with
 * the true age (clinical data, else the headers' true age in the private part) and sex, each
 * public study with its true acquisition month, scanners and slice thicknesses. True dates and
 * ages never leave this module except as the table's aggregates.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { ageInYears } from '../deid/patient-age.js';

/** One public patient as the table counts them. */
export interface OverviewPatient {
  readonly patientId: string;
  readonly age: number | null;
  readonly ageSource: 'clinical' | 'headers' | null;
  readonly sex: string | null;
  /** Null when no clinical row was imported. */
  readonly clinical: {
    readonly comorbidities: readonly string[];
    readonly symptoms: readonly string[];
    readonly rtPcr: string | null;
  } | null;
}

/** One public study as the table counts them. */
export interface OverviewStudy {
  readonly studyInstanceUid: string;
  /** YYYY-MM of the true study date. */
  readonly month: string | null;
  readonly scanners: readonly string[];
  /** The slice thickness of each series (its most common value), mm. */
  readonly sliceThicknesses: readonly number[];
}

/** The public patients, not withdrawn, with their true age and sex. */
export async function overviewPatients(db: Kysely<Database>): Promise<OverviewPatient[]> {
  const patients = await db
    .selectFrom('patients')
    .select(['patient_id', 'patient_sex'])
    .where('withdrawn_at', 'is', null)
    .orderBy('patient_id')
    .execute();
  const clinical = new Map(
    (await db.selectFrom('clinical_patients').selectAll().execute()).map((row) => [
      row.patient_id,
      row,
    ]),
  );
  const clinicalAges = new Map(
    (await db.selectFrom('clinical_originals').select(['pseudonym', 'age']).execute()).map(
      (row) => [row.pseudonym, row.age],
    ),
  );
  const headerAges = await trueHeaderAges(db);

  return patients.map((patient) => {
    const row = clinical.get(patient.patient_id);
    const clinicalAge = clinicalAges.get(patient.patient_id) ?? null;
    const headerAge = headerAges.get(patient.patient_id) ?? null;
    const age = clinicalAge ?? headerAge;
    return {
      patientId: patient.patient_id,
      age,
      ageSource: clinicalAge !== null ? 'clinical' : headerAge !== null ? 'headers' : null,
      sex: row?.sex ?? patient.patient_sex,
      clinical:
        row === undefined
          ? null
          : {
              comorbidities: JSON.parse(row.comorbidities) as string[],
              symptoms: JSON.parse(row.symptoms) as string[],
              rtPcr: row.rt_pcr,
            },
    };
  });
}

/** The public studies with their true month, scanners and slice thicknesses. */
export async function overviewStudies(db: Kysely<Database>): Promise<OverviewStudy[]> {
  const studies = await db
    .selectFrom('studies as st')
    .innerJoin('patients as p', 'p.patient_id', 'st.patient_id')
    .leftJoin('identity_studies as id', 'id.study_instance_uid', 'st.study_instance_uid')
    .select(['st.study_instance_uid', 'id.true_study_date'])
    .where('p.withdrawn_at', 'is', null)
    .orderBy('st.study_instance_uid')
    .execute();
  const series = await db
    .selectFrom('series')
    .select([
      'series_instance_uid',
      'study_instance_uid',
      'manufacturer',
      'manufacturer_model_name',
    ])
    .execute();
  const thickness = await seriesThickness(db);

  return studies.map((study) => {
    const own = series.filter((row) => row.study_instance_uid === study.study_instance_uid);
    const date = /^(\d{4})(\d{2})/.exec(study.true_study_date ?? '');
    const scanners = own.map((row) =>
      [row.manufacturer, row.manufacturer_model_name].filter((part) => part !== null).join(' '),
    );
    return {
      studyInstanceUid: study.study_instance_uid,
      month: date === null ? null : `${date[1]}-${date[2]}`,
      scanners: [...new Set(scanners.filter((name) => name !== ''))],
      sliceThicknesses: own.flatMap((row) => {
        const mm = thickness.get(row.series_instance_uid);
        return mm === undefined ? [] : [mm];
      }),
    };
  });
}

// The true age at the patient's first study, from the private part (the public one caps it).
async function trueHeaderAges(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('identity_studies as id')
    .innerJoin('studies as st', 'st.study_instance_uid', 'id.study_instance_uid')
    .select(['st.patient_id', 'id.true_age', 'id.true_study_date'])
    .orderBy('id.true_study_date')
    .execute();
  const ages = new Map<string, number>();
  for (const row of rows) {
    const years = ageInYears(row.true_age ?? '');
    if (years !== undefined && !ages.has(row.patient_id)) ages.set(row.patient_id, years);
  }
  return ages;
}

// The most common slice thickness among each series' instances, mm.
async function seriesThickness(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('instances')
    .select((eb) => ['series_instance_uid', 'slice_thickness', eb.fn.countAll<number>().as('n')])
    .where('slice_thickness', 'is not', null)
    .groupBy(['series_instance_uid', 'slice_thickness'])
    .execute();
  const best = new Map<string, { mm: number; n: number }>();
  for (const row of rows) {
    const n = Number(row.n);
    const held = best.get(row.series_instance_uid);
    if (held === undefined || n > held.n) {
      best.set(row.series_instance_uid, { mm: Number(row.slice_thickness), n });
    }
  }
  return new Map([...best].map(([uid, { mm }]) => [uid, mm]));
}
